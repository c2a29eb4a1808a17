using System.Net;
using System.Text.Json;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Faults;

public sealed class FaultInjectorTests : FreshEmulatorTest
{
    private const string MailUser = "create_webmail_session_for_mail_user";
    private const string Query = "login=alice&domain=example.com";
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue Demo =
        EmulatorTestClient.CpanelToken(DefaultSeed.DemoUser, DefaultSeed.DemoToken);



    [Fact]
    public async Task Http503_WithRetryAfter_AnswersOnceThenRecovers()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Http503, Times = 1, RetryAfterSeconds = 2 });

        var first = await Client.UapiAsync(MailUser, Query, Demo);
        var second = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Message.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Empty(Emulator.Faults.Rules);
    }

    [Fact]
    public async Task Http429_WithRetryAfter_AnswersTooManyRequests()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Http429, Times = 1, RetryAfterSeconds = 7 });

        var response = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Message.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Http500_ForAllFunctions_AnswersEveryRequestUntilCleared()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http500 });

        var uapi = await Client.UapiAsync(MailUser, Query, Demo);
        var whm = await Client.WhmAsync("create_user_session", "api.version=1&user=demo&service=cpaneld",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));
        Emulator.Faults.Clear();
        var after = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.InternalServerError, uapi.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, whm.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Fault_ForOneFunction_LeavesOthersAlone()
    {
        Emulator.Faults.Add(new FaultRule { Function = "create_user_session", Kind = FaultKind.Http500 });

        var response = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task ConnectionReset_DropsTheConnectionWithoutAnswer()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.ConnectionReset, Times = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.UapiAsync(MailUser, Query, Demo));
        // The server logs the dropped request after the client has seen the reset: wait for the entry, not a moment.
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var logged = await Emulator.Requests.WaitForAsync(e => e.Function == MailUser, hangGuard.Token);

        Assert.Equal(0, logged.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Answers200WithATruncatedBody()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.MalformedJson });

        var response = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(response.Body));
    }

    [Fact]
    public async Task HtmlLoginPage_Answers200WithHtmlInsteadOfJson()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.HtmlLoginPage });

        var response = await Client.UapiAsync(MailUser, Query, Demo);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>cPanel Login</title>", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestFailed_OnUapi_AnswersStatusZeroWithAnErrorId()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.RequestFailed });

        var response = await Client.UapiAsync(MailUser, Query, Demo);

        UapiSchemas.AssertValid(MailUser, response.Json);
        Assert.Matches(
            @"^The request failed\. \(Error ID: [0-9a-z]{6}\) Ask your hosting provider to research this error in cPanel & WHM’s main error log\.$",
            Assert.Single(response.Errors));
    }

    [Fact]
    public async Task RequestFailed_OnWhm_AnswersResultZeroWithAnErrorId()
    {
        Emulator.Faults.Add(new FaultRule { Function = "create_user_session", Kind = FaultKind.RequestFailed });

        var response = await Client.WhmAsync("create_user_session", "api.version=1&user=demo&service=cpaneld",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));

        Assert.Equal(0, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        Assert.StartsWith("The request failed. (Error ID: ", response.Json.GetProperty("metadata").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_LongerThanTheClientWaits_TimesTheClientOut()
    {
        // The emulator's clock is fake and never moved: the wait outlasts any client, however slow the machine.
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        using var impatient = new EmulatorTestClient(Emulator, TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.UapiAsync(MailUser, Query, Demo));
    }

    [Fact]
    public async Task Latency_ThenAnswer_StillAnswersNormally()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(50), Times = 1 });

        var answering = Client.UapiAsync(MailUser, Query, Demo);
        await Time.NextTimerAsync(dueTime => dueTime == TimeSpan.FromMilliseconds(50));
        var answeredBeforeTheDelay = answering.IsCompleted;
        Time.Advance(TimeSpan.FromMilliseconds(50));
        var response = await answering;

        Assert.False(answeredBeforeTheDelay);
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Latency_HeldRequestTheClientGivesUp_IsSignalledWhileHeldThenLoggedAsDropped()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Latency, Delay = TimeSpan.FromHours(1) });
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var held = Emulator.Faults.WaitForAppliedAsync(FaultKind.Latency, hangGuard.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.CpanelUri, $"execute/Session/{MailUser}?{Query}"));
        request.Headers.Authorization = Demo;
        using var giveUp = new CancellationTokenSource();

        var calling = Client.Http.SendAsync(request, giveUp.Token);
        var function = await held;
        var loggedWhileHeld = Emulator.Requests.Total;
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => calling);
        var logged = await Emulator.Requests.WaitForAsync(e => e.Function == MailUser, hangGuard.Token);

        Assert.Equal(MailUser, function);
        Assert.Equal(0, loggedWhileHeld);
        Assert.Equal(0, logged.StatusCode);
    }

    [Fact]
    public async Task WaitForAsync_AnEntryAlreadyLogged_ReturnsItAtOnce()
    {
        await Client.UapiAsync(MailUser, Query, Demo);
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var logged = await Emulator.Requests.WaitForAsync(e => e.Function == MailUser, hangGuard.Token);

        Assert.Equal((200, "demo"), (logged.StatusCode, logged.AuthenticatedUser));
    }

    [Fact]
    public async Task LoginFault_AppliesToTheLoginEndpoint()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.Http503, Times = 1 });

        var failed = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);
        var retried = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, retried.Status);
    }

    public static TheoryData<FaultRule> InvalidRules() =>
    [
        new FaultRule { Kind = FaultKind.Latency },
        new FaultRule { Kind = FaultKind.Http500, Times = 0 },
        new FaultRule { Kind = FaultKind.Http500, Function = " " },
        new FaultRule { Kind = FaultKind.Http503, RetryAfterSeconds = -1 },
        new FaultRule { Kind = FaultKind.Http500, Delay = TimeSpan.FromSeconds(-1) },
    ];

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Add_InconsistentRule_IsRefusedAndChangesNothing(FaultRule rule)
    {
        Assert.Throws<ArgumentException>(() => Emulator.Faults.Add(rule));
        Assert.Empty(Emulator.Faults.Rules);
    }

    [Fact]
    public void Rules_AfterUses_ShowRemainingCount()
    {
        Emulator.Faults.Add(new FaultRule { Function = MailUser, Kind = FaultKind.Http500, Times = 3 });

        Emulator.Faults.Take(MailUser);

        Assert.Equal(2, Assert.Single(Emulator.Faults.Rules).Times);
    }
}
