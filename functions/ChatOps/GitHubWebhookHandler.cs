using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// <c>issue_comment</c> webhooks carrying <c>/webmail-check &lt;address&gt;</c>: the signature over the raw body first, the
/// payload read strictly, then the command is put on the work queue and GitHub answered at once (202): a check takes up to
/// 20 s, past GitHub's 10-second delivery timeout. <see cref="ChatWorkProcessor"/> runs it and comments.
/// </summary>
internal sealed partial class GitHubWebhookHandler(
    WebhookRequests webhooks, IWebhookDeduplicator deliveries, IChatWorkQueue work, IOptions<ChatOpsOptions> options, ILogger<GitHubWebhookHandler> logger)
{
    /// <summary>GitHub's signature: <c>sha256=</c> HMAC-SHA256 of the raw body with the webhook's secret.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>The event name; only <c>issue_comment</c> carries commands.</summary>
    public const string EventHeader = "X-GitHub-Event";

    /// <summary>The answer to <c>/webmail-check</c> without a mailbox.</summary>
    public const string HelpText =
        "Usage: `/webmail-check <address>` on the first line of a comment mints a session and confirms the mailbox opens " +
        "(login links are never posted on GitHub).";

    /// <summary>GitHub redelivers on request, possibly days later: a handled comment is remembered for a week.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly ChatOpsOptions _options = options.Value;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var signed = await webhooks.ReadSignedAsync(request, MintChannel.GitHub, nameof(ChatOpsOptions.GitHubWebhookSecret), _options.GitHubWebhookSecret,
            (secret, body) => WebhookSignatures.VerifyGitHub(secret, body, request.Headers[SignatureHeader]), cancellationToken).ConfigureAwait(false);
        if (signed.Rejection is { } rejection)
        {
            return rejection;
        }

        var (correlationId, body) = (signed.CorrelationId, signed.Body);
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
                return await webhooks.MalformedAsync(MintChannel.GitHub, correlationId, "a form-encoded webhook carries exactly one field, payload.").ConfigureAwait(false);
            }

            json = Encoding.UTF8.GetBytes(payload.ToString());
        }
        else
        {
            return new ProblemResult(ProblemMapper.Create("unsupported-media-type", 415, "Send JSON.",
                "Set the webhook's content type to application/json (application/x-www-form-urlencoded is accepted too).", correlationId));
        }

        if (request.Headers[EventHeader] != "issue_comment")
        {
            return Ignored(correlationId, "not an issue comment");
        }

        if (GitHubComment.TryRead(json, out var comment) is { } problem)
        {
            return await webhooks.MalformedAsync(MintChannel.GitHub, correlationId, problem).ConfigureAwait(false);
        }

        var command = ChatCommand.ParseGitHubComment(comment.Body);
        if (comment.Action != "created" || command is null)
        {
            return Ignored(correlationId, "no command");
        }

        // The comment id is inside the signed body: a captured body sent again under a new X-GitHub-Delivery is still this comment.
        var key = WebhookRequests.Key("github", comment.RepositoryFullName.ToLowerInvariant() + "#" + comment.CommentId.ToString(CultureInfo.InvariantCulture));
        if (await webhooks.ClaimAsync(MintChannel.GitHub, correlationId, key, Retention, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        try
        {
            await work.EnqueueAsync(new ChatWorkItem
            {
                Id = key,
                Channel = MintChannel.GitHub,
                Kind = command.Kind,
                Address = command.Address ?? "",
                CallerId = comment.Login,
                CorrelationId = correlationId,
                Repository = comment.RepositoryFullName,
                IssueNumber = comment.IssueNumber,
                CommentId = comment.CommentId,
                InstallationId = comment.InstallationId,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IChatWorkQueue.IsUnreachable(ex))
        {
            // Not queued: GitHub's redelivery of this request must run it.
            await deliveries.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            LogNotQueued(logger, correlationId, ex.GetType().Name);
            return new ProblemResult(ProblemMapper.Create("queue-unavailable", 503, "The command could not be queued.",
                "Nothing was run; redeliver the webhook from the repository's settings once the app's storage queue (BackgroundWork) is reachable.", correlationId, 60));
        }

        // Safely queued: a redelivery of this comment is a replay; the queue retries the work itself.
        await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
        return WebhookRequests.Json(202, correlationId, new JsonObject { ["queued"] = true });
    }

    private static JsonApiResult<JsonObject> Ignored(string correlationId, string why) =>
        WebhookRequests.Json(202, correlationId, new JsonObject { ["ignored"] = why });

    [LoggerMessage(6, LogLevel.Error, "GitHub command {CorrelationId} could not be queued: {Reason}")]
    private static partial void LogNotQueued(ILogger logger, string correlationId, string reason);
}
