namespace CpanelSessionOps.Links;

/// <summary>What kind of login a link opens.</summary>
public enum LoginKind
{
    /// <summary>A mailbox's webmail (target: a mailbox address).</summary>
    Webmail,

    /// <summary>A cPanel account's cPanel (target: a cPanel user name).</summary>
    Cpanel,
}

/// <summary>The way a request reached the product.</summary>
public enum MintChannel
{
    /// <summary>The HTTP API (portals, services).</summary>
    Http,

    /// <summary>A Slack slash command.</summary>
    Slack,

    /// <summary>A Microsoft Teams outgoing webhook.</summary>
    Teams,

    /// <summary>A GitHub issue comment.</summary>
    GitHub,

    /// <summary>The GitHub Action.</summary>
    Action,

    /// <summary>The command-line tool.</summary>
    Cli,
}

/// <summary>How a caller is identified; policy rules name callers as <c>kind:value</c>.</summary>
public enum CallerKind
{
    /// <summary>A configured name (an API key's caller name, a CLI user): <c>name:VALUE</c>.</summary>
    Name,

    /// <summary>An Entra ID user or service principal object id: <c>entra:OBJECT-ID</c>.</summary>
    EntraObject,

    /// <summary>An Entra ID application (client) id: <c>app:APP-ID</c>.</summary>
    EntraApp,

    /// <summary>A Slack user id: <c>slack:U0123</c>.</summary>
    Slack,

    /// <summary>A Microsoft Teams user id: <c>teams:29:1ab...</c>.</summary>
    Teams,

    /// <summary>A GitHub login: <c>github:octocat</c>.</summary>
    GitHub,
}

/// <summary>Who asks for a link.</summary>
/// <param name="Kind">How the caller is identified.</param>
/// <param name="Id">The identifier (object id, Slack user id, GitHub login, ...).</param>
/// <param name="Groups">Group ids the caller belongs to (Entra ID groups), matched by <c>group:ID</c> rules.</param>
public sealed record CallerIdentity(CallerKind Kind, string Id, IReadOnlyList<string>? Groups = null)
{
    /// <summary>The caller as policy rules and audit records write it: <c>kind:id</c>.</summary>
    public override string ToString() => Prefix(Kind) + ":" + Id;

    /// <summary>The one form of this caller that policy matching and rate limits share: <c>kind:id</c> with the id lower-cased
    /// where the platform compares ids case-insensitively (GitHub logins, Entra ids, names); Slack and Teams ids as given.</summary>
    public string CanonicalKey => Prefix(Kind) + ":" + (IsCaseSensitive(Kind) ? Id : Id.ToLowerInvariant());

    internal static bool IsCaseSensitive(CallerKind kind) => kind is CallerKind.Slack or CallerKind.Teams;

    internal static string Prefix(CallerKind kind) => kind switch
    {
        CallerKind.EntraObject => "entra",
        CallerKind.EntraApp => "app",
        CallerKind.Slack => "slack",
        CallerKind.Teams => "teams",
        CallerKind.GitHub => "github",
        _ => "name",
    };
}

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

    /// <summary>Whether <paramref name="value"/> is usable as a correlation id: 1 to 128 of letters, digits and <c>- _ . :</c>
    /// (safe in headers, logs and table keys).</summary>
    public static bool IsValidCorrelationId(string? value) =>
        value is { Length: > 0 and <= 128 } && !value.AsSpan().ContainsAnyExcept(CorrelationIdCharacters);

    private static readonly System.Buffers.SearchValues<char> CorrelationIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");
}
