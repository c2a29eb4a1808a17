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
