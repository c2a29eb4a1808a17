namespace CpanelSessionOps.Audit;

/// <summary>Somewhere audit records go.</summary>
public interface IAuditSink
{
    /// <summary>Writes one record durably, or throws.</summary>
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
