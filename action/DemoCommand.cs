using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Links;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// <c>demo</c>: starts the built-in cPanel emulator, checks three of its mailboxes (one fails on purpose), prints a fresh
/// login link, and keeps the emulator running while the link is needed.
/// </summary>
internal sealed class DemoCommand(CommandContext context, ResultFormat format, bool keepRunning)
{
    public async Task<int> RunAsync()
    {
        var cancellationToken = context.CancellationToken;
        await using var emulator = await CpanelEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var fleet = emulator.ToFleetSettings();
        var environment = new Dictionary<string, string> { ["DEMO_WHM_TOKEN"] = fleet.Token };
        var settings = new CheckSettings
        {
            Server = fleet.Host,
            CpanelPort = fleet.CpanelPort,
            WhmPort = fleet.WhmPort,
            WebmailPort = fleet.WebmailPort,
            CertificatePins = [fleet.CertificateSha256],
            UserName = fleet.UserName,
            SecretReference = "env:DEMO_WHM_TOKEN",
            Mailboxes = [DefaultSeed.AliceAddress, DefaultSeed.DaveAddress, DefaultSeed.BobAddress],
            Reports = [],
            FailOnError = false,
        };
        var progress = format == ResultFormat.Json ? context.Error : context.Output;
        await progress.WriteLineAsync($"""
            Started the built-in cPanel & WHM emulator (demo data, nothing here is a real secret):
              cPanel (UAPI):  {emulator.CpanelUri}
              WHM (API 1):    {emulator.WhmUri}
              Webmail:        {emulator.WebmailUri}
              Admin (HTTP):   {emulator.AdminUri}   e.g. curl {emulator.AdminUri}sessions
              Certificate:    self-signed, SHA-256 {emulator.CertificateSha256}
              WHM token:      {fleet.UserName}:{fleet.Token}   (Authorization: whm {fleet.UserName}:{fleet.Token})
              Mailbox:        {DefaultSeed.AliceAddress}, password {DefaultSeed.AlicePassword}
            Bob's logins are suspended in the demo data, so his check fails on purpose.
            """).ConfigureAwait(false);
        var caller = new CallerIdentity(CallerKind.Name, "demo");
        // Demo data only: nothing to mask, so no workflow commands even inside GitHub Actions.
        var demo = context with { Environment = environment, Commands = new WorkflowCommands(progress, new Dictionary<string, string>()), ConfigureSecrets = null };
        await using var services = CheckHost.Build(demo, settings, caller, MintChannel.Cli);
        await new CheckCommand(demo, settings, caller, MintChannel.Cli, format).RunAsync(services).ConfigureAwait(false);

        var link = await services.GetRequiredService<LinkMintingService>()
            .MintAsync(new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, caller, MintChannel.Cli), cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"A fresh login link for {link.Target} on the emulator (in real use a link is a secret; this one is demo data):").ConfigureAwait(false);
        await progress.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
        var alice = emulator.Sessions.Count(s => s.User == DefaultSeed.AliceAddress && s.Used);
        await WaitWhileTheLinkIsNeededAsync(progress, cancellationToken).ConfigureAwait(false);
        return alice == 1 ? ExitCodes.Passed : ExitCodes.CheckFailed;
    }

    /// <summary>
    /// The link only works while the emulator runs. On a terminal the demo waits for Enter (or Ctrl-C); with
    /// --keep-running it waits for Ctrl-C; otherwise (CI, no terminal) it says the link is dead and returns.
    /// </summary>
    private async Task WaitWhileTheLinkIsNeededAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        try
        {
            if (keepRunning)
            {
                await progress.WriteLineAsync("The emulator keeps running, so the link and the URLs above work; press Ctrl-C to stop.").ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            else if (context.Terminal.Interactive)
            {
                await progress.WriteLineAsync("The emulator keeps running, so the link and the URLs above work; press Enter (or Ctrl-C) to stop it.").ConfigureAwait(false);
                await context.Terminal.WaitForEnterAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await progress.WriteLineAsync("The emulator stops now, so the link no longer opens; run `demo --keep-running` to try it in a browser.").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: stop the emulator and report as usual.
        }
    }
}
