using System.Globalization;
using CpanelSessionOps.Checks;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// Checks a list of mailboxes (the Action, <c>check</c>, and the demo's check): mints a webmail session for each (and
/// logs in with it), reports each result as it comes, then sets the outputs, writes the job summary and the GitHub
/// reports, and prints the verdict (or the JSON results) on standard output.
/// </summary>
internal sealed class CheckCommand(CommandContext context, CheckSettings settings, CallerIdentity caller, MintChannel channel, ResultFormat format)
{
    /// <summary>Where the human report goes: standard error when standard output carries the JSON.</summary>
    private TextWriter Report => format == ResultFormat.Json ? context.Error : context.Output;

    public async Task<int> RunAsync()
    {
        if (CheckHost.TryBuild(context, settings, caller, channel) is not { } services)
        {
            return ExitCodes.BadUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            return await RunAsync(services).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the check with Core already wired (the demo wires it for its emulator).</summary>
    public async Task<int> RunAsync(IServiceProvider services)
    {
        var (commands, cancellationToken) = (context.Commands, context.CancellationToken);
        await Report.WriteLineAsync(Describe()).ConfigureAwait(false);
        string? exposedLink = null;
        var report = new CheckReport(Report, commands, settings.Mailboxes, annotate: commands.InActions && channel == MintChannel.Action,
            live: context.Terminal.Interactive && !commands.InActions && settings.Mailboxes.Count > 1);
        var results = await services.GetRequiredService<DeployCheckRunner>().RunAsync(settings.Mailboxes, caller, channel,
            new DeployCheckOptions { VerifyLogin = settings.VerifyLogin, Locale = settings.Locale, Concurrency = settings.Concurrency, Timeout = settings.Timeout },
            onMinted: link =>
            {
                // Masked before anything about the session is printed.
                commands.Mask(link);
                exposedLink ??= settings.ExposeLink ? link.LoginLink.Reveal() : null;
            },
            onResult: report.Add,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await report.CompleteAsync(results).ConfigureAwait(false);
        if (report.CertificateRefused && settings.Server is { } host)
        {
            await Report.WriteLineAsync(await CertificateProbe.HintAsync(settings, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var passed = results.Count(r => r.Ok);
        var outputs = new List<(string, Action<TextWriter>)>
        {
            ("results", writer => ResultsJson.Write(writer, results)),
            ("passed", writer => writer.Write(passed.ToString(CultureInfo.InvariantCulture))),
            ("failed", writer => writer.Write((results.Count - passed).ToString(CultureInfo.InvariantCulture))),
        };
        if (exposedLink is not null)
        {
            outputs.Add(("login-url", writer => writer.Write(exposedLink)));
        }

        await commands.WriteOutputsAsync(outputs).ConfigureAwait(false);
        if (settings.Reports.Contains(ReportKind.Summary))
        {
            await commands.AppendSummaryAsync(writer => ReportMarkdown.Write(writer, results)).ConfigureAwait(false);
        }

        var githubReports = settings.Reports.Where(r => r != ReportKind.Summary).ToList();
        if (githubReports.Count > 0)
        {
            if (settings.GitHubToken is { } token)
            {
                await context.GitHubReporter(token).ReportAsync(githubReports, results, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                commands.Warning("input github-token is empty: the check-run, deployment-status and pr-comment reports were skipped.");
            }
        }

        if (format == ResultFormat.Json)
        {
            ResultsJson.Write(context.Output, results);
            await context.Output.WriteLineAsync().ConfigureAwait(false);
        }
        else
        {
            await context.Output.WriteLineAsync(ReportMarkdown.Title(results) + ".").ConfigureAwait(false);
        }

        return ExitCodes.ForResults(results, settings.FailOnError);
    }

    /// <summary>What is about to be checked and against which server, printed before the first request.</summary>
    private string Describe()
    {
        var count = settings.Mailboxes.Count == 1 ? "1 mailbox" : $"{settings.Mailboxes.Count} mailboxes";
        var how = settings.VerifyLogin ? "minting a webmail session for each and logging in with it" : "minting a webmail session for each";
        if (settings.FleetFile is { } file)
        {
            return $"Checking {count} through the fleet in {WorkflowCommands.Plain(file)}, {how}, {settings.Concurrency} at a time:";
        }

        var api = settings.Auth == Fleet.FleetAuthKind.CpanelToken ? $"cPanel port {settings.CpanelPort}" : $"WHM port {settings.WhmPort}";
        return $"Checking {count} on {settings.Server} ({api} as {WorkflowCommands.Plain(settings.UserName ?? "")}, webmail port {settings.WebmailPort}), " +
               $"{how}, {settings.Concurrency} at a time:";
    }
}
