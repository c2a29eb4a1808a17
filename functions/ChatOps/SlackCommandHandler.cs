using System.Text;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The <c>/webmail</c> slash command: Slack's signature over the raw body first (unsigned, badly signed, stale or replayed
/// requests get 401 and an audit record), the form read strictly, then the command. An answer ready within
/// <see cref="ChatOpsOptions.SlackInlineBudget"/> is the response itself; otherwise the inline work is stopped, the command
/// put on the work queue (<see cref="ChatWorkProcessor"/> answers through <c>response_url</c>), and Slack told so at once.
/// </summary>
internal sealed partial class SlackCommandHandler(
    WebhookRequests webhooks, ChatCommandRunner runner, IChatWorkQueue work, IOptions<ChatOpsOptions> options,
    TimeProvider timeProvider, ILogger<SlackCommandHandler> logger)
{
    /// <summary>Slack's signature (<c>v0=</c> HMAC-SHA256 of <c>v0:TIMESTAMP:BODY</c>).</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The timestamp the signature covers.</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>The answer to <c>/webmail help</c> and to anything not understood.</summary>
    public const string HelpText =
        "Usage: `/webmail <address> [locale]` for a one-click webmail login (only you see it), " +
        "`/webmail check <address>` to mint a session and confirm the mailbox opens, `/webmail help` for this text.";

    /// <summary>Said at once when the answer will follow through <c>response_url</c>.</summary>
    public const string WorkingText = "Working on it: the answer will follow here in a moment.";

    private readonly ChatOpsOptions _options = options.Value;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var signature = request.Headers[SignatureHeader].ToString();
        var signed = await webhooks.ReadSignedAsync(request, MintChannel.Slack, nameof(ChatOpsOptions.SlackSigningSecret), _options.SlackSigningSecret,
            (secret, body) => WebhookSignatures.VerifySlack(secret, request.Headers[TimestampHeader], body, signature, timeProvider.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (signed.Rejection is { } rejection)
        {
            return rejection;
        }

        var correlationId = signed.CorrelationId;

        // The signature covers the timestamp and the body: the same signature within the window is the same request again.
        // Slack never resends a slash command, so a repeat is a replay whatever became of the first.
        var key = WebhookRequests.Key("slack", signature);
        if (await webhooks.ClaimOnceAsync(MintChannel.Slack, correlationId, key, WebhookSignatures.SlackTolerance * 2, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(signed.Body));
        if (form.Any(f => f.Value.Count > 1))
        {
            return await webhooks.MalformedAsync(MintChannel.Slack, correlationId, "a form field appears more than once.").ConfigureAwait(false);
        }

        var caller = new CallerIdentity(CallerKind.Slack, form.GetValueOrDefault("user_id").ToString());
        var command = ChatCommand.ParseSlack(form.GetValueOrDefault("text").ToString());
        if (command.Kind == ChatCommandKind.Help || caller.Id.Length == 0)
        {
            return Answer(correlationId, new ChatReply(false, HelpText));
        }

        if (_options.SlackInlineBudget > TimeSpan.Zero && await InlineAsync(command, caller, correlationId, cancellationToken).ConfigureAwait(false) is { } reply)
        {
            return Answer(correlationId, reply);
        }

        try
        {
            await work.EnqueueAsync(new ChatWorkItem
            {
                Id = key,
                Channel = MintChannel.Slack,
                Kind = command.Kind,
                Address = command.Address!,
                Locale = command.Locale,
                CallerId = caller.Id,
                CorrelationId = correlationId,
                ResponseUrl = form.GetValueOrDefault("response_url").ToString(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IChatWorkQueue.IsUnreachable(ex))
        {
            LogNotQueued(logger, correlationId, ex.GetType().Name);
            return Answer(correlationId, ChatFailureReplies.NotQueued);
        }

        return Answer(correlationId, new ChatReply(true, WorkingText));
    }

    /// <summary>The command's answer when it is ready within the budget; null when it is not (the inline work is stopped, and
    /// the command is done again from the queue).</summary>
    private Task<ChatReply?> InlineAsync(ChatCommand command, CallerIdentity caller, string correlationId, CancellationToken cancellationToken) =>
        AnswerBudget.RunAsync(_options.SlackInlineBudget, timeProvider, stop => command.Kind == ChatCommandKind.Link
            ? runner.LinkAsync(command.Address!, command.Locale, caller, MintChannel.Slack, correlationId, HelpText, stop)
            : runner.CheckAsync(command.Address!, caller, MintChannel.Slack, stop), cancellationToken);

    private static Api.JsonApiResult<System.Text.Json.Nodes.JsonObject> Answer(string correlationId, ChatReply reply) => WebhookRequests.Json(200, correlationId, SlackMessages.Render(reply));

    [LoggerMessage(5, LogLevel.Error, "Slack command {CorrelationId} missed its inline budget and could not be queued: {Reason}")]
    private static partial void LogNotQueued(ILogger logger, string correlationId, string reason);
}
