using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ApiResponseHeaders = CpanelSessionOps.AspNetCore.Internal.ApiResponseHeaders;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;
using RequestBody = CpanelSessionOps.AspNetCore.Internal.RequestBody;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Slack, Teams and GitHub webhooks: verify the signature over the raw body first (unsigned, badly signed, stale or
/// replayed requests get 401 and an audit record), parse strictly (signed but malformed requests get 400 and an audit
/// record; commands not understood get the help text), then go through the same minting service, policy and audit as
/// the HTTP API. Replays are recognised by what the signature covers, never by an unsigned header.
/// </summary>
internal sealed partial class ChatOpsHandler(
    LinkMintingService minting, DeployCheckRunner checks, SecretStore secrets, IAuditTrail audit, IWebhookDeduplicator deliveries,
    SlackResponseClient slackResponses, GitHubReplyClient gitHubReplies, IOptions<ChatOpsOptions> options, TimeProvider timeProvider,
    ILogger<ChatOpsHandler> logger)
{
    private const int MaxBody = 64 * 1024;

    /// <summary>How far a Teams activity's timestamp may be from now, as for Slack.</summary>
    private static readonly TimeSpan Freshness = WebhookSignatures.SlackTolerance;

    /// <summary>GitHub redelivers on request, possibly days later: a handled comment is remembered for a week.</summary>
    private static readonly TimeSpan GitHubRetention = TimeSpan.FromDays(7);

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private readonly ChatOpsOptions _options = options.Value;

    public async Task<IActionResult> SlackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = ApiResponseHeaders.CorrelationId(request.HttpContext);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var (secret, unavailable) = await SecretAsync(nameof(ChatOpsOptions.SlackSigningSecret), _options.SlackSigningSecret, MintChannel.Slack, correlationId, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        var signature = request.Headers["X-Slack-Signature"].ToString();
        if (body is null || !WebhookSignatures.VerifySlack(secret!, request.Headers["X-Slack-Request-Timestamp"], body, signature, timeProvider.GetUtcNow()))
        {
            return await RefuseAsync(MintChannel.Slack, correlationId, "signature").ConfigureAwait(false);
        }

        // The signature covers the timestamp and the body: the same signature within the window is the same request again.
        // Slack never resends a slash command, so a repeat is a replay whatever became of the first.
        var key = Key("slack", signature);
        if (!await deliveries.TryClaimAsync(key, Freshness + Freshness, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(MintChannel.Slack, correlationId, "replay").ConfigureAwait(false);
        }

        await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (form.Any(f => f.Value.Count > 1))
        {
            return await MalformedAsync(MintChannel.Slack, correlationId, "a form field appears more than once.").ConfigureAwait(false);
        }

        var caller = new CallerIdentity(CallerKind.Slack, form.GetValueOrDefault("user_id").ToString());
        var command = ChatCommand.ParseSlack(form.GetValueOrDefault("text").ToString());
        if (command.Kind == ChatCommandKind.Help || caller.Id.Length == 0)
        {
            return Slack(correlationId, ChatCommand.HelpText);
        }

        var work = command.Kind == ChatCommandKind.Link
            ? SlackLinkAsync(command, caller, correlationId)
            : CheckTextAsync(command.Address!, caller, MintChannel.Slack).ContinueWith(t => SlackMessage(t.Result), TaskScheduler.Default);
        if (await Task.WhenAny(work, Task.Delay(_options.SlackInlineBudget, timeProvider, cancellationToken)).ConfigureAwait(false) == work)
        {
            return new JsonApiResult<JsonObject>(200, correlationId, await work.ConfigureAwait(false), ChatJsonContext.Default.JsonObject);
        }

        var responseUrl = form.GetValueOrDefault("response_url").ToString();
        _ = DeliverLaterAsync(work, responseUrl, correlationId);
        return Slack(correlationId, "Working on it: the answer will follow here in a moment.");
    }

    public async Task<IActionResult> TeamsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = ApiResponseHeaders.CorrelationId(request.HttpContext);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var (token, unavailable) = await SecretAsync(nameof(ChatOpsOptions.TeamsSecurityToken), _options.TeamsSecurityToken, MintChannel.Teams, correlationId, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (body is null || !WebhookSignatures.VerifyTeams(token!, body, request.Headers.Authorization))
        {
            return await RefuseAsync(MintChannel.Teams, correlationId, "signature").ConfigureAwait(false);
        }

        string text, from, id;
        DateTimeOffset sent;
        try
        {
            using var activity = JsonDocument.Parse(body, StrictJson);
            var root = activity.RootElement;
            if (root.ValueKind != JsonValueKind.Object || OptionalString(root, "id") is not { Length: > 0 and <= 256 } activityId ||
                !DateTimeOffset.TryParse(OptionalString(root, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out sent))
            {
                return await MalformedAsync(MintChannel.Teams, correlationId, "the activity needs a string id and an ISO 8601 timestamp.").ConfigureAwait(false);
            }

            id = activityId;
            text = OptionalString(root, "text") ?? "";
            from = root.TryGetProperty("from", out var sender) && sender.ValueKind == JsonValueKind.Object ? OptionalString(sender, "id") ?? "" : "";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return await MalformedAsync(MintChannel.Teams, correlationId, "the body is not a JSON activity (or repeats a key).").ConfigureAwait(false);
        }

        // The HMAC has no freshness of its own: the signed timestamp and activity id give it one.
        if ((timeProvider.GetUtcNow() - sent).Duration() > Freshness)
        {
            return await RefuseAsync(MintChannel.Teams, correlationId, "stale").ConfigureAwait(false);
        }

        var key = Key("teams", id);
        if (!await deliveries.TryClaimAsync(key, Freshness + Freshness, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(MintChannel.Teams, correlationId, "replay").ConfigureAwait(false);
        }

        // Teams does not resend an outgoing webhook's message: a repeat is a replay whatever became of the first.
        await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
        var command = ChatCommand.Parse(WebUtilityDecode(Mention().Replace(text, " ")));
        return command.Kind switch
        {
            ChatCommandKind.Check when from.Length > 0 =>
                Teams(correlationId, await CheckTextAsync(command.Address!, new CallerIdentity(CallerKind.Teams, from), MintChannel.Teams).ConfigureAwait(false)),
            ChatCommandKind.Link => Teams(correlationId,
                "Login links are never posted in Teams: everyone in the channel would see them. Use the portal, or `/webmail` in Slack (only you see the answer there)."),
            _ => Teams(correlationId, ChatCommand.HelpText),
        };
    }

    public async Task<IActionResult> GitHubAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = ApiResponseHeaders.CorrelationId(request.HttpContext);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var (secret, unavailable) = await SecretAsync(nameof(ChatOpsOptions.GitHubWebhookSecret), _options.GitHubWebhookSecret, MintChannel.GitHub, correlationId, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (body is null || !WebhookSignatures.VerifyGitHub(secret!, body, request.Headers["X-Hub-Signature-256"]))
        {
            return await RefuseAsync(MintChannel.GitHub, correlationId, "signature").ConfigureAwait(false);
        }

        var contentType = request.ContentType ?? "";
        byte[] json;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            json = body;
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // GitHub's other content type: the same JSON in a form field named payload (signed over the raw form body).
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (form.Count != 1 || !form.TryGetValue("payload", out var payload) || payload.Count != 1)
            {
                return await MalformedAsync(MintChannel.GitHub, correlationId, "a form-encoded webhook carries exactly one field, payload.").ConfigureAwait(false);
            }

            json = Encoding.UTF8.GetBytes(payload.ToString());
        }
        else
        {
            return new ProblemResult(ProblemMapper.Create("unsupported-media-type", 415, "Send JSON.",
                "Set the webhook's content type to application/json (application/x-www-form-urlencoded is accepted too).", correlationId));
        }

        if (request.Headers["X-GitHub-Event"] != "issue_comment")
        {
            return Ignored(correlationId, "not an issue comment");
        }

        if (GitHubComment.TryRead(json, out var comment) is { } problem)
        {
            return await MalformedAsync(MintChannel.GitHub, correlationId, problem).ConfigureAwait(false);
        }

        var command = ChatCommand.ParseGitHubComment(comment.Body);
        if (comment.Action != "created" || command is null)
        {
            return Ignored(correlationId, "no command");
        }

        // The comment id is inside the signed body: a captured body sent again under a new X-GitHub-Delivery is still this comment.
        var key = Key("github", comment.RepositoryFullName.ToLowerInvariant() + "#" + comment.CommentId.ToString(CultureInfo.InvariantCulture));
        if (!await deliveries.TryClaimAsync(key, GitHubRetention, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(MintChannel.GitHub, correlationId, "replay").ConfigureAwait(false);
        }

        var owner = comment.RepositoryFullName.Split('/')[0];
        var name = comment.RepositoryFullName.Split('/')[1];
        var reply = command.Kind == ChatCommandKind.Check
            ? await CheckTextAsync(command.Address!, new CallerIdentity(CallerKind.GitHub, comment.Login), MintChannel.GitHub).ConfigureAwait(false)
            : ChatCommand.HelpText.Replace("/webmail check", "/webmail-check", StringComparison.Ordinal);
        var posted = await gitHubReplies.ReplyAsync(new GitHubReply(owner, name, comment.IssueNumber, comment.CommentId, reply, reply.StartsWith('✅'))
        {
            InstallationId = comment.InstallationId,
            Caller = new CallerIdentity(CallerKind.GitHub, comment.Login),
            Target = command.Address,
            CorrelationId = correlationId,
        }, cancellationToken).ConfigureAwait(false);
        if (!posted)
        {
            // Not answered: GitHub's redelivery of this request must run it again.
            await deliveries.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            return new ProblemResult(ProblemMapper.Create("github-unavailable", 503, "The answer could not be posted on GitHub.",
                "The command was not answered; redeliver the webhook from the repository's settings once GitHub's API and ChatOps:GitHubToken work.", correlationId, 60));
        }

        await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
        return new JsonApiResult<JsonObject>(200, correlationId, new JsonObject { ["handled"] = true }, ChatJsonContext.Default.JsonObject);
    }

    private async Task<JsonObject> SlackLinkAsync(ChatCommand command, CallerIdentity caller, string correlationId)
    {
        try
        {
            var link = await minting.MintAsync(new MintRequest(command.Address!, LoginKind.Webmail, caller, MintChannel.Slack)
            {
                Locale = command.Locale,
                CorrelationId = correlationId,
            }).ConfigureAwait(false);
            var text = $"Webmail for {ChatText.Code(link.Target, ChatFlavor.Slack)}: the button works once, until {link.ExpiresAt:HH:mm} UTC.";
            return new JsonObject
            {
                ["response_type"] = "ephemeral",
                ["text"] = text,
                ["blocks"] = new JsonArray(new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text },
                    ["accessory"] = new JsonObject
                    {
                        ["type"] = "button",
                        ["style"] = "primary",
                        ["url"] = link.LoginLink.Reveal(),
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open webmail" },
                    },
                }),
            };
        }
        catch (Exception ex) when (ProblemMapper.FromException(ex, correlationId, new Dictionary<string, string>()) is { } problem)
        {
            return SlackMessage($"❌ {problem.Title} {ChatText.Code(problem.Detail, ChatFlavor.Slack)}" +
                (problem.Type.EndsWith(":validation", StringComparison.Ordinal) ? " " + ChatCommand.HelpText : ""));
        }
    }

    private async Task<string> CheckTextAsync(string address, CallerIdentity caller, MintChannel channel)
    {
        var result = (await checks.RunAsync([address], caller, channel, new DeployCheckOptions { Concurrency = 1, Timeout = TimeSpan.FromSeconds(20) })
            .ConfigureAwait(false))[0];
        var flavor = ChatText.For(channel);
        return result.Ok
            ? $"✅ Webmail for {ChatText.Code(address, flavor)} opened ({(long)result.Latency.TotalMilliseconds} ms)."
            : $"❌ Webmail for {ChatText.Code(address, flavor)} did not open ({result.ErrorClass}): {ChatText.Code(result.Message, flavor)}";
    }

    private async Task DeliverLaterAsync(Task<JsonObject> work, string responseUrl, string correlationId)
    {
        try
        {
            await slackResponses.PostAsync(responseUrl, await work.ConfigureAwait(false), correlationId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogDeliveryFailed(logger, correlationId, ex.GetType().Name);
        }
    }

    private async Task<IActionResult> RefuseAsync(MintChannel channel, string correlationId, string errorClass)
    {
        await AuditAsync(channel, correlationId, errorClass).ConfigureAwait(false);
        return new ProblemResult(errorClass == "replay"
            ? ProblemMapper.Create("replayed", 401, "The request was already handled.",
                "A signed request is handled once; a replay (the same signed body again) is refused.", correlationId)
            : ProblemMapper.Create("bad-signature", 401, "The request is not signed by the platform.",
                "Unsigned, badly signed, stale or replayed requests are refused.", correlationId));
    }

    private async Task<IActionResult> MalformedAsync(MintChannel channel, string correlationId, string detail)
    {
        await AuditAsync(channel, correlationId, "malformed").ConfigureAwait(false);
        return new ProblemResult(ProblemMapper.Create("malformed-webhook", 400, "The signed request is not what the platform sends.", detail, correlationId));
    }

    private Task<Exception?> AuditAsync(MintChannel channel, string correlationId, string errorClass) =>
        audit.RecordAsync(new AuditRecord(timeProvider.GetUtcNow(), "unverified", channel, LoginKind.Webmail, "", null, AuditOutcome.Refused,
            errorClass, null, correlationId, TimeSpan.Zero), CancellationToken.None);

    /// <summary>A webhook secret, or the answer to give when it cannot be had (a configuration problem: 503, audited, the
    /// setting and reference named in the log, never the value).</summary>
    private async Task<(string? Secret, IActionResult? Unavailable)> SecretAsync(
        string setting, string? configured, MintChannel channel, string correlationId, CancellationToken cancellationToken)
    {
        string errorClass;
        if (!SecretReference.TryParse(configured, out var reference, out _))
        {
            LogSecretNotConfigured(logger, setting);
            errorClass = "not-configured";
        }
        else
        {
            try
            {
                return ((await secrets.GetAsync(reference, cancellationToken).ConfigureAwait(false)).Reveal(), null);
            }
            catch (SecretStoreException ex)
            {
                LogSecretUnavailable(logger, setting, reference.ToString(), ex.Failure);
                errorClass = ex.ErrorClass;
            }
        }

        await AuditAsync(channel, correlationId, errorClass).ConfigureAwait(false);
        return (null, new ProblemResult(ProblemMapper.Create("not-configured", 503, "This webhook is not configured.",
            $"ChatOps:{setting} is missing or cannot be read; the app's log names the reference and what is wrong.", correlationId, 60)));
    }

    /// <summary>A de-duplication key: the platform and a hash of what its signature covers (fixed length, safe in any store).</summary>
    private static string Key(string platform, string signed) =>
        platform + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed)));

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => throw new InvalidOperationException($"{property} is not a string."),
            }
            : null;

    private static Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(request, MaxBody, cancellationToken);

    private static string WebUtilityDecode(string text) =>
        System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(text, " ")).Replace('\u00a0', ' ');

    private static JsonObject SlackMessage(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };

    private static JsonApiResult<JsonObject> Slack(string correlationId, string text) => new(200, correlationId, SlackMessage(text), ChatJsonContext.Default.JsonObject);

    private static JsonApiResult<JsonObject> Teams(string correlationId, string text) =>
        new(200, correlationId, new JsonObject { ["type"] = "message", ["text"] = text }, ChatJsonContext.Default.JsonObject);

    private static JsonApiResult<JsonObject> Ignored(string correlationId, string why) =>
        new(202, correlationId, new JsonObject { ["ignored"] = why }, ChatJsonContext.Default.JsonObject);

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();

    [LoggerMessage(2, LogLevel.Warning, "ChatOps delivery for {Target} failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string target, string reason);

    [LoggerMessage(3, LogLevel.Error, "ChatOps:{Setting} is not set or is not a secret reference; the webhook refuses every request until it is")]
    private static partial void LogSecretNotConfigured(ILogger logger, string setting);

    [LoggerMessage(4, LogLevel.Error, "ChatOps:{Setting} ({Reference}) could not be read: {Failure}")]
    private static partial void LogSecretUnavailable(ILogger logger, string setting, string reference, SecretFailure failure);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class ChatJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
