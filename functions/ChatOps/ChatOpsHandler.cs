using System.Net.Http.Json;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Slack, Teams and GitHub webhooks: verify the signature over the raw body first (unsigned, badly signed, stale or
/// replayed requests get 401 and an audit record), parse strictly (anything unexpected gets the help text), then go
/// through the same minting service, policy and audit as the HTTP API.
/// </summary>
internal sealed partial class ChatOpsHandler(
    LinkMintingService minting, DeployCheckRunner checks, SecretStore secrets, AuditTrail audit, DeliveryDeduplicator deliveries,
    IHttpClientFactory httpClients, GitHubReplyClient gitHubReplies, IOptions<ChatOpsOptions> options, TimeProvider timeProvider, ILogger<ChatOpsHandler> logger)
{
    private const int MaxBody = 64 * 1024;
    private readonly ChatOpsOptions _options = options.Value;

    public async Task<IActionResult> SlackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = SessionEndpoint.CorrelationId(request);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var secret = await SecretAsync(_options.SlackSigningSecret, cancellationToken).ConfigureAwait(false);
        if (body is null || secret is null || !WebhookSignatures.VerifySlack(secret, request.Headers["X-Slack-Request-Timestamp"], body,
                request.Headers["X-Slack-Signature"], timeProvider.GetUtcNow()))
        {
            return await RefuseAsync(MintChannel.Slack, correlationId).ConfigureAwait(false);
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
        var caller = new CallerIdentity(CallerKind.Slack, form.GetValueOrDefault("user_id").ToString());
        var command = ChatCommand.Parse(form.GetValueOrDefault("text").ToString());
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
        var correlationId = SessionEndpoint.CorrelationId(request);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var token = await SecretAsync(_options.TeamsSecurityToken, cancellationToken).ConfigureAwait(false);
        if (body is null || token is null || !WebhookSignatures.VerifyTeams(token, body, request.Headers.Authorization))
        {
            return await RefuseAsync(MintChannel.Teams, correlationId).ConfigureAwait(false);
        }

        string text, from;
        try
        {
            var activity = JsonNode.Parse(body)!;
            text = activity["text"]?.GetValue<string>() ?? "";
            from = activity["from"]?["id"]?.GetValue<string>() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
        {
            return Teams(correlationId, ChatCommand.HelpText);
        }

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
        var correlationId = SessionEndpoint.CorrelationId(request);
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var secret = await SecretAsync(_options.GitHubWebhookSecret, cancellationToken).ConfigureAwait(false);
        if (body is null || secret is null || !WebhookSignatures.VerifyGitHub(secret, body, request.Headers["X-Hub-Signature-256"]))
        {
            return await RefuseAsync(MintChannel.GitHub, correlationId).ConfigureAwait(false);
        }

        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        if (delivery.Length == 0 || !deliveries.FirstTime(delivery))
        {
            return Ignored(correlationId, "duplicate delivery");
        }

        if (request.Headers["X-GitHub-Event"] != "issue_comment")
        {
            return Ignored(correlationId, "not an issue comment");
        }

        JsonNode payload;
        try
        {
            payload = JsonNode.Parse(body)!;
        }
        catch (JsonException)
        {
            return Ignored(correlationId, "not JSON");
        }

        var command = ChatCommand.ParseGitHubComment(payload["comment"]?["body"]?.GetValue<string>());
        var repository = payload["repository"]?["full_name"]?.GetValue<string>()?.Split('/');
        if (payload["action"]?.GetValue<string>() != "created" || command is null || repository is not [var owner, var name] ||
            payload["issue"]?["number"]?.GetValue<int>() is not { } issue || payload["comment"]?["id"]?.GetValue<long>() is not { } commentId ||
            payload["comment"]?["user"]?["login"]?.GetValue<string>() is not { Length: > 0 } login)
        {
            return Ignored(correlationId, "no command");
        }

        var reply = command.Kind == ChatCommandKind.Check
            ? await CheckTextAsync(command.Address!, new CallerIdentity(CallerKind.GitHub, login), MintChannel.GitHub).ConfigureAwait(false)
            : ChatCommand.HelpText.Replace("/webmail check", "/webmail-check", StringComparison.Ordinal);
        await gitHubReplies.ReplyAsync(new GitHubReply(owner, name, issue, commentId, reply, reply.StartsWith('✅'))
        {
            InstallationId = payload["installation"]?["id"]?.GetValue<long>(),
            Caller = new CallerIdentity(CallerKind.GitHub, login),
            Target = command.Address,
            CorrelationId = correlationId,
        }, cancellationToken).ConfigureAwait(false);
        return new JsonApiResult<JsonObject>(200, correlationId, new JsonObject { ["handled"] = true }, ChatJsonContext.Default.JsonObject);
    }

    private async Task<JsonObject> SlackLinkAsync(ChatCommand command, CallerIdentity caller, string correlationId)
    {
        try
        {
            var link = await minting.MintAsync(new MintRequest(command.Address!, LoginKind.Webmail, caller, MintChannel.Slack)
            {
                Locale = command.Locale, CorrelationId = correlationId,
            }).ConfigureAwait(false);
            var text = $"Webmail for {link.Target}: the button works once, until {link.ExpiresAt:HH:mm} UTC.";
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
                        ["type"] = "button", ["style"] = "primary", ["url"] = link.LoginLink.Reveal(),
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open webmail" },
                    },
                }),
            };
        }
        catch (Exception ex) when (ProblemMapper.FromException(ex, correlationId, new Dictionary<string, string>()) is { } problem)
        {
            return SlackMessage($"❌ {problem.Title} {problem.Detail}" + (problem.Type.EndsWith(":validation", StringComparison.Ordinal) ? " " + ChatCommand.HelpText : ""));
        }
    }

    private async Task<string> CheckTextAsync(string address, CallerIdentity caller, MintChannel channel)
    {
        var result = (await checks.RunAsync([address], caller, channel, new DeployCheckOptions { Concurrency = 1, Timeout = TimeSpan.FromSeconds(20) })
            .ConfigureAwait(false))[0];
        return result.Ok
            ? $"✅ Webmail for {address} opened ({(long)result.Latency.TotalMilliseconds} ms)."
            : $"❌ Webmail for {address} did not open ({result.ErrorClass}): {result.Message}";
    }

    private async Task DeliverLaterAsync(Task<JsonObject> work, string responseUrl, string correlationId)
    {
        try
        {
            var message = await work.ConfigureAwait(false);
            if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var target) || !_options.SlackResponseHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase) ||
                (target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback))
            {
                LogResponseUrlRefused(logger, correlationId);
                return;
            }

            using var response = await httpClients.CreateClient("slack").PostAsJsonAsync(target, message, ChatJsonContext.Default.JsonObject).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogDeliveryFailed(logger, correlationId, ex.GetType().Name);
        }
    }

    private async Task<IActionResult> RefuseAsync(MintChannel channel, string correlationId)
    {
        await audit.RecordAsync(new AuditRecord(timeProvider.GetUtcNow(), "unverified", channel, LoginKind.Webmail, "", null, AuditOutcome.Refused,
            "signature", null, correlationId, TimeSpan.Zero), CancellationToken.None).ConfigureAwait(false);
        return new ProblemResult(ProblemMapper.Create("bad-signature", 401, "The request is not signed by the platform.",
            "Unsigned, badly signed, stale or replayed requests are refused.", correlationId));
    }

    private async Task<string?> SecretAsync(string? reference, CancellationToken cancellationToken)
    {
        if (!SecretReference.TryParse(reference, out var parsed, out _))
        {
            return null;
        }

        try
        {
            return (await secrets.GetAsync(parsed, cancellationToken).ConfigureAwait(false)).Reveal();
        }
        catch (SecretStoreException ex)
        {
            LogDeliveryFailed(logger, "secret", ex.Failure.ToString());
            return null;
        }
    }

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

    [LoggerMessage(1, LogLevel.Warning, "Slack response_url of {CorrelationId} is not an allowed host; the answer was not delivered")]
    private static partial void LogResponseUrlRefused(ILogger logger, string correlationId);

    [LoggerMessage(2, LogLevel.Warning, "ChatOps delivery for {Target} failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string target, string reason);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class ChatJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
