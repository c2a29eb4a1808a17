using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Tests;

public sealed class WebhookSignaturesTests
{
    [Fact]
    public void VerifyGitHub_PublishedTestVector_Verifies()
    {
        // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
        Assert.True(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World!"u8.ToArray(),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.False(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World?"u8.ToArray(),
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.False(WebhookSignatures.VerifyGitHub("It's a Secret to Everybody", "Hello, World!"u8.ToArray(), null));
    }

    [Fact]
    public void VerifySlack_PublishedExample_VerifiesOnlyWithinFiveMinutes()
    {
        // Slack's documented example request (signing secret 8f742231b10e8888abcd99yyyzzz85a5, timestamp 1531420618).
        var body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"u8.ToArray();
        const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var sent = DateTimeOffset.FromUnixTimeSeconds(1531420618);

        Assert.True(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420618", body, Signature, sent.AddMinutes(4)));
        Assert.False(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420618", body, Signature, sent.AddMinutes(6)));
        Assert.False(WebhookSignatures.VerifySlack(FunctionsHost.SlackSecret, "1531420619", body, Signature, sent));
    }

    [Fact]
    public void VerifyTeams_HmacOfTheBody_VerifiesAndATamperedBodyDoesNot()
    {
        var body = """{"type":"message","text":"<at>Webmail</at> help"}"""u8.ToArray();
        var header = "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(FunctionsHost.TeamsToken), body));

        Assert.True(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, body, header));
        Assert.False(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, [.. body, (byte)' '], header));
        Assert.False(WebhookSignatures.VerifyTeams(FunctionsHost.TeamsToken, body, "HMAC not-base64!"));
    }

    [Theory]
    [InlineData("alice@example.com", ChatCommandKind.Link, "alice@example.com", null)]
    [InlineData("  alice@example.com   de ", ChatCommandKind.Link, "alice@example.com", "de")]
    [InlineData("check alice@example.com", ChatCommandKind.Check, "alice@example.com", null)]
    [InlineData("help", ChatCommandKind.Help, null, null)]
    [InlineData("", ChatCommandKind.Help, null, null)]
    [InlineData("alice", ChatCommandKind.Help, null, null)]
    [InlineData("check", ChatCommandKind.Help, null, null)]
    [InlineData("delete alice@example.com", ChatCommandKind.Help, null, null)]
    [InlineData("alice@example.com EN-us", ChatCommandKind.Help, null, null)]
    [InlineData("alice@example.com de extra", ChatCommandKind.Help, null, null)]
    public void Parse_Text_IsStrictAndFriendly(string text, ChatCommandKind kind, string? address, string? locale)
    {
        Assert.Equal(new ChatCommand(kind, address, locale), ChatCommand.Parse(text));
    }
}

public sealed class ChatOpsFunctionsTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static string SlackBody(string text, string user = "U0SUPPORT", string? responseUrl = null) =>
        $"token=x&team_id=T1&user_id={user}&command=%2Fwebmail&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl ?? "https://hooks.slack.com/commands/T1/1/x")}";

    internal static Dictionary<string, string> SlackHeaders(string body, DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        signature ??= "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.SlackSecret),
            Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"))).ToLowerInvariant();
        return new Dictionary<string, string> { ["X-Slack-Request-Timestamp"] = timestamp, ["X-Slack-Signature"] = signature };
    }

    private Task<FunctionResponse> SlackAsync(string text, DateTimeOffset? at = null, string? signature = null, string user = "U0SUPPORT", string? responseUrl = null)
    {
        var body = SlackBody(text, user, responseUrl);
        return SlackRawAsync(_host, body, SlackHeaders(body, at, signature));
    }

