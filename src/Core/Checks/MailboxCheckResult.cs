using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Checks;

/// <summary>One mailbox's check: minted (and logged in, when asked), with timings. Never the link.</summary>
/// <param name="Mailbox">The mailbox checked, as given.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Latency">Mint plus login time.</param>
/// <param name="ErrorClass">Why not: <c>validation</c>, <c>policy</c>, <c>not-managed</c>, <c>api</c>, <c>authentication</c>,
/// <c>transport</c>, <c>secret-*</c>, <c>login</c>, <c>timeout</c>...</param>
/// <param name="Message">What went wrong, for people (untrusted: it may quote cPanel).</param>
public sealed record MailboxCheckResult(string Mailbox, bool Ok, TimeSpan Latency, string? ErrorClass, string? Message)
{
    /// <summary>The message of a mailbox that was not checked because its server had already refused the credential.</summary>
    public const string CredentialRefusedMessage = "not checked: the credential was refused.";

    /// <summary>True when the mailbox was skipped: its server refused the run's credential for an earlier mailbox.</summary>
    public bool NotChecked { get; init; }

    /// <summary>Whether the link was minted without the WHM mailbox check, because the login check that followed proves
    /// (or disproves) the same thing.</summary>
    public bool MailboxCheckSkipped { get; init; }

    /// <summary>The login check's hops (status, path without query, time), when it logged in.</summary>
    public IReadOnlyList<LoginHop> LoginHops { get; init; } = [];
}
