using System.Text.RegularExpressions;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class CpanelClientTests : IAsyncLifetime
{
    private EmulatedServer _server = null!;

    public async Task InitializeAsync() => _server = await EmulatedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CpanelClient Demo => _server.Client(EmulatedServer.DemoToken);

    private CpanelClient Root => _server.Client(EmulatedServer.RootToken);

    [Fact]
    public async Task CreateWebmailSessionForMailUserAsync_OwnedMailbox_ReturnsSessionWithBothWaysToLogIn()
    {
        var before = DateTimeOffset.UtcNow;

        var session = await Demo.CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("alice", "example.com"));

        var port = _server.Emulator.WebmailUri.Port;
        Assert.Equal("alice@example.com", session.User);
        Assert.Equal(SessionService.Webmail, session.Service);
        Assert.Equal(_server.Server.Name, session.ServerName);
        Assert.Matches("^/cpsess[0-9]{10}$", session.SecurityToken);
        Assert.Matches("^alice@example.com:[A-Za-z0-9_]{16}:CREATE_WEBMAIL_SESSION_FOR_MAIL_USER,[0-9a-f]{32}$", session.Secret.Reveal());
        Assert.Null(session.Hostname);
        Assert.Equal(("127.0.0.1", port), (session.LoginHost, session.LoginPort));
        Assert.Equal(new Uri($"https://127.0.0.1:{port}{session.SecurityToken}/login"), session.LoginFormTarget);
        var encoded = session.Secret.Reveal().Replace("@", "%40", StringComparison.Ordinal).Replace(":", "%3a", StringComparison.Ordinal)
            .Replace(",", "%2c", StringComparison.Ordinal);
        Assert.Equal("session=" + encoded, session.LoginFormBody.Reveal());
        Assert.Equal($"https://127.0.0.1:{port}{session.SecurityToken}/login/?session={encoded}", session.LoginLink.Reveal());
        Assert.InRange(session.ExpiresAt, before.AddMinutes(5).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task CreateWebmailSessionForMailUserAsync_MailboxOnRemoteNode_LogsInThere()
    {
        var session = await Demo.CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("carol", "example.com"));

        Assert.Equal(DefaultSeed.RemoteMailHost, session.Hostname);
        Assert.Equal(DefaultSeed.RemoteMailHost, session.LoginHost);
        Assert.StartsWith($"https://{DefaultSeed.RemoteMailHost}:{_server.Emulator.WebmailUri.Port}/cpsess", session.LoginLink.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWebmailSessionForMailUserAsync_LocaleAndRemoteAddress_AreSentToCpanel()
    {
        var session = await Demo.CreateWebmailSessionForMailUserAsync(
            new MailUserSessionRequest("alice", "example.com") { Locale = "fr", RemoteAddress = "2001:db8::7" });

        var recorded = Assert.Single(_server.Emulator.Sessions, s => s.SecurityToken == session.SecurityToken);
        Assert.Equal(("fr", "2001:db8::7"), (recorded.Locale, recorded.RemoteAddress));
    }

    [Fact]
    public async Task CreateWebmailSessionForMailUserCheckPasswordAsync_RightPassword_SendsItInThePostBodyOnly()
    {
        var session = await Demo.CreateWebmailSessionForMailUserCheckPasswordAsync(
            new CheckPasswordSessionRequest("alice", "example.com", new SensitiveString(DefaultSeed.AlicePassword)));

        Assert.Equal("alice@example.com", session.User);
        var request = Assert.Single(_server.Emulator.Requests.Entries, e => e.Function == "create_webmail_session_for_mail_user_check_password");
        Assert.Equal("POST", request.Method);
        Assert.Equal("/execute/Session/create_webmail_session_for_mail_user_check_password", request.Target);
    }

    [Fact]
    public async Task CreateWebmailSessionForSelfAsync_Token_ReturnsTheAccountsSession()
    {
        var session = await Demo.CreateWebmailSessionForSelfAsync();

        Assert.Equal("demo", session.User);
        Assert.Matches("^demo:[A-Za-z0-9_]{16}:CREATE_WEBMAIL_SESSION_FOR_SELF,[0-9a-f]{32}$", session.Secret.Reveal());
    }

    [Fact]
    public async Task CreateTempUserAsync_WithToken_SucceedsWithoutCreating()
    {
        var result = await Demo.CreateTempUserAsync();

        Assert.Equal(new TemporaryUserResult(false, null), result);
    }

    [Theory]
    [InlineData(SessionService.Cpanel, "demo")]
    [InlineData(SessionService.Webmail, "alice@example.com")]
    [InlineData(SessionService.Whm, "res1")]
    public async Task CreateUserSessionAsync_Root_ReturnsWhmsSessionAndUrlAsGiven(SessionService service, string user)
    {
        var session = await Root.CreateUserSessionAsync(new UserSessionRequest(user, service) { Locale = "de" });

        var recorded = Assert.Single(_server.Emulator.Sessions, s => s.SecurityToken == session.SecurityToken);
        Assert.Equal((user, service, "de"), (session.User, session.Service, session.Locale));
        Assert.Equal(recorded.ExpiresAt.ToUnixTimeSeconds(), session.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(_server.Server.PortOf(service), session.LoginPort);
        Assert.Matches(new Regex($@"^https://127\.0\.0\.1:{session.LoginPort}{session.SecurityToken}/login/\?locale=de&session=[^&]+$"), session.LoginLink.Reveal());
    }

    [Fact]
    public async Task CreateUserSessionAsync_PreferredDomainAndApp_ShapeTheUrl()
    {
        var session = await Root.CreateUserSessionAsync(
            new UserSessionRequest("demo", SessionService.Cpanel) { App = "Email_Accounts", PreferredDomain = "example.com" });

        Assert.StartsWith($"https://example.com:{_server.Emulator.CpanelUri.Port}{session.SecurityToken}/login/?goto_uri=", session.LoginLink.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhmAccountCalls_ReadOwnerSuspensionAndMailboxes()
    {
        var owner = await Root.GetDomainOwnerAsync("example.com");
        var nobody = await Root.GetDomainOwnerAsync("nowhere.example");
        var demo = await Root.GetAccountSummaryAsync("demo");
        var closed = await Root.GetAccountSummaryAsync("closed");
        var mailboxes = await Root.ListMailboxesAsync("demo");

        Assert.Equal(("demo", null), (owner, nobody));
        Assert.Equal((false, true), (demo.Suspended, closed.Suspended));
        Assert.Equal([("alice@example.com", false), ("bob@example.com", true), ("carol@example.com", false)],
            mailboxes.Select(m => (m.Address, m.LoginSuspended)).OrderBy(m => m.Address));
    }

    [Fact]
    public async Task WhmAccountCalls_ResellerForAnAccountItDoesNotOwn_AreRefusedOrSeeNothing()
    {
        var reseller = _server.Client(new WhmApiTokenCredential(DefaultSeed.ResellerUser, new SensitiveString(DefaultSeed.ResellerToken)));

        Assert.Null(await reseller.GetDomainOwnerAsync("example.com"));
        await Assert.ThrowsAsync<CpanelApiException>(() => reseller.GetAccountSummaryAsync("demo"));
        await Assert.ThrowsAsync<CpanelApiException>(() => reseller.ListMailboxesAsync("demo"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Demo.ListMailboxesAsync("demo"));
    }

    public static TheoryData<string, string, string, CpanelErrorKind> UapiRefusals() => new()
    {
        { "mail_user", "alice@example.com remote=1.2.3", "“1.2.3” is not a valid IP address.", CpanelErrorKind.Unspecified },
        { "mail_user", "alice@example.com locale=xx", "“xx” does not refer to any of this system’s locales.", CpanelErrorKind.Unspecified },
        // Untyped on the wire; the response reader gives it its kind, so no host matches cPanel's texts.
        { "mail_user", "nobody@example.com", "You do not have a user named “nobody@example.com”.", CpanelErrorKind.UserNotFound },
        { "mail_user", "dave@example.org", "You do not have a user named “dave@example.org”.", CpanelErrorKind.UserNotFound },
        { "check_password", "dave@example.org", "You do not have a user named “dave@example.org”.", CpanelErrorKind.UserNotFound },
        { "check_password", "bob@example.com", "Logins for “bob@example.com” are suspended.", CpanelErrorKind.Suspended },
        { "check_password", "alice@example.com password=wrong", "The provided password is incorrect.", CpanelErrorKind.BadPassword },
        { "self", "locale=xx", "“xx” does not refer to any of this system’s locales.", CpanelErrorKind.Unspecified },
    };

    [Theory]
    [MemberData(nameof(UapiRefusals))]
    public async Task UapiCall_CpanelRefuses_ThrowsApiExceptionWithTextAndKind(string function, string spec, string error, CpanelErrorKind kind)
    {
        var parts = spec.Split(' ');
        var address = parts[0].Split('@');
        string? Option(string name) => parts.FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        Task call = function switch
        {
            "mail_user" => Demo.CreateWebmailSessionForMailUserAsync(
                new MailUserSessionRequest(address[0], address[1]) { Locale = Option("locale"), RemoteAddress = Option("remote") }),
            "check_password" => Demo.CreateWebmailSessionForMailUserCheckPasswordAsync(
                new CheckPasswordSessionRequest(address[0], address[1], new SensitiveString(Option("password") ?? address[0] + "-pass"))),
            _ => Demo.CreateWebmailSessionForSelfAsync(new SelfSessionRequest { Locale = Option("locale") }),
        };

        var exception = await Assert.ThrowsAsync<CpanelApiException>(() => call);

        Assert.Equal([error], exception.Errors);
        Assert.Equal(kind, exception.Kind);
        Assert.Equal("api", exception.ErrorCode);
        Assert.Equal(kind switch
        {
            CpanelErrorKind.UserNotFound => ErrorClass.NotFound,
            CpanelErrorKind.Suspended => ErrorClass.Suspended,
            _ => ErrorClass.CpanelRefused,
        }, exception.ErrorClass);
        Assert.Equal(_server.Server.Name, exception.ServerName);
        Assert.Contains(_server.Server.Name, exception.Message, StringComparison.Ordinal);
        Assert.Contains(error, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root", "ghost", SessionService.Cpanel, null, "You cannot create a session for the user “ghost” because they do not exist.")]
    [InlineData("root", "closed", SessionService.Cpanel, null, "You cannot create a session for the user “closed” because they are currently suspended.")]
    [InlineData("res1", "demo", SessionService.Webmail, null, "You do not have permission to create sessions for the user “demo”.")]
    [InlineData("root", "demo", SessionService.Whm, null, "You cannot create a “whostmgrd” session for the user “demo” because they are not a reseller.")]
    [InlineData("root", "demo", SessionService.Cpanel, "No.Such.App", "The requested application, No.Such.App, is invalid.")]
    public async Task CreateUserSessionAsync_WhmRefuses_ThrowsApiExceptionWithReason(string caller, string user, SessionService service, string? app, string reason)
    {
        var credential = caller == "root"
            ? EmulatedServer.RootToken
            : new WhmApiTokenCredential(DefaultSeed.ResellerUser, new SensitiveString(DefaultSeed.ResellerToken));

        var exception = await Assert.ThrowsAsync<CpanelApiException>(() =>
            _server.Client(credential).CreateUserSessionAsync(new UserSessionRequest(user, service) { App = app }));

        Assert.Equal([reason], exception.Errors);
        Assert.Equal("create_user_session", exception.Function);
        var expectedKind = reason.EndsWith("because they do not exist.", StringComparison.Ordinal) ? CpanelErrorKind.UserNotFound
            : reason.EndsWith("because they are currently suspended.", StringComparison.Ordinal) ? CpanelErrorKind.Suspended
            : CpanelErrorKind.Unspecified;
        Assert.Equal(expectedKind, exception.Kind);
    }

    [Theory]
    [InlineData("", "example.com", "Login")]
    [InlineData("alice", " ", "Domain")]
    public async Task CreateWebmailSessionForMailUserAsync_EmptyField_ThrowsNamingItAndSendsNothing(string login, string domain, string field)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            Demo.CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest(login, domain)));

        Assert.Equal(field, exception.ParamName);
        Assert.Equal(0, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_WithWhmCredential_ThrowsSayingWhichCredentialToUse()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Root.CreateWebmailSessionForSelfAsync());

        Assert.Contains("cPanel API token", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task CreateUserSessionAsync_WithCpanelCredential_ThrowsSayingWhichCredentialToUse()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Demo.CreateUserSessionAsync(new UserSessionRequest("demo", SessionService.Cpanel)));

        Assert.Contains("WHM token", exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RefusedCredentials() => new()
    {
        { "cpanel-token", "WRONGTOKEN" },
        { "cpanel-token", DefaultSeed.DemoExpiredToken },
        { "password", "wrong-pass" },
    };

    [Theory]
    [MemberData(nameof(RefusedCredentials))]
    public async Task UapiCall_RefusedCredential_ThrowsAuthenticationExceptionWithoutRetrying(string kind, string secret)
    {
        CpanelCredential credential = kind == "password"
            ? new CpanelPasswordCredential("demo", new SensitiveString(secret))
            : new CpanelApiTokenCredential("demo", new SensitiveString(secret));

        var exception = await Assert.ThrowsAsync<CpanelAuthenticationException>(() =>
            _server.Client(credential).CreateWebmailSessionForSelfAsync());

        Assert.Equal(kind == "password" ? 401 : 403, exception.StatusCode);
        Assert.False(exception.LoginPage);
        Assert.Equal(1, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task CreateUserSessionAsync_RefusedWhmToken_ThrowsAuthenticationException()
    {
        var exception = await Assert.ThrowsAsync<CpanelAuthenticationException>(() =>
            _server.Client(new WhmApiTokenCredential("root", new SensitiveString("WRONG"))).CreateUserSessionAsync(new UserSessionRequest("demo", SessionService.Cpanel)));

        Assert.Equal(403, exception.StatusCode);
    }

    [Fact]
    public async Task UapiCall_Password_Succeeds()
    {
        var session = await _server.Client(new CpanelPasswordCredential("demo", new SensitiveString(DefaultSeed.DemoPassword)))
            .CreateWebmailSessionForMailUserAsync(new MailUserSessionRequest("alice", "example.com"));

        Assert.Equal("alice@example.com", session.User);
    }

    [Fact]
    public async Task UapiCall_RefusedPasswordAnsweredWithLoginPage_ThrowsAuthenticationException()
    {
        _server.Emulator.PasswordFailureAsLoginPage = true;

        var exception = await Assert.ThrowsAsync<CpanelAuthenticationException>(() =>
            _server.Client(new CpanelPasswordCredential("demo", new SensitiveString("wrong"))).CreateWebmailSessionForSelfAsync());

        Assert.True(exception.LoginPage);
        Assert.Equal(200, exception.StatusCode);
    }

    [Fact]
    public async Task UapiCall_TwoFactorAccountWithCodeSource_Succeeds()
    {
        var credential = new CpanelPasswordCredential(DefaultSeed.TwoFactorUser, new SensitiveString(DefaultSeed.TwoFactorPassword),
            TotpCodes.FromBase32Secret(new SensitiveString(DefaultSeed.TwoFactorSecret)));

        var session = await _server.Client(credential).CreateWebmailSessionForSelfAsync();

        Assert.Equal(DefaultSeed.TwoFactorUser, session.User);
    }

    [Fact]
    public async Task UapiCall_TwoFactorAccountWithoutCode_ThrowsAuthenticationException()
    {
        var credential = new CpanelPasswordCredential(DefaultSeed.TwoFactorUser, new SensitiveString(DefaultSeed.TwoFactorPassword));

        await Assert.ThrowsAsync<CpanelAuthenticationException>(() => _server.Client(credential).CreateWebmailSessionForSelfAsync());
    }

    [Fact]
    public async Task UapiCall_HtmlLoginPageInPlaceOfJson_ThrowsAuthenticationException()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.HtmlLoginPage });

        var exception = await Assert.ThrowsAsync<CpanelAuthenticationException>(() => Demo.CreateWebmailSessionForSelfAsync());

        Assert.True(exception.LoginPage);
    }

    [Fact]
    public async Task UapiCall_Twice503ThenAnswer_RetriesAndSucceeds()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Times = 2 });

        var session = await Demo.CreateWebmailSessionForSelfAsync();

        Assert.Equal("demo", session.User);
        Assert.Equal(3, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_429WithRetryAfterThenAnswer_RetriesAndSucceeds()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http429, Times = 1, RetryAfterSeconds = 1 });

        var session = await Demo.CreateWebmailSessionForSelfAsync();

        Assert.Equal("demo", session.User);
        Assert.Equal(2, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_429WithRetryAfter_WaitsWhatTheServerAsksBeforeRetrying()
    {
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await EmulatedServer.StartAsync(configure: o =>
        {
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryDelay = TimeSpan.FromMinutes(1);
            // Timeouts far beyond the fake time this test moves, so the only timer that can fire is the retry's.
            o.AttemptTimeout = TimeSpan.FromMinutes(10);
            o.TotalTimeout = TimeSpan.FromMinutes(30);
        }, timeProvider: clock);
        server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http429, Times = 1, RetryAfterSeconds = 30 });

        var call = server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync();
        // The retry's wait is the one timer of exactly Retry-After's 30 s (the configured RetryDelay is 1 ms and the
        // timeouts are minutes): once it is set, 29 fake seconds do not release it and the 30th does.
        await clock.NextTimerAsync(due => due == TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(29));
        var beforeRetryAfter = server.Emulator.Requests.Total;
        var releasedEarly = call.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));

        var session = await call.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, beforeRetryAfter);
        Assert.False(releasedEarly);
        Assert.Equal(2, server.Emulator.Requests.Total);
        Assert.Equal("demo", session.User);
    }

    [Theory]
    [InlineData(FaultKind.Http503, CpanelTransportFailure.ServerError, 503)]
    [InlineData(FaultKind.Http500, CpanelTransportFailure.ServerError, 500)]
    [InlineData(FaultKind.Http429, CpanelTransportFailure.Throttled, 429)]
    [InlineData(FaultKind.ConnectionReset, CpanelTransportFailure.ConnectionLost, null)]
    public async Task UapiCall_FailingThroughEveryRetry_ThrowsTransportExceptionAfterTheBoundedAttempts(FaultKind fault, CpanelTransportFailure failure, int? status)
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = fault });

        var exception = await Assert.ThrowsAsync<CpanelTransportException>(() => Demo.CreateWebmailSessionForSelfAsync());

        Assert.Equal((failure, status), (exception.Failure, exception.StatusCode));
        Assert.Equal(4, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_ResetOnceThenAnswer_RetriesAndSucceeds()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.ConnectionReset, Times = 1 });

        var session = await Demo.CreateWebmailSessionForSelfAsync();

        Assert.Equal("demo", session.User);
    }

    [Fact]
    public async Task UapiCall_MalformedJson_ThrowsProtocolExceptionWithoutRetrying()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.MalformedJson });

        var exception = await Assert.ThrowsAsync<CpanelProtocolException>(() => Demo.CreateWebmailSessionForSelfAsync());

        Assert.Equal("protocol", exception.ErrorCode);
        Assert.Equal(ErrorClass.CpanelProtocol, exception.ErrorClass);
        Assert.Equal(1, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_ServerSideRequestFailed_ThrowsApiExceptionWithoutRetrying()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.RequestFailed });

        var exception = await Assert.ThrowsAsync<CpanelApiException>(() => Demo.CreateWebmailSessionForSelfAsync());

        Assert.StartsWith("The request failed. (Error ID: ", Assert.Single(exception.Errors), StringComparison.Ordinal);
        Assert.Equal(1, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_LatencyPastEveryAttemptTimeout_ThrowsTimeout()
    {
        await using var server = await EmulatedServer.StartAsync(StoppedClock(), configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
        });
        server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3) });

        var exception = await Assert.ThrowsAsync<CpanelTransportException>(() =>
            server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync());

        Assert.Equal(CpanelTransportFailure.Timeout, exception.Failure);
    }

    [Fact]
    public async Task UapiCall_SlowFirstAttemptOnly_RetriesAndSucceeds()
    {
        // The client on a fake clock that only this test moves, retrying at once; the emulator holds the first request until
        // the client gives up. No attempt has to finish within any real time, however loaded the machine.
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await EmulatedServer.StartAsync(StoppedClock(), configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.TotalTimeout = TimeSpan.FromMinutes(30);
            o.RetryDelay = TimeSpan.Zero;
        }, timeProvider: clock);
        server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3), Times = 1 });
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var held = server.Emulator.Faults.WaitForAppliedAsync(FaultKind.Latency, hangGuard.Token); // before the request is sent
        var call = server.Client(EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync();
        await held;
        clock.Advance(TimeSpan.FromMinutes(1));
        var session = await call.WaitAsync(hangGuard.Token);

        // The server logs each request when it has ended, which may be after the client has its answer: wait for both.
        var dropped = await server.Emulator.Requests.WaitForAsync(e => e.StatusCode == 0, hangGuard.Token);
        var answered = await server.Emulator.Requests.WaitForAsync(e => e.StatusCode == 200, hangGuard.Token);

        Assert.Equal("demo", session.User);
        Assert.Equal(dropped.Function, answered.Function);
        Assert.Equal(2, server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task UapiCall_Cancelled_ThrowsOperationCanceledNotACpanelError()
    {
        _server.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Demo.CreateWebmailSessionForSelfAsync(null, cancel.Token));
    }

    [Fact]
    public async Task UapiCall_NothingListening_ThrowsConnectError()
    {
        var closed = new CpanelServer("nowhere", "127.0.0.1") { CpanelPort = FreePort() };

        var exception = await Assert.ThrowsAsync<CpanelTransportException>(() =>
            _server.Factory.CreateClient(closed, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync());

        Assert.Equal(CpanelTransportFailure.Connect, exception.Failure);
        Assert.Contains("cannot connect to 127.0.0.1", exception.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An emulator whose clock never moves: a latency fault lasts until the client gives up, however slow the machine.</summary>
    private static CpanelEmulatorOptions StoppedClock() => new() { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) };
}
