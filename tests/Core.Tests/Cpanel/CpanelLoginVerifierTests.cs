using CpanelSessionOps.Core.Tests.Support;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
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
        Assert.True(Assert.Single(_server.Emulator.Sessions, s => s.SecurityToken == session.SecurityToken).Used);
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
        Assert.Equal(401, again.LoginStatusCode);
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
    public async Task VerifyAsync_PageOfAnotherMailbox_ReportsWrongUser()
    {
        var session = await MintAsync();

        var result = await _server.Verifier.VerifyAsync(session, expectedUser: "dave@example.org");

        Assert.Equal(LoginCheckFailure.WrongUser, result.Failure);
        Assert.Contains("dave@example.org", result.Detail, StringComparison.Ordinal);
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
