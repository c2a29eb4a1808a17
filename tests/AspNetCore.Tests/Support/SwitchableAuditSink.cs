using CpanelSessionOps.Audit;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>An audit sink the test can make fail, to see the API withhold a link it cannot audit.</summary>
public sealed class SwitchableAuditSink : IAuditSink
{
    private volatile bool _fail;

    public bool Fail { get => _fail; set => _fail = value; }

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken) =>
        Fail ? throw new IOException("audit store unavailable (test)") : Task.CompletedTask;
}
