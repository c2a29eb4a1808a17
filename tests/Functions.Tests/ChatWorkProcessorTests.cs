using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>
/// The background work against real Storage queues (Azurite): the webhook enqueues, <see cref="ChatWorkProcessor"/> processes
/// as the queue trigger calls it, a failed attempt is retried, a message out of attempts ends in the poison queue with an
/// audit record, and the same command twice posts once. The Functions host's part (receive, delete unless retried) is
/// played by <see cref="RunTriggerOnceAsync"/>, with the visibility timeout at zero so a retry is visible at once.
/// </summary>
public sealed class ChatWorkProcessorTests : IAsyncLifetime
{
    private AzuriteQueueService _azurite = null!;
    private FunctionsHost _host = null!;
    private QueueClient _work = null!;
    private QueueClient _poison = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteQueueService.StartAsync();
        _host = await FunctionsHost.StartAsync(new()
        {
            ["BackgroundWork:ConnectionString"] = _azurite.ConnectionString,
            ["BackgroundWork:QueueName"] = "chatops-work-test",
            ["BackgroundWork:MaxDequeueCount"] = "3",
        }, services => services.AddSingleton<IChatWorkQueue, StorageChatWorkQueue>());
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _work = new QueueClient(_azurite.ConnectionString, "chatops-work-test", options);
        _poison = new QueueClient(_azurite.ConnectionString, "chatops-work-test-poison", options);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }

    private async Task<int> WebhookAsync(string comment = "/webmail-check alice@example.com", long commentId = 777)
    {
        var body = GitHubWebhookTests.GitHubBody(comment, commentId: commentId);
        var request = _host.Request("POST", "/api/chatops/github", body, "application/json", new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = GitHubWebhookTests.GitHubSignature(body),
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
            ["X-GitHub-Event"] = "issue_comment",
        });
        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<GitHubWebhookFunction>().RunAsync(request, CancellationToken.None));
        return response.Status;
    }

    /// <summary>What the Functions host does for one message: receive it, run the function, delete it unless the function
    /// threw (here: asked for a retry); a retried message becomes visible again at once.</summary>
    private async Task<(ChatWorkOutcome Outcome, long DequeueCount)?> RunTriggerOnceAsync()
    {
        QueueMessage? message = await _work.ReceiveMessageAsync(TimeSpan.FromMinutes(5));
        if (message is null)
        {
            return null;
        }

        var outcome = await _host.Services.GetRequiredService<ChatWorkProcessor>().ProcessAsync(message.MessageText, message.DequeueCount);
        if (outcome == ChatWorkOutcome.Retry)
        {
            await _work.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }
        else
        {
            await _work.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return (outcome, message.DequeueCount);
    }

    private static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    [SkippableFact]
    public async Task Enqueue_ThenProcess_PostsTheAnswerAndEmptiesTheQueue()
    {
        var status = await WebhookAsync();
        var queued = (await _work.PeekMessageAsync()).Value;

        var processed = await RunTriggerOnceAsync();

        Assert.Equal(202, status);
        Assert.DoesNotContain("cpsess", queued.MessageText, StringComparison.Ordinal);
        Assert.Equal((ChatWorkOutcome.Posted, 1L), processed);
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(_work));
    }

    [SkippableFact]
    public async Task FailedAttempt_IsRetriedFromTheQueue_AndPostsOnce()
    {
        _host.GitHub.Forbidden.Add("/comments");
        await WebhookAsync();

        var first = await RunTriggerOnceAsync();
        _host.GitHub.Forbidden.Clear();
        var second = await RunTriggerOnceAsync();

        Assert.Equal((ChatWorkOutcome.Retry, 1L), first);
        Assert.Equal((ChatWorkOutcome.Posted, 2L), second);
        Assert.Single(_host.GitHub.Comments);
        Assert.Equal(0, await CountAsync(_work));
    }

    [SkippableFact]
    public async Task MessageOutOfAttempts_EndsInThePoisonQueueWithAnAuditRecord()
    {
        _host.GitHub.Forbidden.Add("/comments");
        await WebhookAsync();

        var attempts = new List<(ChatWorkOutcome, long)?> { await RunTriggerOnceAsync(), await RunTriggerOnceAsync(), await RunTriggerOnceAsync() };

        Assert.Equal([(ChatWorkOutcome.Retry, 1L), (ChatWorkOutcome.Retry, 2L), (ChatWorkOutcome.Poisoned, 3L)], attempts);
        Assert.Equal(0, await CountAsync(_work));
        var poisoned = (await _poison.PeekMessageAsync()).Value;
        Assert.Contains("\"CommentId\":777", poisoned.MessageText, StringComparison.Ordinal);
        var record = Assert.Single(_host.Audit.Records, r => r.ErrorClass == "poison");
        Assert.Equal((AuditOutcome.Failed, "github:octocat", "alice@example.com", MintChannel.GitHub), (record.Outcome, record.Caller, record.Target, record.Channel));
        Assert.Empty(_host.GitHub.Comments);
    }

    [SkippableFact]
    public async Task SameCommandTwice_PostsOnce()
    {
        var item = new ChatWorkItem
        {
            Id = "github:" + new string('a', 64),
            Channel = MintChannel.GitHub,
            Kind = ChatCommandKind.Check,
            Address = "alice@example.com",
            CallerId = "octocat",
            CorrelationId = "duplicate-test",
            Repository = "acme/hosting",
            IssueNumber = 5,
            CommentId = 888,
        };
        var queue = _host.Services.GetRequiredService<IChatWorkQueue>();
        await queue.EnqueueAsync(item);
        await queue.EnqueueAsync(item);

        var first = await RunTriggerOnceAsync();
        var second = await RunTriggerOnceAsync();

        Assert.Equal([ChatWorkOutcome.Posted, ChatWorkOutcome.Duplicate], new[] { first!.Value.Outcome, second!.Value.Outcome });
        Assert.Single(_host.GitHub.Comments);
        Assert.Equal(0, await CountAsync(_work));
    }

    [SkippableFact]
    public async Task MessageThisAppDidNotWrite_IsPoisonedAtOnceAndAudited()
    {
        await _work.CreateIfNotExistsAsync();
        await _work.SendMessageAsync("""{"Version":1,"Id":"x","Channel":"Http","Kind":"Link","Address":"a@b.c","CallerId":"u","CorrelationId":"c"}""");

        var processed = await RunTriggerOnceAsync();

        Assert.Equal((ChatWorkOutcome.Poisoned, 1L), processed);
        Assert.Equal(1, await CountAsync(_poison));
        Assert.Single(_host.Audit.Records, r => r is { ErrorClass: "malformed-work", Outcome: AuditOutcome.Failed });
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [SkippableFact]
    public async Task QueueTrigger_ThrowsOnlyToLeaveAMessageForAnotherAttempt()
    {
        _host.GitHub.Forbidden.Add("/comments");
        await WebhookAsync();
        var message = (await _work.ReceiveMessageAsync()).Value;
        var function = _host.Function<ChatWorkFunction>();

        await Assert.ThrowsAsync<ChatWorkRetryException>(() => function.RunAsync(message, CancellationToken.None));
        _host.GitHub.Forbidden.Clear();
        await function.RunAsync(message, CancellationToken.None);

        Assert.Single(_host.GitHub.Comments);
    }
}
