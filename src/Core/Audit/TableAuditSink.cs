using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Identity;

namespace CpanelSessionOps.Audit;

/// <summary>
/// Writes audit records to Azure Table Storage: one entity per record, partitioned by day (<c>yyyyMMdd</c>), row keys in
/// reverse time order so the newest come first.
/// </summary>
public sealed class TableAuditSink : IAuditSink
{
    private readonly TableClient _table;
    private int _created;

    /// <summary>Creates the sink for <paramref name="options"/>'s table (created on first write).</summary>
    public TableAuditSink(AuditOptions options, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = options.TableConnectionString is { Length: > 0 } connection
            ? new TableClient(connection, options.TableName, clientOptions)
            : new TableClient(options.TableServiceUri ?? throw new ArgumentException("Audit:TableConnectionString or Audit:TableServiceUri is required.", nameof(options)),
                options.TableName, new DefaultAzureCredential(), clientOptions);
    }

    /// <inheritdoc />
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }

        var entity = new TableEntity(
            record.Timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            (DateTime.MaxValue.Ticks - record.Timestamp.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + record.CorrelationId)
        {
            ["Caller"] = record.Caller,
            ["Channel"] = record.Channel.ToString(),
            ["Kind"] = record.Kind.ToString(),
            ["Target"] = record.Target,
            ["Server"] = record.Server,
            ["Outcome"] = record.Outcome.ToString(),
            ["ErrorClass"] = record.ErrorClass,
            ["EndUserAddress"] = record.EndUserAddress,
            ["CorrelationId"] = record.CorrelationId,
            ["AttemptedAt"] = record.Timestamp,
            ["DurationMs"] = (long)record.Duration.TotalMilliseconds,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same attempt written twice (a retried write that had landed): keep the first.
        }
    }

    /// <summary>Reads the records of one UTC day, newest first (for tests and tooling).</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadDayAsync(DateTimeOffset day, CancellationToken cancellationToken = default)
    {
        var partition = day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var entities = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }

        return entities;
    }
}
