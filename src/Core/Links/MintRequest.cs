namespace CpanelSessionOps.Links;

/// <summary>A request for a login link. Everything in it is untrusted until validated.</summary>
/// <param name="Target">A mailbox address for <see cref="LoginKind.Webmail"/>, a cPanel user for <see cref="LoginKind.Cpanel"/>.</param>
/// <param name="Kind">The kind of login.</param>
/// <param name="Caller">Who asks.</param>
/// <param name="Channel">How the request arrived.</param>
public sealed record MintRequest(string Target, LoginKind Kind, CallerIdentity Caller, MintChannel Channel)
{
    /// <summary>The session's locale (lower case); the account's own when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The end user's IP address, passed to cPanel as <c>remote_address</c> where the call takes one.</summary>
    public string? EndUserAddress { get; init; }

    /// <summary>Skips the mailbox check that runs before a webmail link is minted through WHM (WHM itself mints for mailboxes
    /// that do not exist or are suspended). Only for callers that log in with the link at once, which proves the same.</summary>
    public bool SkipMailboxCheck { get; init; }

    /// <summary>Ties the request's audit record and logs together; generated when null.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Whether <paramref name="value"/> is usable as a correlation id (<see cref="CorrelationIds.IsValid"/>).</summary>
    public static bool IsValidCorrelationId(string? value) => CorrelationIds.IsValid(value);
}
