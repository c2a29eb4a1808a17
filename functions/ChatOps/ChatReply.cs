using CpanelSessionOps.Links;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The answer to a chat command, whatever the platform: the text to post and whether the command succeeded (GitHub's
/// 👍 or 👎 comes from <see cref="Succeeded"/>, never from the text). Each platform renders it its own way.
/// </summary>
/// <param name="Succeeded">Whether the command did what was asked (a link minted, a mailbox opened).</param>
/// <param name="Text">The message, with anything untrusted already inside code spans.</param>
internal sealed record ChatReply(bool Succeeded, string Text)
{
    /// <summary>The minted link behind Slack's button, only for a link command that succeeded. It lives in memory for the
    /// reply and is never logged or queued.</summary>
    public MintedLink? Link { get; init; }
}
