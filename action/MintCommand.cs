using CpanelSessionOps.Links;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// <c>mint</c>: one webmail login link on standard output, alone (<c>LINK=$(... mint ...)</c>); what it is, and any
/// error, on standard error. Inside GitHub Actions the link is masked before it is printed.
/// </summary>
internal sealed class MintCommand(CommandContext context, CheckSettings settings, CallerIdentity caller)
{
    public async Task<int> RunAsync()
    {
        var (output, error, cancellationToken) = (context.Output, context.Error, context.CancellationToken);
        if (CheckHost.TryBuild(context, settings, caller, MintChannel.Cli) is not { } services)
        {
            return ExitCodes.BadUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            try
            {
                var link = await services.GetRequiredService<LinkMintingService>()
                    .MintAsync(new MintRequest(settings.Mailboxes[0], LoginKind.Webmail, caller, MintChannel.Cli) { Locale = settings.Locale }, cancellationToken)
                    .ConfigureAwait(false);

                // Inside GitHub Actions the link (and what it is made of) is masked before it is printed anywhere.
                context.Commands.Mask(link);
                await error.FlushAsync(cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"Login link for {WorkflowCommands.Plain(link.Target)} (a secret: whoever opens it is logged in; single use, until {link.ExpiresAt:u}):")
                    .ConfigureAwait(false);
                await output.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
                return ExitCodes.Passed;
            }
            catch (CpanelSessionOpsException ex)
            {
                await error.WriteLineAsync($"error: {ex.ErrorCode}: {WorkflowCommands.Plain(ex.Message)}").ConfigureAwait(false);
                if (settings.Server is { } host && ex is Cpanel.CpanelTransportException { Failure: Cpanel.CpanelTransportFailure.Tls })
                {
                    await error.WriteLineAsync(await CertificateProbe.HintAsync(settings, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                }

                return ExitCodes.ForFailure(ex.ErrorClass);
            }
        }
    }
}
