using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The GitHub <c>issue_comment</c> webhook (<see cref="GitHubWebhookHandler"/>) and the queued answer, through the Functions app.</summary>
public sealed class GitHubWebhookTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static string GitHubBody(string comment, string login = "octocat", string action = "created", long commentId = 777, string number = "5") =>
        $$$"""{"action":"{{{action}}}","issue":{"number":{{{number}}}},"comment":{"id":{{{commentId}}},"body":{{{System.Text.Json.JsonSerializer.Serialize(comment)}}},"user":{"login":"{{{login}}}"}},"repository":{"full_name":"acme/hosting"}}""";

    internal static string GitHubSignature(string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.GitHubSecret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

    internal static async Task<FunctionResponse> GitHubRawAsync(FunctionsHost host, string body, string delivery, string? signature = null,
        string @event = "issue_comment", string contentType = "application/json")
    {
        var request = host.Request("POST", "/api/chatops/github", body, contentType, new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature ?? GitHubSignature(body),
            ["X-GitHub-Delivery"] = delivery,
            ["X-GitHub-Event"] = @event,
        });
        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<GitHubWebhookFunction>().RunAsync(request, CancellationToken.None));

        // The queue trigger answers after the webhook did (issue #17).
        await host.ProcessWorkAsync();
        return response;
    }

    private Task<FunctionResponse> GitHubAsync(string comment, string delivery, string login = "octocat", string action = "created", string? signature = null,
        string @event = "issue_comment", long commentId = 777) =>
        GitHubRawAsync(_host, GitHubBody(comment, login, action, commentId), delivery, signature, @event);

    [Fact]
    public async Task GitHub_CheckComment_ReactsAndAnswersWithTheResultButNoLink()
    {
        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-1");

        Assert.Equal(202, response.Status);
        Assert.True(response.Json.GetProperty("queued").GetBoolean());
        var reaction = Assert.Single(_host.GitHub.Requests, r => r.Path == "/repos/acme/hosting/issues/comments/777/reactions");
        Assert.Contains("+1", reaction.Body, StringComparison.Ordinal);
        var comment = Assert.Single(_host.GitHub.Comments).Value;
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("cpsess", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_SameDeliveryTwice_IsHandledOnceAndTheReplayRefused()
    {
        await GitHubAsync("/webmail-check alice@example.com", "delivery-2");
        var again = await GitHubAsync("/webmail-check alice@example.com", "delivery-2");

        Assert.Equal(401, again.Status);
        Assert.Single(_host.GitHub.Comments);
        Assert.Equal((AuditOutcome.Refused, "replay"), (_host.Audit.Records.Last().Outcome, _host.Audit.Records.Last().ErrorClass));
    }

    [Fact]
    public async Task GitHub_SignedBodyReplayedWithANewDeliveryId_IsRefusedAndRunsNothing()
    {
        var body = GitHubBody("/webmail-check alice@example.com");
        var signature = GitHubSignature(body);
        await GitHubRawAsync(_host, body, "delivery-original", signature);
        var sessions = _host.Emulator.Sessions.Count;

        var replay = await GitHubRawAsync(_host, body, "delivery-forged-" + Guid.NewGuid(), signature);

        Assert.Equal(401, replay.Status);
        Assert.Equal(sessions, _host.Emulator.Sessions.Count);
        Assert.Single(_host.GitHub.Comments);
        Assert.Equal("replay", _host.Audit.Records.Last().ErrorClass);
    }

    [Fact]
    public async Task GitHub_ReplyThatFails_IsRetriedFromTheQueueAndPostedOnce()
    {
        _host.GitHub.Forbidden.Add("/comments");
        var body = GitHubBody("/webmail-check alice@example.com", commentId: 4242);

        var queued = await GitHubRawAsync(_host, body, "delivery-5");
        var failedAttempt = _host.Work.PendingCount;
        _host.GitHub.Forbidden.Clear();
        var retry = await _host.ProcessWorkAsync();
        var redelivered = await GitHubRawAsync(_host, body, "delivery-5");

        Assert.Equal(202, queued.Status);
        Assert.Equal(1, failedAttempt);
        Assert.Equal([ChatWorkOutcome.Posted], retry);
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
        Assert.Contains(_host.Audit.Records, r => r is { Outcome: AuditOutcome.Failed, ErrorClass: "github-forbidden" });

        // Safely queued, so GitHub's redelivery of the same comment is a replay: the queue did the retrying.
        Assert.Equal(401, redelivered.Status);
    }

    [Fact]
    public async Task GitHub_QueueUnreachable_Answers503AndGitHubsRedeliveryRunsIt()
    {
        var body = GitHubBody("/webmail-check alice@example.com", commentId: 4343);
        _host.Work.Unreachable = true;

        var refused = await GitHubRawAsync(_host, body, "delivery-6");
        _host.Work.Unreachable = false;
        var redelivered = await GitHubRawAsync(_host, body, "delivery-6");

        Assert.Equal(503, refused.Status);
        Assert.Equal(202, redelivered.Status);
        Assert.Single(_host.GitHub.Comments);
    }

    [Theory]
    [InlineData("just a comment", "created", "issue_comment")]
    [InlineData("/webmail-check alice@example.com", "edited", "issue_comment")]
    [InlineData("/webmail-check alice@example.com", "created", "push")]
    public async Task GitHub_NotANewCommandComment_IsIgnored(string comment, string action, string @event)
    {
        var response = await GitHubAsync(comment, "delivery-" + Guid.NewGuid(), action: action, @event: @event);

        Assert.Equal(202, response.Status);
        Assert.Empty(_host.GitHub.Requests);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task GitHub_UserWithoutARule_GetsAPolicyRefusalComment()
    {
        await GitHubAsync("/webmail-check alice@example.com", "delivery-3", login: "mallory");

        Assert.StartsWith("❌ Webmail for `alice@example.com` did not open (policy)", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task GitHub_BadSignature_Returns401AndIsAudited()
    {
        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-4", signature: "sha256=" + new string('f', 64));

        Assert.Equal(401, response.Status);
        Assert.Equal("signature", Assert.Single(_host.Audit.Records).ErrorClass);
        Assert.Empty(_host.GitHub.Requests);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("""{"action":"created","issue":{"number":"5"},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":1.5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":99999999999},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":5},"comment":{"id":"1","body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":5},"comment":{"id":1,"body":7,"user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":null},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":7,"issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":[],"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":["acme"]}}""")]
    [InlineData("""{"action":"created","action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("""{"action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat","login":"admin"}},"repository":{"full_name":"acme/hosting"}}""")]
    [InlineData("{\"action\":")]
    public async Task GitHub_SignedButMalformedPayload_Returns400AndIsAudited(string body)
    {
        var response = await GitHubRawAsync(_host, body, "delivery-" + Guid.NewGuid());

        Assert.Equal(400, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
        Assert.Empty(_host.GitHub.Requests);
        var record = Assert.Single(_host.Audit.Records);
        Assert.Equal((AuditOutcome.Refused, "malformed", MintChannel.GitHub), (record.Outcome, record.ErrorClass, record.Channel));
    }

    [Fact]
    public async Task GitHub_FormEncodedWebhook_IsHandledLikeJson()
    {
        var body = "payload=" + Uri.EscapeDataString(GitHubBody("/webmail-check alice@example.com", commentId: 9191));

        var response = await GitHubRawAsync(_host, body, "delivery-form", contentType: "application/x-www-form-urlencoded");

        Assert.Equal(202, response.Status);
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task GitHub_OtherContentType_Returns415SayingToChooseJson(string contentType)
    {
        var response = await GitHubRawAsync(_host, GitHubBody("/webmail-check alice@example.com"), "delivery-" + Guid.NewGuid(), contentType: contentType);

        Assert.Equal(415, response.Status);
        Assert.Contains("application/json", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("/webmail-check [Verify](https://evil.test)@x")]
    [InlineData("/webmail-check <img src=x onerror=alert(1)>@x.com")]
    [InlineData("/webmail-check `x`@[y](https://evil.test)")]
    [InlineData("/webmail-check @admin@example.com")]
    [InlineData("/webmail-check **bold**@example.com")]
    public async Task GitHub_MarkdownInTheCommand_IsEchoedInert(string comment)
    {
        await GitHubAsync(comment, "delivery-" + Guid.NewGuid());

        var reply = Assert.Single(_host.GitHub.Comments).Value;
        var outsideCode = System.Text.RegularExpressions.Regex.Replace(reply, "`[^`]*`", "");
        Assert.DoesNotContain("evil.test", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("<", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("](", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("@admin", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("**", outsideCode, StringComparison.Ordinal);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("ghs_\nchatops")]
    [InlineData("ghs_\0chatops")]
    public async Task GitHub_ReplyTokenWithALineBreakInside_IsAConfigurationErrorAuditedAndRetriedNotACrash(string token)
    {
        _host.Vault.SetSecret("github-token", token);

        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-" + Guid.NewGuid(), commentId: 5151);

        Assert.Equal(202, response.Status);
        Assert.Equal(1, _host.Work.PendingCount);
        Assert.Empty(_host.GitHub.Comments);
        Assert.Contains(_host.Audit.Records, r => r is { Outcome: AuditOutcome.Failed, ErrorClass: "github-no-credential" });
    }
}
