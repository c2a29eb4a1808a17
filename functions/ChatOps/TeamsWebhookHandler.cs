using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CpanelSessionOps.ChatOps;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// A Teams outgoing webhook (check and help only: channel replies are public). The HMAC over the raw body first, then the
/// activity read strictly, its signed timestamp and id for freshness and replays. Teams waits about 5 seconds for the
/// answer, so a check is bounded by <see cref="ChatOpsOptions.TeamsBudget"/>: past it the check is stopped and the answer
/// is "still checking, try again" rather than a timeout.
/// </summary>
internal sealed partial class TeamsWebhookHandler(
    WebhookRequests webhooks, ChatCommandRunner runner, IOptions<ChatOpsOptions> options, TimeProvider timeProvider)
{
    /// <summary>Teams signs the body with the webhook's security token: <c>Authorization: HMAC BASE64</c>.</summary>
    public const string SignatureHeader = "Authorization";

    /// <summary>The answer to help and to anything not understood.</summary>
    public const string HelpText =
        "Usage: `@Webmail check <address>` to mint a session and confirm the mailbox opens (login links are never posted in Teams), " +
        "`@Webmail help` for this text.";

    /// <summary>The answer to a link request: a channel is no place for a login link.</summary>
    public const string NoLinksText =
        "Login links are never posted in Teams: everyone in the channel would see them. Use the portal, or `/webmail` in Slack (only you see the answer there).";

    /// <summary>How far a Teams activity's timestamp may be from now, as for Slack.</summary>
    private static readonly TimeSpan Freshness = WebhookSignatures.SlackTolerance;

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private readonly ChatOpsOptions _options = options.Value;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var signed = await webhooks.ReadSignedAsync(request, MintChannel.Teams, nameof(ChatOpsOptions.TeamsSecurityToken), _options.TeamsSecurityToken,
            (token, body) => WebhookSignatures.VerifyTeams(token, body, request.Headers[SignatureHeader]), cancellationToken).ConfigureAwait(false);
        if (signed.Rejection is { } rejection)
        {
            return rejection;
        }

        var correlationId = signed.CorrelationId;
        string text, from, id;
        DateTimeOffset sent;
        try
        {
            using var activity = JsonDocument.Parse(signed.Body, StrictJson);
            var root = activity.RootElement;
            if (root.ValueKind != JsonValueKind.Object || OptionalString(root, "id") is not { Length: > 0 and <= 256 } activityId ||
                !DateTimeOffset.TryParse(OptionalString(root, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out sent))
            {
                return await webhooks.MalformedAsync(MintChannel.Teams, correlationId, "the activity needs a string id and an ISO 8601 timestamp.").ConfigureAwait(false);
            }

            id = activityId;
            text = OptionalString(root, "text") ?? "";
            from = root.TryGetProperty("from", out var sender) && sender.ValueKind == JsonValueKind.Object ? OptionalString(sender, "id") ?? "" : "";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return await webhooks.MalformedAsync(MintChannel.Teams, correlationId, "the body is not a JSON activity (or repeats a key).").ConfigureAwait(false);
        }

        // The HMAC has no freshness of its own: the signed timestamp and activity id give it one.
        if ((timeProvider.GetUtcNow() - sent).Duration() > Freshness)
        {
            return await webhooks.RefuseAsync(MintChannel.Teams, correlationId, "stale").ConfigureAwait(false);
        }

        // Teams does not resend an outgoing webhook's message: a repeat is a replay whatever became of the first.
        if (await webhooks.ClaimOnceAsync(MintChannel.Teams, correlationId, WebhookRequests.Key("teams", id), Freshness + Freshness, cancellationToken)
            .ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var command = ChatCommand.Parse(HtmlDecode(Mention().Replace(text, " ")));
        var reply = command.Kind switch
        {
            ChatCommandKind.Check when from.Length > 0 =>
                await AnswerBudget.RunAsync(_options.TeamsBudget, timeProvider,
                    stop => runner.CheckAsync(command.Address!, new CallerIdentity(CallerKind.Teams, from), MintChannel.Teams, stop), cancellationToken)
                    .ConfigureAwait(false) ?? ChatFailureReplies.StillChecking(command.Address!, ChatFlavor.Teams),
            ChatCommandKind.Link => new ChatReply(false, NoLinksText),
            _ => new ChatReply(false, HelpText),
        };
        return WebhookRequests.Json(200, correlationId, new JsonObject { ["type"] = "message", ["text"] = reply.Text });
    }

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => throw new InvalidOperationException($"{property} is not a string."),
            }
            : null;

    private static string HtmlDecode(string text) =>
        System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(text, " ")).Replace('\u00a0', ' ');

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();
}
