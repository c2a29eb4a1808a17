namespace CpanelSessionOps.Emulator.State;

internal sealed class IssuedSession(
    string secret, string user, EmulatedSessionService service, string securityToken, string tag, string locale,
    string remoteAddress, string? mailbox, DateTimeOffset createdAt, DateTimeOffset expiresAt)
{
    private int _used;

    public string Secret { get; } = secret;
    public string User { get; } = user;
    public EmulatedSessionService Service { get; } = service;
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
