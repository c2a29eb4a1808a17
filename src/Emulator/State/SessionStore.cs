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

    private readonly ConcurrentDictionary<string, MintedSession> _minted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoggedInSession> _loggedIn = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MintedSession> _history = new();

    public TimeProvider TimeProvider { get; } = timeProvider;

    public MintedSession Mint(string user, SessionService service, string tag, string locale, string remoteAddress, string? mailbox)
    {
        var now = TimeProvider.GetUtcNow();
        var session = new MintedSession(
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
    public MintedSession? Redeem(string secret, SessionService service, string securityToken)
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

    public LoggedInSession LogIn(MintedSession minted, string landingPath, string host)
    {
        var loggedIn = new LoggedInSession(
            CpanelText.UriEncode(CpanelText.NewLoggedInSessionName(minted.User)), minted, TimeProvider.GetUtcNow(), landingPath, host);
        _loggedIn[loggedIn.CookieValue] = loggedIn;
        return loggedIn;
    }

    /// <summary>The live logged-in session behind a cookie on a service's listener, whatever its token; null when unknown or idle too long.</summary>
    public LoggedInSession? FindLoggedIn(string cookieValue, SessionService service)
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

internal sealed class MintedSession(
    string secret, string user, SessionService service, string securityToken, string tag, string locale,
    string remoteAddress, string? mailbox, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    private int _used;

    public string Secret { get; } = secret;
    public string User { get; } = user;
    public SessionService Service { get; } = service;
    public string SecurityToken { get; } = securityToken;
    public string Tag { get; } = tag;
    public string Locale { get; } = locale;
    public string RemoteAddress { get; } = remoteAddress;

    /// <summary>The mailbox address when the session is a mailbox's webmail session.</summary>
    public string? Mailbox { get; } = mailbox;

    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool TryUse() => Interlocked.Exchange(ref _used, 1) == 0;

    public EmulatedSession ToView() =>
        new(User, Service, SecurityToken, Tag, Locale, RemoteAddress, CreatedAt, ExpiresAt, Volatile.Read(ref _used) == 1);

    // Never let the secret reach a log or a debugger display.
    public override string ToString() => $"{Tag} session for {User} ({SecurityToken})";
}

internal sealed class LoggedInSession(string cookieValue, MintedSession minted, DateTimeOffset loggedInAt, string landingPath, string host)
{
    private int _tempUserCreated;

    public string CookieValue { get; } = cookieValue;
    public MintedSession Minted { get; } = minted;
    public DateTimeOffset LastActivity { get; set; } = loggedInAt;

    /// <summary>The host the login came to: a browser sends the cookie back to that host only, and so does the emulator
    /// accept it only there.</summary>
    public string Host { get; } = host;

    /// <summary>The theme page the login lands on (path and query, under the security token).</summary>
    public string LandingPath { get; } = landingPath;

    /// <summary>True the first time only: <c>create_temp_user</c> creates one temporary user per browser session.</summary>
    public bool TryCreateTempUser() => Interlocked.Exchange(ref _tempUserCreated, 1) == 0;

    public override string ToString() => $"logged-in {Minted}";
}
