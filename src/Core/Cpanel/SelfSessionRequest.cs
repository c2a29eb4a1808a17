namespace CpanelSessionOps.Cpanel;

/// <summary>Asks for a webmail session for the authenticated cPanel account itself.</summary>
public sealed record SelfSessionRequest
{
    /// <summary>The session's locale (lower case); the account's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The end user's IP address, recorded as the session's origin; the caller's when null.</summary>
    public string? RemoteAddress { get; init; }
}
