using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Action;

/// <summary>
/// What every command runs with: where it writes, the environment it reads (never the process's own in tests), how it
/// speaks to the Actions runner, whether a person is watching, the clock, and how secrets are read.
/// </summary>
/// <param name="Output">Standard output: only the result (the report, the JSON document or the link).</param>
/// <param name="Error">Standard error: progress, errors and, on the command line, workflow commands.</param>
/// <param name="Environment">The variables the program reads (<c>INPUT_*</c>, <c>GITHUB_*</c>, tokens).</param>
/// <param name="Commands">Workflow commands (masks, annotations, outputs, job summary): on standard output inside the
/// Action, on standard error on the command line, so standard output stays the result alone.</param>
/// <param name="Terminal">Whether a person is watching (a live count, demo waiting for Enter).</param>
/// <param name="Time">The clock (GitHub's rate-limit waits, Core's timings).</param>
/// <param name="ConfigureSecrets">Adjusts how secrets are read (tests point Key Vault at a local endpoint).</param>
/// <param name="CancellationToken">Ctrl-C.</param>
internal sealed record CommandContext(
    TextWriter Output, TextWriter Error, IReadOnlyDictionary<string, string> Environment, WorkflowCommands Commands, Terminal Terminal,
    TimeProvider Time, Action<SecretStoreOptions>? ConfigureSecrets, CancellationToken CancellationToken)
{
    /// <summary>Reports to GitHub with <paramref name="token"/> (check run, deployment status, pull-request comment).</summary>
    public GitHubReporter GitHubReporter(string token) => new(Environment, token, Commands, Time);
}
