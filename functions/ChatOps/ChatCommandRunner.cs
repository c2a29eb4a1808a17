using CpanelSessionOps.Checks;
using CpanelSessionOps.Links;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Runs a chat command through Core, the same way for every platform and for inline and queued work: a link through
/// <see cref="LinkMintingService"/> (policy, limits, audit), a check through <see cref="DeployCheckRunner"/>. Answers a
/// typed <see cref="ChatReply"/>; failures are replies, looked up in <see cref="ChatFailureReplies"/>.
/// </summary>
internal sealed class ChatCommandRunner(LinkMintingService minting, DeployCheckRunner checks)
{
    /// <summary>How long a chat check may take before it reports a timeout (Slack and GitHub; Teams is bounded sooner).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    public async Task<ChatReply> LinkAsync(
        string address, string? locale, CallerIdentity caller, MintChannel channel, string correlationId, string helpText, CancellationToken cancellationToken)
    {
        var flavor = ChatText.For(channel);
        try
        {
            var link = await minting.MintAsync(new MintRequest(address, LoginKind.Webmail, caller, channel)
            {
                Locale = locale,
                CorrelationId = correlationId,
            }, cancellationToken).ConfigureAwait(false);
            return new ChatReply(true, $"Webmail for {ChatText.Code(link.Target, flavor)}: the button works once, until {link.ExpiresAt:HH:mm} UTC.") { Link = link };
        }
        catch (CpanelSessionOpsException ex)
        {
            return new ChatReply(false, ChatFailureReplies.ForMinting(ex.ErrorClass, ex.Message, flavor, helpText));
        }
    }

    public async Task<ChatReply> CheckAsync(string address, CallerIdentity caller, MintChannel channel, CancellationToken cancellationToken)
    {
        var result = (await checks.RunAsync([address], caller, channel, new DeployCheckOptions { Concurrency = 1, Timeout = CheckTimeout },
            cancellationToken: cancellationToken).ConfigureAwait(false))[0];
        var flavor = ChatText.For(channel);
        return result.Ok
            ? new ChatReply(true, $"✅ Webmail for {ChatText.Code(address, flavor)} opened ({(long)result.Latency.TotalMilliseconds} ms).")
            : ChatFailureReplies.ForCheck(address, result, flavor);
    }
}
