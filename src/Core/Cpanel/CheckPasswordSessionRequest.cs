namespace CpanelSessionOps.Cpanel;

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
