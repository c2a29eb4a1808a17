using CpanelSessionOps.Links;

namespace CpanelSessionOps.Audit;

/// <summary>How an attempt ended.</summary>
public enum AuditOutcome
{
    /// <summary>A link was minted and handed out.</summary>
    Minted,

    /// <summary>Refused before anything was minted: invalid input, policy, or a rate limit.</summary>
    Refused,

    /// <summary>Allowed, but a dependency failed (routing, secrets, cPanel, audit).</summary>
    Failed,
}

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

/// <summary>Somewhere audit records go.</summary>
public interface IAuditSink
{
    /// <summary>Writes one record durably, or throws.</summary>
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>What happens to a mint when an audit sink cannot take its record.</summary>
public enum AuditFailureMode
{
    /// <summary>The link is withheld and the attempt fails (default): no link without a record.</summary>
    FailClosed,

    /// <summary>The link is handed out; the lost record is logged in full and counted.</summary>
    FailOpen,
}

/// <summary>Audit settings, bound from configuration (<c>Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>What a failing sink does to a mint. Default <see cref="AuditFailureMode.FailClosed"/>.</summary>
    public AuditFailureMode FailureMode { get; set; } = AuditFailureMode.FailClosed;

    /// <summary>An Azure Table Storage connection string for the table sink (Azurite's for local work); none keeps only the log.</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>The table service URI, for managed identity instead of a connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The table name. Default <c>CpanelSessionOpsAudit</c>.</summary>
    public string TableName { get; set; } = "CpanelSessionOpsAudit";
}

/// <summary>An audit sink failed and the mint failed closed: no link was handed out.</summary>
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }
}
