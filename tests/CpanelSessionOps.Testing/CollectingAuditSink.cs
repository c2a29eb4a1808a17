using System.Collections.Concurrent;
using CpanelSessionOps.Audit;

namespace CpanelSessionOps.Testing;

/// <summary>An audit sink that keeps records in memory, or fails on demand (for fail-closed and fail-open behaviour).</summary>
public sealed class CollectingAuditSink : IAuditSink
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    public bool Fail { get; set; }

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("audit store unavailable (test)");
        }

        Records.Enqueue(record);
        return Task.CompletedTask;
    }
}
