using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Protocol;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class CpanelLoginVerifierTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _emulatorClock = new(DateTimeOffset.UtcNow);
    private EmulatedServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await EmulatedServer.StartAsync(new CpanelEmulatorOptions { TimeProvider = _emulatorClock });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<MintedSession> MintAsync(string login = "alice") =>
        _server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest(login, "example.com"));

    [Fact]
    public async Task VerifyAsync_FreshUapiSession_LogsInAndFindsTheMailbox()
    {
        var session = await MintAsync();

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(result.Failure);
        Assert.Equal(307, result.LoginStatusCode);
        Assert.NotNull(result.PageDuration);
        Assert.True(result.TotalDuration >= result.LoginDuration);
        Assert.Equal([("POST", 307), ("GET", 200)], result.Hops.Select(h => (h.Method, h.StatusCode)));
        Assert.Equal(session.SecurityToken + "/webmail/jupiter/index.html", result.Hops[1].Path);
        Assert.DoesNotContain(session.SecurityToken, result.Detail, StringComparison.Ordinal);
        Assert.True(Assert.Single(_server.Emulator.Sessions, s => s.SecurityToken == session.SecurityToken).Used);
    }

    [Theory]
    [InlineData(SessionService.Webmail, "alice@example.com")]
    [InlineData(SessionService.Cpanel, "demo")]
    public async Task VerifyAsync_LoginRedirectsToSessionRootFirst_FollowsTheChainToTheThemePage(SessionService service, string user)
    {
        _server.Emulator.LoginRedirect = LoginRedirectTarget.SessionRoot;
        var session = await _server.Client(EmulatedServer.RootToken).CreateUserSessionAsync(new UserSessionRequest(user, service));

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal([307, 307, 200], result.Hops.Select(h => h.StatusCode));
        Assert.Equal(session.SecurityToken + "/", result.Hops[1].Path);
    }

    [Fact]
    public async Task VerifyAsync_RedirectToAnotherHost_IsNotFollowed()
    {
        var session = await MintAsync();
        _server.Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.RedirectOffOrigin });

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.OffOrigin, result.Failure);
        Assert.Single(result.Hops);
    }

    [Fact]
    public async Task VerifyAsync_EndlessRedirects_StopsAfterFive()
    {
        var session = await MintAsync();
        _server.Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.RedirectLoop });

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.TooManyRedirects, result.Failure);
        Assert.Equal(CpanelLoginVerifier.MaxRedirects + 1, result.Hops.Count);
    }

    [Theory]
    [InlineData(SessionService.Webmail, "alice@example.com")]
    [InlineData(SessionService.Cpanel, "demo")]
    [InlineData(SessionService.Whm, "res1")]
    public async Task VerifyAsync_WhmSession_LogsInWithTheUrlOnItsServicePort(SessionService service, string user)
    {
        var session = await _server.Client(EmulatedServer.RootToken).CreateUserSessionAsync(new UserSessionRequest(user, service));

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public async Task VerifyAsync_SessionUsedAlready_ReportsLoginRefused()
    {
        var session = await MintAsync();
        await _server.Verifier.VerifyAsync(session);

        var again = await _server.Verifier.VerifyAsync(session);

        Assert.False(again.Succeeded);
        Assert.Equal(LoginCheckFailure.LoginRefused, again.Failure);
        // The refusal set a cookie for a new unauthenticated session; that must not pass for a login.
        Assert.Equal(401, again.LoginStatusCode);
        Assert.Single(again.Hops);
    }

    [Fact]
    public async Task VerifyAsync_SessionPastFiveMinutes_ReportsLoginRefused()
    {
        var session = await MintAsync();
        _emulatorClock.Advance(TimeSpan.FromSeconds(301));

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.LoginRefused, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_WhmUrlWithTheServersIpInsteadOfItsName_LogsInOnTheUrlsHost()
    {
        // A server whose host name does not resolve answers with its IP in the url; the emulator (like a browser's cookie
        // jar) only honours the session cookie on the host the login came to, so mixing hosts fails the check.
        var seed = DefaultSeed.Create();
        seed.Server.HostnameResolves = false;
        await using var server = await EmulatedServer.StartAsync(new CpanelEmulatorOptions { Seed = seed });
        var byName = EmulatedServer.Describe(server.Emulator, host: "localhost");
        var session = await server.Factory.CreateClient(byName, EmulatedServer.RootToken)
            .CreateUserSessionAsync(new UserSessionRequest("alice@example.com", SessionService.Webmail));

        var result = await server.Verifier.VerifyAsync(session);

        Assert.Equal(("127.0.0.1", server.Emulator.WebmailUri.Port), (session.LoginHost, session.LoginPort));
        Assert.StartsWith("https://127.0.0.1:", session.LoginLink.Reveal(), StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public async Task VerifyAsync_ServerWithLoginHost_LinksAndLogsInThere()
    {
        var withLoginHost = EmulatedServer.Describe(_server.Emulator, loginHost: "localhost");
        var whm = await _server.Factory.CreateClient(withLoginHost, EmulatedServer.RootToken)
            .CreateUserSessionAsync(new UserSessionRequest("alice@example.com", SessionService.Webmail));
        var uapi = await _server.Factory.CreateClient(withLoginHost, EmulatedServer.DemoToken)
            .CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("alice", "example.com"));

        var whmResult = await _server.Verifier.VerifyAsync(whm);
        var uapiResult = await _server.Verifier.VerifyAsync(uapi);

        Assert.StartsWith($"https://localhost:{_server.Emulator.WebmailUri.Port}/cpsess", whm.LoginLink.Reveal(), StringComparison.Ordinal);
        Assert.Equal("localhost", uapi.LoginFormTarget.Host);
        Assert.True(whmResult.Succeeded, whmResult.Detail);
        Assert.True(uapiResult.Succeeded, uapiResult.Detail);
    }

    [Fact]
    public async Task VerifyAsync_NoAnswerWithinTheLoginTimeout_ReportsTimeout()
    {
        await using var server = await EmulatedServer.StartAsync(
            new CpanelEmulatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) }, configure: o => o.LoginTimeout = TimeSpan.FromMilliseconds(200));
        var session = await server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("alice", "example.com"));
        // The emulator's clock never moves, so the login waits until the verifier gives up: the outcome does not depend on
        // how fast the machine is.
        server.Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(30) });

        var result = await server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.Timeout, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_MailboxWithSuspendedLogin_ReportsLoginRefused()
    {
        var session = await MintAsync("bob");

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.LoginRefused, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_LoginPageWith200_StillReportsLoginRefused()
    {
        _server.Emulator.LoginFailureStatusCode = 200;
        var session = await MintAsync();
        await _server.Verifier.VerifyAsync(session);

        var again = await _server.Verifier.VerifyAsync(session);

        Assert.Equal((LoginCheckFailure.LoginRefused, 200), (again.Failure, again.LoginStatusCode));
    }

    [Fact]
    public async Task VerifyAsync_ConnectionDropped_ReportsTransportWithoutRetrying()
    {
        var session = await MintAsync();
        _server.Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.ConnectionReset });

        var result = await _server.Verifier.VerifyAsync(session);

        Assert.Equal(LoginCheckFailure.Transport, result.Failure);
        Assert.Single(_server.Emulator.Requests.Entries, e => e.Function == "login");
    }

    [Fact]
    public async Task VerifyAsync_Cancelled_Throws()
    {
        var session = await MintAsync();
        _server.Emulator.Faults.Add(new FaultRule { Function = "login", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _server.Verifier.VerifyAsync(session, cancellationToken: cancel.Token));
    }
}
