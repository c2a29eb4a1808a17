namespace CpanelSessionOps;

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
