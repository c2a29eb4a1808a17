using System.Collections.Concurrent;
using CpanelSessionOps.Emulator.Internal;

namespace CpanelSessionOps.Emulator.State;

/// <summary>Minted sessions (before login) and logged-in sessions (after), with cPanel's lifetimes.</summary>
internal sealed class SessionStore(TimeProvider timeProvider, bool singleUse = true)
{
    /// <summary>An unused session is removed after 5 minutes; WHM reports this as <c>expires</c>.</summary>
    public static readonly TimeSpan PreAuthenticationLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A logged-in session is destroyed after 15 minutes without activity.</summary>
    public static readonly TimeSpan InactivityLifetime = TimeSpan.FromMinutes(15);

    private const int MaxMintedSessions = 100_000;

    private readonly ConcurrentDictionary<string, IssuedSession> _minted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoggedInSession> _loggedIn = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IssuedSession> _history = new();

    public TimeProvider TimeProvider { get; } = timeProvider;

    public IssuedSession Mint(string user, EmulatedSessionService service, string tag, string locale, string remoteAddress, string? mailbox)
    {
        var now = TimeProvider.GetUtcNow();
        var session = new IssuedSession(
            CpanelText.NewSessionString(user, tag), user, service, CpanelText.NewSecurityToken(), tag, locale, remoteAddress,
            mailbox, now, now + PreAuthenticationLifetime);
        _minted[session.Secret] = session;
        _history.Enqueue(session);
        while (_history.Count > MaxMintedSessions && _history.TryDequeue(out var old))
        {
            _minted.TryRemove(old.Secret, out _);
        }

        return session;
    }

    /// <summary>Consumes a session for its one login; null when unknown, for another service or token, used or expired.</summary>
    public IssuedSession? Redeem(string secret, EmulatedSessionService service, string securityToken)
    {
        if (!_minted.TryGetValue(secret, out var session) || session.Service != service ||
            !string.Equals(session.SecurityToken, securityToken, StringComparison.Ordinal))
        {
            return null;
        }

        if (TimeProvider.GetUtcNow() >= session.ExpiresAt)
        {
            _minted.TryRemove(secret, out _);
            return null;
        }

        // Whether a session string logs in twice is not public (cpanel-behaviour.md): single use unless configured otherwise.
        return session.TryUse() || !singleUse ? session : null;
    }

    public LoggedInSession LogIn(IssuedSession minted, string landingPath, string host)
    {
        var loggedIn = new LoggedInSession(
            CpanelText.UriEncode(CpanelText.NewLoggedInSessionName(minted.User)), minted, TimeProvider.GetUtcNow(), landingPath, host);
        _loggedIn[loggedIn.CookieValue] = loggedIn;
        return loggedIn;
    }

    /// <summary>The live logged-in session behind a cookie on a service's listener, whatever its token; null when unknown or idle too long.</summary>
    public LoggedInSession? FindLoggedIn(string cookieValue, EmulatedSessionService service)
    {
        if (!_loggedIn.TryGetValue(cookieValue, out var session) || session.Minted.Service != service)
        {
            return null;
        }

        var now = TimeProvider.GetUtcNow();
        if (now - session.LastActivity >= InactivityLifetime)
        {
            _loggedIn.TryRemove(cookieValue, out _);
            return null;
        }

        session.LastActivity = now;
        return session;
    }

    public IReadOnlyList<EmulatedSession> Snapshot() => [.. _history.Select(s => s.ToView())];
}
