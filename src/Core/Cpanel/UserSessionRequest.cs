namespace CpanelSessionOps.Cpanel;

/// <summary>Asks WHM (root or a reseller) for a session for one of its users or their mailboxes.</summary>
/// <param name="User">A cPanel user, a WHM user, or a mailbox address (then the session is that mailbox's webmail).</param>
/// <param name="Service">The service the session logs in to.</param>
public sealed record UserSessionRequest(string User, SessionService Service)
{
    /// <summary>The session's locale (lower case); the user's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The application to open after login (WHM's <c>app</c>), or null.</summary>
    public string? App { get; init; }

    /// <summary>The host name the login URL should use instead of the one the request came to.</summary>
    public string? PreferredDomain { get; init; }
}
