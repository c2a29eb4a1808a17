namespace CpanelSessionOps.Audit;

/// <summary>The table sink when a table is configured; otherwise a sink that stores nothing (the log still has every record).</summary>
internal sealed class ConfiguredTableSink(AuditOptions options) : IAuditSink
{
    private readonly TableAuditSink? _table = options.TableConnectionString is { Length: > 0 } || options.TableServiceUri is not null
        ? new TableAuditSink(options)
        : null;

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken) =>
        _table?.WriteAsync(record, cancellationToken) ?? Task.CompletedTask;
}
