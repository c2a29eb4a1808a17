using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Action;

/// <summary>
/// One program, two front doors: the GitHub Action (no arguments, <c>GITHUB_ACTIONS=true</c>, inputs in <c>INPUT_*</c>,
/// <see cref="ActionCommand"/>) and the command line (<c>check</c>, <c>mint</c>, <c>demo</c>, <see cref="CommandLine"/>).
/// Exit codes in <see cref="ExitCodes"/>. On the command line standard output carries only the result (the report, the
/// JSON document or the link); progress, errors and, inside GitHub Actions, workflow commands go to standard error.
/// </summary>
internal static class ActionProgram
{
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets = null, Terminal? terminal = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        // Checks run in parallel and report as they finish: every write must be safe from several threads.
        output = TextWriter.Synchronized(output);
        error = TextWriter.Synchronized(error);
        try
        {
            var actionCommands = new WorkflowCommands(output, environment);
            var context = new CommandContext(output, error, environment, actionCommands, terminal ?? Terminal.None, timeProvider ?? TimeProvider.System,
                configureSecrets, cancellationToken);
            if (args.Length == 0 && actionCommands.InActions)
            {
                return await new ActionCommand(context).RunAsync().ConfigureAwait(false);
            }

            // On the command line, workflow commands (masks) go to standard error, so standard output stays the result alone:
            // `LINK=$(... mint ...)` and `check --output json > results.json` capture only what they asked for.
            return await CommandLine.InvokeAsync(args, context with { Commands = new WorkflowCommands(error, environment) }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }
}
