namespace CpanelSessionOps.Audit;

/// <summary>
/// One record per mint attempt, whatever its outcome. It never holds a session, link, token or password; the end
/// user's IP address and the caller are personal data, kept as the audit policy says.
/// </summary>
/// <param name="Timestamp">When the attempt ended.</param>
/// <param name="Caller">The caller, <c>kind:id</c>.</param>
/// <param name="Channel">How the request arrived.</param>
/// <param name="Kind">The kind of login asked for.</param>
/// <param name="Target">The mailbox or cPanel user asked for (as given when it was invalid, truncated to 256 characters).</param>
/// <param name="Server">The server it was routed to, when it got that far.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ErrorClass">A stable class for refusals and failures: <c>validation</c>, <c>policy</c>, <c>rate-limited</c>,
/// <c>not-managed</c>, <c>secret-*</c>, <c>api</c>, <c>authentication</c>, <c>protocol</c>, <c>transport</c>, <c>audit</c>, <c>shared-state</c>; a failed ChatOps
/// reply on GitHub: <c>github-*</c> (e.g. <c>github-credential-refused</c>).</param>
/// <param name="EndUserAddress">The end user's IP address, when given.</param>
/// <param name="CorrelationId">Ties the record to the request's logs and traces.</param>
/// <param name="Duration">How long the attempt took.</param>
public sealed record AuditRecord(
    DateTimeOffset Timestamp,
    string Caller,
    MintChannel Channel,
    LoginKind Kind,
    string Target,
    string? Server,
    AuditOutcome Outcome,
    string? ErrorClass,
    string? EndUserAddress,
    string CorrelationId,
    TimeSpan Duration);
