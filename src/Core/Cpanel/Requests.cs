namespace CpanelSessionOps.Cpanel;

/// <summary>Asks for a webmail session for a mailbox the authenticated cPanel account owns.</summary>
/// <param name="Login">The mailbox's local part, e.g. <c>alice</c>.</param>
/// <param name="Domain">The mailbox's domain, e.g. <c>example.com</c>.</param>
public sealed record MailUserSessionRequest(string Login, string Domain)
{
    /// <summary>The session's locale (lower case); the account's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The end user's IP address, recorded as the session's origin; the caller's when null.</summary>
    public string? RemoteAddress { get; init; }
}

/// <summary>Asks for a webmail session for a mailbox, proving its password (sent in a POST body, never a URL).</summary>
/// <param name="Login">The mailbox's local part.</param>
/// <param name="Domain">The mailbox's domain.</param>
/// <param name="Password">The mailbox password.</param>
public sealed record CheckPasswordSessionRequest(string Login, string Domain, SensitiveString Password)
{
    /// <summary>The session's locale (lower case); the account's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The end user's IP address, recorded as the session's origin; the caller's when null.</summary>
    public string? RemoteAddress { get; init; }
}

/// <summary>Asks for a webmail session for the authenticated cPanel account itself.</summary>
public sealed record SelfSessionRequest
{
    /// <summary>The session's locale (lower case); the account's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The end user's IP address, recorded as the session's origin; the caller's when null.</summary>
    public string? RemoteAddress { get; init; }
}

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
