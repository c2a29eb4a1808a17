using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>Queue messages: what the webhooks write reads back the same, and anything else is refused (poisoned).</summary>
public sealed class ChatWorkItemTests
{
    private static readonly ChatWorkItem Slack = new()
    {
        Id = "slack:" + new string('0', 64),
        Channel = MintChannel.Slack,
        Kind = ChatCommandKind.Link,
        Address = "alice@example.com",
        Locale = "de",
        CallerId = "U0SUPPORT",
        CorrelationId = "c-1",
        ResponseUrl = "https://hooks.slack.com/commands/T1/1/x",
    };

    private static readonly ChatWorkItem GitHub = new()
    {
        Id = "github:" + new string('1', 64),
        Channel = MintChannel.GitHub,
        Kind = ChatCommandKind.Check,
        Address = "alice@example.com",
        CallerId = "octocat",
        CorrelationId = "c-2",
        Repository = "acme/hosting",
        IssueNumber = 5,
        CommentId = 777,
        InstallationId = 42,
    };

    [Fact]
    public void WrittenMessage_ReadsBackTheSame_WithEnumsByName()
    {
        Assert.Equal(Slack, ChatWorkItem.TryRead(Slack.ToMessage()));
        Assert.Equal(GitHub, ChatWorkItem.TryRead(GitHub.ToMessage()));
        Assert.Contains("\"Channel\":\"GitHub\"", GitHub.ToMessage(), StringComparison.Ordinal);
    }

    public static TheoryData<string> NotOurs() =>
    [
        "not json",
        "null",
        "[]",
        "{}",
        Slack.ToMessage().Replace("\"Version\":1", "\"Version\":2", StringComparison.Ordinal),
        (Slack with { Kind = ChatCommandKind.Help }).ToMessage(),
        (Slack with { ResponseUrl = null }).ToMessage(),
        (Slack with { Channel = MintChannel.Teams }).ToMessage(),
        (Slack with { CallerId = "" }).ToMessage(),
        (GitHub with { Repository = "acme" }).ToMessage(),
        (GitHub with { Kind = ChatCommandKind.Link }).ToMessage(),
        (GitHub with { Address = "" }).ToMessage(),
        (GitHub with { Id = new string('x', 191) }).ToMessage(),
    ];

    [Theory]
    [MemberData(nameof(NotOurs))]
    public void MessageNotWrittenByTheWebhooks_IsRefused(string message)
    {
        Assert.Null(ChatWorkItem.TryRead(message));
    }
}