    internal static async Task<FunctionResponse> SlackRawAsync(FunctionsHost host, string body, Dictionary<string, string> headers)
    {
        var request = host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded", headers);
        return await FunctionsHost.ExecuteAsync(request, await host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task Slack_LinkCommand_RepliesEphemerallyWithAButtonToTheLink()
    {
        var response = await SlackAsync("alice@example.com");

        Assert.Equal(200, response.Status);
        var json = response.Json;
        Assert.Equal("ephemeral", json.GetProperty("response_type").GetString());
        var url = json.GetProperty("blocks")[0].GetProperty("accessory").GetProperty("url").GetString();
        Assert.StartsWith($"https://127.0.0.1:{_host.Emulator.WebmailUri.Port}/cpsess", url, StringComparison.Ordinal);
        var record = Assert.Single(_host.Audit.Records);
        Assert.Equal(("slack:U0SUPPORT", AuditOutcome.Minted), (record.Caller, record.Outcome));
    }

    [Fact]
    public async Task Slack_CheckCommand_RepliesWithTheResultAndNoLink()
    {
        var response = await SlackAsync("check alice@example.com");

        var text = response.Json.GetProperty("text").GetString()!;
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cpsess", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("please give me webmail")]
    [InlineData("alice@")]
    [InlineData("<mailto:alice@example.com|bob@example.com>")]
    [InlineData("<https://evil.test|alice@example.com>")]
    [InlineData("<mailto:alice@example.com|alice@example.com")]
    [InlineData("<@U0SUPPORT|alice@example.com>")]
    public async Task Slack_UnknownOrMalformed_RepliesWithHelp(string text)
    {
        var response = await SlackAsync(text);

        Assert.Equal(ChatCommand.HelpText, response.Json.GetProperty("text").GetString());
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("<mailto:alice@example.com|alice@example.com>")]
    [InlineData("<mailto:alice@example.com|alice@example.com> de")]
    [InlineData("<mailto:Alice@Example.com|Alice@Example.com>")]
    [InlineData("<mailto:alice@example.com>")]
    public async Task Slack_AddressEscapedAsAMailtoLink_IsUnwrapped(string text)
    {
        var response = await SlackAsync(text);

        Assert.Equal(200, response.Status);
        Assert.Equal("Open webmail", response.Json.GetProperty("blocks")[0].GetProperty("accessory").GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("alice@example.com", Assert.Single(_host.Audit.Records).Target);
    }

    [Fact]
    public async Task Slack_CheckWithAMailtoLink_IsUnwrapped()
    {
        var response = await SlackAsync("check <mailto:alice@example.com|alice@example.com>");

        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_CallerWithoutARule_IsRefusedByPolicy()
    {
        var response = await SlackAsync("alice@example.com", user: "U0STRANGER");

        Assert.StartsWith("❌ Refused by policy.", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("bad-signature")]
    [InlineData("stale")]
    public async Task Slack_BadOrStaleSignature_Returns401AndIsAudited(string kind)
    {
        var response = kind == "stale"
            ? await SlackAsync("alice@example.com", at: DateTimeOffset.UtcNow.AddMinutes(-6))
            : await SlackAsync("alice@example.com", signature: "v0=" + new string('0', 64));

        Assert.Equal(401, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
        var record = Assert.Single(_host.Audit.Records);
        Assert.Equal((AuditOutcome.Refused, "signature"), (record.Outcome, record.ErrorClass));
    }

    [Fact]
    public async Task Slack_ExactReplayWithinTheWindow_IsRefusedAndMintsNothingMore()
    {
        var body = SlackBody("alice@example.com");
        var headers = SlackHeaders(body);

        var first = await SlackRawAsync(_host, body, headers);
        var replay = await SlackRawAsync(_host, body, headers);

        Assert.Equal(200, first.Status);
        Assert.Equal(401, replay.Status);
        Assert.Single(_host.Emulator.Sessions);
        Assert.Equal([(AuditOutcome.Minted, null), (AuditOutcome.Refused, "replay")], _host.Audit.Records.Select(r => (r.Outcome, r.ErrorClass)));
    }

    [Fact]
    public async Task Slack_DuplicateFormFields_Return400AndMintNothing()
    {
        var body = SlackBody("alice@example.com") + "&user_id=U0OTHER";

        var response = await SlackRawAsync(_host, body, SlackHeaders(body));

        Assert.Equal(400, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
        Assert.Equal("malformed", Assert.Single(_host.Audit.Records).ErrorClass);
    }

    [Fact]
    public async Task Slack_SlowAnswer_IsAcknowledgedThenDeliveredToTheResponseUrl()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        var body = SlackBody("check alice@example.com", responseUrl: "https://hooks.slack.com/commands/T1/2/abc");

        var response = await SlackRawAsync(host, body, SlackHeaders(body));

        Assert.StartsWith("Working on it", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var (hostName, path, delivered) = await host.Slack.NextRequestAsync();
        Assert.Equal(("hooks.slack.com", "/commands/T1/2/abc"), (hostName, path));
        var message = System.Text.Json.JsonDocument.Parse(delivered).RootElement;
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", message.GetProperty("response_type").GetString());
        Assert.Equal(["hooks.slack.com:443"], host.Slack.Connections);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(302)]
    [InlineData(301)]
    [InlineData(303)]
    public async Task Slack_ResponseUrlAnsweringARedirect_IsNotFollowed(int status)
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        host.Slack.Redirects["/commands/T1/3/redirect"] = (status, "https://evil.test/steal");
        var body = SlackBody("alice@example.com", responseUrl: "https://hooks.slack.com/commands/T1/3/redirect");

        await SlackRawAsync(host, body, SlackHeaders(body));
        var first = await host.Slack.NextRequestAsync();
        var delivery = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(LocalSlack.ResponseClientName);
        using var control = await delivery.PostAsync(new Uri("https://hooks.slack.com/control"), new StringContent("{}"));

        Assert.Equal("hooks.slack.com", first.Host);
        Assert.Contains("cpsess", first.Body, StringComparison.Ordinal);
        Assert.Equal(["hooks.slack.com", "hooks.slack.com"], host.Slack.Requests.Select(r => r.Host));
        Assert.DoesNotContain(host.Slack.Connections, c => c.StartsWith("evil.test", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://hooks.slack.com/commands/T1/4/x")]
    [InlineData("https://hooks.slack.com:8443/commands/T1/4/x")]
    [InlineData("https://evil.test/commands/T1/4/x")]
    [InlineData("https://hooks.slack.com.evil.test/commands/T1/4/x")]
    [InlineData("https://user:pass@hooks.slack.com/commands/T1/4/x")]
    [InlineData("//hooks.slack.com/commands/T1/4/x")]
    [InlineData("ftp://hooks.slack.com/commands")]
    public async Task Slack_ResponseUrlNotHttpsOn443ToAnAllowedHost_IsNeverContacted(string responseUrl)
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        var body = SlackBody("alice@example.com", responseUrl: responseUrl);
        await SlackRawAsync(host, body, SlackHeaders(body));
        var allowed = SlackBody("check alice@example.com", responseUrl: "https://hooks.slack.com/commands/T1/4/control");

        await SlackRawAsync(host, allowed, SlackHeaders(allowed));
        var delivered = await host.Slack.NextRequestAsync();

        Assert.Equal("/commands/T1/4/control", delivered.Path);
        Assert.Equal(["hooks.slack.com:443"], host.Slack.Connections);
    }

    [Fact]
    public async Task Slack_ConfiguredResponseHosts_ReplaceTheDefault()
    {
        await using var host = await FunctionsHost.StartAsync(new()
        {
            ["ChatOps:SlackInlineBudget"] = "00:00:00",
            ["ChatOps:SlackResponseHosts:0"] = "hooks.example.org",
        });
        var toDefault = SlackBody("check alice@example.com", responseUrl: "https://hooks.slack.com/commands/T1/5/x");
        await SlackRawAsync(host, toDefault, SlackHeaders(toDefault));
        var toConfigured = SlackBody("check carol@example.com", responseUrl: "https://hooks.example.org/commands/T1/5/y");

        await SlackRawAsync(host, toConfigured, SlackHeaders(toConfigured));
        var delivered = await host.Slack.NextRequestAsync();

        Assert.Equal(("hooks.example.org", "/commands/T1/5/y"), (delivered.Host, delivered.Path));
        Assert.Equal(["hooks.example.org:443"], host.Slack.Connections);
        Assert.Equal(["hooks.example.org"], host.Services.GetRequiredService<IOptions<ChatOpsOptions>>().Value.SlackResponseHosts);
    }

    internal static string TeamsBody(string text, string from = "29:1abcSUPPORT", string? id = null, DateTimeOffset? at = null) =>
        $$$"""{"type":"message","id":"{{{id ?? "1485983408511" + Guid.NewGuid().ToString("N")[..6]}}}","timestamp":"{{{(at ?? DateTimeOffset.UtcNow).UtcDateTime:O}}}","text":"<at>Webmail</at>&nbsp;{{{text}}}","from":{"id":"{{{from}}}","name":"Support"}}""";

    internal static string TeamsHeader(string body) =>
        "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(FunctionsHost.TeamsToken), Encoding.UTF8.GetBytes(body)));

    internal static async Task<FunctionResponse> TeamsRawAsync(FunctionsHost host, string body, string header)
    {
        var request = host.Request("POST", "/api/chatops/teams", body, headers: new Dictionary<string, string> { ["Authorization"] = header });
        return await FunctionsHost.ExecuteAsync(request, await host.Function<TeamsWebhookFunction>().RunAsync(request, CancellationToken.None));
    }

    private Task<FunctionResponse> TeamsAsync(string text, string from = "29:1abcSUPPORT", string? header = null)
    {
        var body = TeamsBody(text, from);
        return TeamsRawAsync(_host, body, header ?? TeamsHeader(body));
    }

    [Fact]
    public async Task Teams_Check_RepliesToTheChannelWithTheResult()
    {
        var response = await TeamsAsync("check alice@example.com");

        Assert.Equal("message", response.Json.GetProperty("type").GetString());
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_LinkRequest_IsNeverAnsweredWithALink()
    {
        var response = await TeamsAsync("alice@example.com");

        Assert.Contains("never posted in Teams", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Teams_BadHmac_Returns401()
    {
        var response = await TeamsAsync("check alice@example.com", header: "HMAC " + Convert.ToBase64String(new byte[32]));

        Assert.Equal(401, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Teams_SameActivityTwice_IsHandledOnceAndTheReplayRefused()
    {
        var body = TeamsBody("check alice@example.com", id: "activity-1");

        var first = await TeamsRawAsync(_host, body, TeamsHeader(body));
        var replay = await TeamsRawAsync(_host, body, TeamsHeader(body));

        Assert.Equal(200, first.Status);
        Assert.Equal(401, replay.Status);
        Assert.Single(_host.Emulator.Sessions);
        Assert.Equal("replay", _host.Audit.Records.Last().ErrorClass);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(-60 * 24)]
    [InlineData(6)]
    public async Task Teams_ActivityOutsideTheFreshnessWindow_IsRefusedAsStale(int minutes)
    {
        var body = TeamsBody("check alice@example.com", at: DateTimeOffset.UtcNow.AddMinutes(minutes));

        var response = await TeamsRawAsync(_host, body, TeamsHeader(body));

        Assert.Equal(401, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
        Assert.Equal("stale", Assert.Single(_host.Audit.Records).ErrorClass);
    }

    [Theory]
    [InlineData("""{"type":"message","text":"<at>Webmail</at> check alice@example.com","from":{"id":"29:1abcSUPPORT"}}""")]
    [InlineData("""{"type":"message","id":5,"timestamp":"2026-01-01T00:00:00Z","text":"x","from":{"id":"29:1abcSUPPORT"}}""")]
    [InlineData("""{"type":"message","id":"a","timestamp":"yesterday","text":"x","from":{"id":"29:1abcSUPPORT"}}""")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"id":"a","id":"b"}""")]
    public async Task Teams_SignedButMalformedActivity_Returns400AndIsAudited(string body)
    {
        var response = await TeamsRawAsync(_host, body, TeamsHeader(body));

        Assert.Equal(400, response.Status);
        Assert.Equal(0, _host.Emulator.Requests.Total);
        Assert.Equal("malformed", Assert.Single(_host.Audit.Records).ErrorClass);
    }

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
        return await FunctionsHost.ExecuteAsync(request, await host.Function<GitHubWebhookFunction>().RunAsync(request, CancellationToken.None));
    }

    private Task<FunctionResponse> GitHubAsync(string comment, string delivery, string login = "octocat", string action = "created", string? signature = null,
        string @event = "issue_comment", long commentId = 777) =>
        GitHubRawAsync(_host, GitHubBody(comment, login, action, commentId), delivery, signature, @event);

    [Fact]
    public async Task GitHub_CheckComment_ReactsAndAnswersWithTheResultButNoLink()
    {
        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-1");

        Assert.Equal(200, response.Status);
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
    public async Task GitHub_RedeliveryOfADeliveryWhoseReplyFailed_RunsAgain()
    {
        _host.GitHub.Forbidden.Add("/comments");
        var body = GitHubBody("/webmail-check alice@example.com", commentId: 4242);

        var failed = await GitHubRawAsync(_host, body, "delivery-5");
        _host.GitHub.Forbidden.Clear();
        var redelivered = await GitHubRawAsync(_host, body, "delivery-5");

        Assert.Equal(503, failed.Status);
        Assert.Equal(200, redelivered.Status);
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
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

        Assert.Equal(200, response.Status);
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
    [InlineData("check [Verify](https://evil.test)@x")]
    [InlineData("check <https://evil.test|alice>@x.com")]
    public async Task Slack_MarkupInTheCommand_IsEchoedInert(string text)
    {
        var response = await SlackAsync(text);

        var reply = response.Json.GetProperty("text").GetString()!;
        var outsideCode = System.Text.RegularExpressions.Regex.Replace(reply, "`[^`]*`", "");
        Assert.DoesNotContain("evil.test", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("<http", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghs_\nchatops")]
    [InlineData("ghs_\0chatops")]
    public async Task GitHub_ReplyTokenWithALineBreakInside_IsAConfigurationErrorAnswered503NotACrash(string token)
    {
        _host.Vault.SetSecret("github-token", token);

        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-" + Guid.NewGuid(), commentId: 5151);

        Assert.Equal(503, response.Status);
        Assert.Empty(_host.GitHub.Comments);
        Assert.Contains(_host.Audit.Records, r => r is { Outcome: AuditOutcome.Failed, ErrorClass: "github-no-credential" });
    }
}
