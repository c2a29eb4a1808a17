using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The Teams outgoing webhook (<see cref="TeamsWebhookHandler"/>), through the Functions app.</summary>
public sealed class TeamsWebhookTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

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

    [Fact]
    public async Task Teams_CheckPastTheBudget_AnswersStillCheckingInsteadOfTimingOut()
    {
        var budget = TimeSpan.FromSeconds(3);
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:TeamsBudget"] = "00:00:03" }, s => s.AddSingleton<TimeProvider>(clock));
        // cPanel does not answer until the check is stopped (the request is aborted then).
        host.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromHours(1) });
        var body = TeamsBody("check alice@example.com");

        var answering = TeamsRawAsync(host, body, TeamsHeader(body));
        await clock.NextTimerAsync(dueTime => dueTime == budget);
        clock.Advance(budget);
        var response = await answering.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(200, response.Status);
        Assert.Equal("message", response.Json.GetProperty("type").GetString());
        Assert.StartsWith("⏳ Still checking `alice@example.com`", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Try again", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_CheckPastTheBudget_EndsTheRequestCpanelWasHolding()
    {
        var budget = TimeSpan.FromSeconds(3);
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:TeamsBudget"] = "00:00:03" }, s => s.AddSingleton<TimeProvider>(clock));
        // An hour's latency on the wire, and the app's own clocks (cPanel timeouts, the check's deadline) frozen: only the
        // check being stopped can end the request cPanel holds.
        host.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromHours(1) });
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var held = host.Emulator.Faults.WaitForAppliedAsync(FaultKind.Latency, hangGuard.Token);
        var body = TeamsBody("check alice@example.com");

        var answering = TeamsRawAsync(host, body, TeamsHeader(body));
        var function = await held;
        await clock.NextTimerAsync(dueTime => dueTime == budget);
        clock.Advance(budget);
        var response = await answering.WaitAsync(hangGuard.Token);
        var auditedAtAnswer = host.Audit.Records.ToArray();
        var ended = await host.Emulator.Requests.WaitForAsync(e => e.Function == function && e.StatusCode == 0, hangGuard.Token);

        Assert.StartsWith("⏳ Still checking", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        // The stopped work had ended before the answer: its attempt was already audited, and nothing of it runs on.
        Assert.Equal("cancelled", Assert.Single(auditedAtAnswer).ErrorClass);
        // The request cPanel was holding ended without an answer: the app dropped it when it stopped the check.
        Assert.Equal((function, 0), (ended.Function, ended.StatusCode));
    }

    [Fact]
    public async Task Teams_CheckWithinTheBudget_AnswersTheResult()
    {
        var budget = TimeSpan.FromSeconds(4);
        var start = DateTimeOffset.UtcNow;
        var clock = new SignalingTimeProvider(start);
        await using var host = await FunctionsHost.StartAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var body = TeamsBody("check alice@example.com");

        var response = await TeamsRawAsync(host, body, TeamsHeader(body));

        // The budget's timer was started, and the check beat it without the clock moving.
        Assert.Equal(budget, await clock.NextTimerAsync(dueTime => dueTime == budget));
        Assert.Equal(start, clock.GetUtcNow());
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", response.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:05")]
    public async Task TeamsBudget_OutOfRange_FailsAtStartNamingTheSetting(string budget)
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["ChatOps:TeamsBudget"] = budget });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ChatOpsOptions>>().Value);

        Assert.Contains("ChatOps:TeamsBudget", error.Message, StringComparison.Ordinal);
    }
}
