namespace CpanelSessionOps.Audit;

/// <summary>
/// Records what a host does beside minting (a chat reply sent, a credential refused) in the same audit trail as every
/// mint attempt: always as a structured log event, and in every registered <see cref="IAuditSink"/>.
/// </summary>
public interface IAuditTrail
{
    /// <summary>What to do with a mint when a sink fails (<c>Audit:FailureMode</c>).</summary>
    AuditFailureMode FailureMode { get; }

    /// <summary>Logs and stores the record; returns the first sink failure, or null when every sink took it. Never throws
    /// for a sink's failure.</summary>
    Task<Exception?> RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}
