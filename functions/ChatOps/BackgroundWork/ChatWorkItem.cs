using System.Text.Json;
using CpanelSessionOps.ChatOps;

namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>
/// A chat command to work off the queue: what was asked, by whom, and where to answer. Never a link or a token: the link
/// is minted when the message is processed. The Slack <c>response_url</c> is here (it is where the answer goes); it is
/// never logged.
/// </summary>
internal sealed record ChatWorkItem
{
    /// <summary>The message format, for readers of older messages.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Identifies the command (the webhook's de-duplication key, derived from signed content): processing the same
    /// id twice posts once.</summary>
    public required string Id { get; init; }

    /// <summary>Slack or GitHub.</summary>
    public required MintChannel Channel { get; init; }

    /// <summary>Link or check (help is answered at once).</summary>
    public required ChatCommandKind Kind { get; init; }

    /// <summary>The mailbox, as typed.</summary>
    public required string Address { get; init; }

    /// <summary>The locale of a link command.</summary>
    public string? Locale { get; init; }

    /// <summary>Who asked: the platform's user id (Slack) or login (GitHub).</summary>
    public required string CallerId { get; init; }

    /// <summary>Ties the work to the webhook's logs and audit records.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Slack: where the answer goes.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>GitHub: the repository as owner/name.</summary>
    public string? Repository { get; init; }

    /// <summary>GitHub: the issue or pull request.</summary>
    public int IssueNumber { get; init; }

    /// <summary>GitHub: the comment that asked (reacted on).</summary>
    public long CommentId { get; init; }

    /// <summary>GitHub: the app installation that delivered the webhook.</summary>
    public long? InstallationId { get; init; }

    /// <summary>The caller as Core knows it.</summary>
    public CallerIdentity Caller => new(Channel == MintChannel.Slack ? CallerKind.Slack : CallerKind.GitHub, CallerId);

    public string ToMessage() => JsonSerializer.Serialize(this, ChatWorkJsonContext.Default.ChatWorkItem);

    /// <summary>Reads a queue message; null when it is not one this app wrote (it goes to the poison queue).</summary>
    public static ChatWorkItem? TryRead(string? message)
    {
        try
        {
            var item = message is null ? null : JsonSerializer.Deserialize(message, ChatWorkJsonContext.Default.ChatWorkItem);
            // Slack queues links and checks (help is answered at once) and needs its response_url; GitHub queues checks and
            // help, and needs the repository.
            return item switch
            {
                { Version: not 1 } or { Id.Length: 0 or > 190 } or { CallerId.Length: 0 } => null,
                { Channel: MintChannel.Slack, Kind: ChatCommandKind.Link or ChatCommandKind.Check, ResponseUrl: not null, Address.Length: > 0 } => item,
                { Channel: MintChannel.GitHub, Kind: ChatCommandKind.Check or ChatCommandKind.Help } when
                    item.Repository?.Split('/') is [{ Length: > 0 }, { Length: > 0 }] && (item.Kind == ChatCommandKind.Help || item.Address.Length > 0) => item,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
