using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;

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

    private async Task<FunctionResponse> SlackAsync(string text, DateTimeOffset? at = null, string? signature = null, string user = "U0SUPPORT", string? responseUrl = null)
    {
        var body = $"token=x&team_id=T1&user_id={user}&command=%2Fwebmail&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl ?? "https://hooks.slack.com/commands/T1/1/x")}";
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        signature ??= "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.SlackSecret),
            Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"))).ToLowerInvariant();
        var request = _host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded",
            new Dictionary<string, string> { ["X-Slack-Request-Timestamp"] = timestamp, ["X-Slack-Signature"] = signature });
        return await FunctionsHost.ExecuteAsync(request, await _host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));
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
        Assert.StartsWith("✅ Webmail for alice@example.com opened", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cpsess", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("please give me webmail")]
    [InlineData("alice@")]
    public async Task Slack_UnknownOrMalformed_RepliesWithHelp(string text)
    {
        var response = await SlackAsync(text);

        Assert.Equal(ChatCommand.HelpText, response.Json.GetProperty("text").GetString());
        Assert.Equal(0, _host.Emulator.Requests.Total);
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
    public async Task Slack_SlowAnswer_IsAcknowledgedThenDeliveredToTheResponseUrl()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        var responseUrl = host.GitHub.ApiUrl.Replace("/api/v3", "/slack-response", StringComparison.Ordinal);
        var body = $"user_id=U0SUPPORT&text=check+alice%40example.com&response_url={Uri.EscapeDataString(responseUrl)}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.SlackSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"))).ToLowerInvariant();
        var request = host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded",
            new Dictionary<string, string> { ["X-Slack-Request-Timestamp"] = timestamp, ["X-Slack-Signature"] = signature });

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));

        Assert.StartsWith("Working on it", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!host.GitHub.Requests.Any(r => r.Path == "/slack-response"))
        {
            await Task.Delay(50, timeout.Token);
        }

        var delivered = System.Text.Json.JsonDocument.Parse(host.GitHub.Requests.Single(r => r.Path == "/slack-response").Body).RootElement;
        Assert.StartsWith("✅ Webmail for alice@example.com opened", delivered.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", delivered.GetProperty("response_type").GetString());
    }

    private async Task<FunctionResponse> TeamsAsync(string text, string from = "29:1abcSUPPORT", string? header = null)
    {
        var body = $$$"""{"type":"message","text":"<at>Webmail</at>&nbsp;{{{text}}}","from":{"id":"{{{from}}}","name":"Support"}}""";
        header ??= "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(FunctionsHost.TeamsToken), Encoding.UTF8.GetBytes(body)));
        var request = _host.Request("POST", "/api/chatops/teams", body, headers: new Dictionary<string, string> { ["Authorization"] = header });
        return await FunctionsHost.ExecuteAsync(request, await _host.Function<TeamsWebhookFunction>().RunAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task Teams_Check_RepliesToTheChannelWithTheResult()
    {
        var response = await TeamsAsync("check alice@example.com");

        Assert.Equal("message", response.Json.GetProperty("type").GetString());
        Assert.StartsWith("✅ Webmail for alice@example.com opened", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
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

    private async Task<FunctionResponse> GitHubAsync(string comment, string delivery, string login = "octocat", string action = "created", string? signature = null, string @event = "issue_comment")
    {
        var body = $$$"""{"action":"{{{action}}}","issue":{"number":5},"comment":{"id":777,"body":"{{{comment}}}","user":{"login":"{{{login}}}"}},"repository":{"full_name":"acme/hosting"}}""";
        signature ??= "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.GitHubSecret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        var request = _host.Request("POST", "/api/chatops/github", body, headers: new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature, ["X-GitHub-Delivery"] = delivery, ["X-GitHub-Event"] = @event,
        });
        return await FunctionsHost.ExecuteAsync(request, await _host.Function<GitHubWebhookFunction>().RunAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task GitHub_CheckComment_ReactsAndAnswersWithTheResultButNoLink()
    {
        var response = await GitHubAsync("/webmail-check alice@example.com", "delivery-1");

        Assert.Equal(200, response.Status);
        var reaction = Assert.Single(_host.GitHub.Requests, r => r.Path == "/repos/acme/hosting/issues/comments/777/reactions");
        Assert.Contains("+1", reaction.Body, StringComparison.Ordinal);
        var comment = Assert.Single(_host.GitHub.Comments).Value;
        Assert.StartsWith("✅ Webmail for alice@example.com opened", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("cpsess", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_SameDeliveryTwice_IsHandledOnce()
    {
        await GitHubAsync("/webmail-check alice@example.com", "delivery-2");
        var again = await GitHubAsync("/webmail-check alice@example.com", "delivery-2");

        Assert.Equal(202, again.Status);
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

        Assert.StartsWith("❌ Webmail for alice@example.com did not open (policy)", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
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
}
