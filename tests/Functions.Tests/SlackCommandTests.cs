using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The <c>/webmail</c> slash command (<see cref="SlackCommandHandler"/>), through the Functions app.</summary>
public sealed class SlackCommandTests : IAsyncLifetime
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
        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));

        // A command that missed the inline budget is answered by the queue trigger, after the acknowledgement (issue #17).
        await host.ProcessWorkAsync();
        return response;
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

        Assert.Equal(SlackCommandHandler.HelpText, response.Json.GetProperty("text").GetString());
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
        Assert.DoesNotContain("cpsess", Assert.Single(host.Work.Enqueued), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_SlowLinkCommand_IsMintedWhenProcessedNeverWhileQueued()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        var body = SlackBody("alice@example.com", responseUrl: "https://hooks.slack.com/commands/T1/6/link");
        var request = host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded", SlackHeaders(body));

        var acknowledged = await FunctionsHost.ExecuteAsync(request, await host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None));
        var queued = Assert.Single(host.Work.Enqueued);
        var mintedBeforeProcessing = host.Emulator.Sessions.Count;
        await host.ProcessWorkAsync();
        var delivered = await host.Slack.NextRequestAsync();

        Assert.Equal(SlackCommandHandler.WorkingText, acknowledged.Json.GetProperty("text").GetString());
        Assert.Equal(0, mintedBeforeProcessing);
        Assert.DoesNotContain("cpsess", queued, StringComparison.Ordinal);
        Assert.Contains("alice@example.com", queued, StringComparison.Ordinal);
        Assert.Contains("cpsess", delivered.Body, StringComparison.Ordinal);
        Assert.Single(host.Emulator.Sessions);
    }

    [Fact]
    public async Task Slack_CheckPastTheInlineBudget_IsQueuedAndEndsTheRequestCpanelWasHolding()
    {
        var budget = TimeSpan.FromSeconds(2);
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:02" }, s => s.AddSingleton<TimeProvider>(clock));
        // An hour's latency on the wire, and the app's own clocks (cPanel timeouts, the check's deadline) frozen: only the
        // inline work being stopped can end the request cPanel holds.
        host.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromHours(1) });
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var held = host.Emulator.Faults.WaitForAppliedAsync(FaultKind.Latency, hangGuard.Token);
        var body = SlackBody("check alice@example.com");
        var request = host.Request("POST", "/api/chatops/slack", body, "application/x-www-form-urlencoded", SlackHeaders(body));

        var answering = host.Function<SlackCommandFunction>().RunAsync(request, CancellationToken.None);
        var function = await held;
        await clock.NextTimerAsync(dueTime => dueTime == budget);
        clock.Advance(budget);
        var response = await FunctionsHost.ExecuteAsync(request, await answering.WaitAsync(hangGuard.Token));
        var auditedAtAnswer = host.Audit.Records.ToArray();
        var ended = await host.Emulator.Requests.WaitForAsync(e => e.Function == function && e.StatusCode == 0, hangGuard.Token);

        Assert.Equal(SlackCommandHandler.WorkingText, response.Json.GetProperty("text").GetString());
        Assert.Contains("alice@example.com", Assert.Single(host.Work.Enqueued), StringComparison.Ordinal);
        // The stopped work had ended before the answer: its attempt was already audited, and nothing of it runs on.
        Assert.Equal("cancelled", Assert.Single(auditedAtAnswer).ErrorClass);
        // The request cPanel was holding ended without an answer: the app dropped it when it stopped the inline work.
        Assert.Equal((function, 0), (ended.Function, ended.StatusCode));
    }

    [Fact]
    public async Task Slack_SlowCommandWhenTheQueueIsUnreachable_SaysSoAndMintsNothing()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:SlackInlineBudget"] = "00:00:00" });
        host.Work.Unreachable = true;
        var body = SlackBody("alice@example.com");

        var response = await SlackRawAsync(host, body, SlackHeaders(body));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("❌", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("could not be queued", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Sessions);
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
}
