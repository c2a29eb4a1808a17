using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>
/// Works off one queued chat command: mints or checks (now, never before), posts the answer (Slack <c>response_url</c>,
/// GitHub comment and reaction) and says whether the message is done. Idempotent: a command is claimed in
/// <see cref="IWebhookDeduplicator"/> by its id, so a message delivered twice, or enqueued twice, posts once. A message that
/// cannot succeed goes to the poison queue with an audit record, after <see cref="BackgroundWorkOptions.MaxDequeueCount"/>
/// attempts or at once when it is unreadable or its answer undeliverable. A plain class: the queue trigger calls it, and
/// tests run it against real queues without the Functions host.
/// </summary>
internal sealed partial class ChatWorkProcessor(
    ChatCommandRunner runner, SlackResponseClient slackResponses, GitHubReplyClient gitHubReplies, IWebhookDeduplicator deliveries,
    IChatWorkQueue queue, IAuditTrail audit, IOptions<BackgroundWorkOptions> options, TimeProvider timeProvider, ILogger<ChatWorkProcessor> logger)
{
    /// <summary>How long a processed command is remembered: far longer than its attempts take (visibility timeouts of minutes).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>Processes <paramref name="message"/>, delivered for the <paramref name="dequeueCount"/>th time.</summary>
    public async Task<ChatWorkOutcome> ProcessAsync(string message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        if (ChatWorkItem.TryRead(message) is not { } item)
        {
            await PoisonAsync(message, null, "malformed-work", cancellationToken).ConfigureAwait(false);
            return ChatWorkOutcome.Poisoned;
        }

        var key = "work:" + item.Id;
        if (!await deliveries.TryClaimAsync(key, Retention, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(logger, item.CorrelationId, dequeueCount);
            return ChatWorkOutcome.Duplicate;
        }

        Delivery delivery;
        try
        {
            delivery = await RunAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not answered: the next delivery of this message must run it.
            await deliveries.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (delivery == Delivery.Posted)
        {
            await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
            return ChatWorkOutcome.Posted;
        }

        await deliveries.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        if (delivery == Delivery.Undeliverable || dequeueCount >= options.Value.MaxDequeueCount)
        {
            await PoisonAsync(message, item, delivery == Delivery.Undeliverable ? "undeliverable" : "poison", cancellationToken).ConfigureAwait(false);
            return ChatWorkOutcome.Poisoned;
        }

        LogRetry(logger, item.CorrelationId, dequeueCount, options.Value.MaxDequeueCount);
        return ChatWorkOutcome.Retry;
    }

    private async Task<Delivery> RunAsync(ChatWorkItem item, CancellationToken cancellationToken)
    {
        if (item.Channel == MintChannel.Slack)
        {
            var reply = item.Kind == ChatCommandKind.Link
                ? await runner.LinkAsync(item.Address, item.Locale, item.Caller, MintChannel.Slack, item.CorrelationId, SlackCommandHandler.HelpText, cancellationToken).ConfigureAwait(false)
                : await runner.CheckAsync(item.Address, item.Caller, MintChannel.Slack, cancellationToken).ConfigureAwait(false);
            return await slackResponses.PostAsync(item.ResponseUrl, SlackMessages.Render(reply), item.CorrelationId, cancellationToken).ConfigureAwait(false) switch
            {
                SlackDelivery.Delivered => Delivery.Posted,
                SlackDelivery.Failed => Delivery.Failed,
                _ => Delivery.Undeliverable,
            };
        }

        var answer = item.Kind == ChatCommandKind.Check
            ? await runner.CheckAsync(item.Address, item.Caller, MintChannel.GitHub, cancellationToken).ConfigureAwait(false)
            : new ChatReply(false, GitHubWebhookHandler.HelpText);
        var repository = item.Repository!.Split('/');
        var posted = await gitHubReplies.ReplyAsync(new GitHubReply(repository[0], repository[1], item.IssueNumber, item.CommentId, answer.Text, answer.Succeeded)
        {
            InstallationId = item.InstallationId,
            Caller = item.Caller,
            Target = item.Address,
            CorrelationId = item.CorrelationId,
        }, cancellationToken).ConfigureAwait(false);
        return posted ? Delivery.Posted : Delivery.Failed;
    }

    private async Task PoisonAsync(string message, ChatWorkItem? item, string errorClass, CancellationToken cancellationToken)
    {
        await queue.SendToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new AuditRecord(timeProvider.GetUtcNow(), item?.Caller.ToString() ?? "unknown", item?.Channel ?? MintChannel.Slack,
            LoginKind.Webmail, item?.Address ?? "", null, AuditOutcome.Failed, errorClass, null, item?.CorrelationId ?? "", TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, item?.CorrelationId ?? "", errorClass);
    }

    private enum Delivery
    {
        Posted,
        Failed,
        Undeliverable,
    }

    [LoggerMessage(30, LogLevel.Information, "Chat work {CorrelationId} was already processed (delivery {DequeueCount}); nothing posted again")]
    private static partial void LogDuplicate(ILogger logger, string correlationId, long dequeueCount);

    [LoggerMessage(31, LogLevel.Warning, "Chat work {CorrelationId} could not be answered (attempt {DequeueCount} of {MaxDequeueCount}); it is tried again")]
    private static partial void LogRetry(ILogger logger, string correlationId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(32, LogLevel.Error, "Chat work {CorrelationId} went to the poison queue: {ErrorClass}")]
    private static partial void LogPoisoned(ILogger logger, string correlationId, string errorClass);
}
