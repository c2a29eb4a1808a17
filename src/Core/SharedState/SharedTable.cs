using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using CpanelSessionOps.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.SharedState;

/// <summary>
/// The plumbing every shared-state table has, so that its store says only what its rows mean: the client (connection
/// string, or service URI with the app's identity) with short transport retries, so a mint waits seconds, not minutes, for
/// a table that is down; the table created on first use; one row per key, under the key's SHA-256, taken in turns by this
/// instance's own calls; conditional writes that report a lost race instead of throwing; rows that carry their expiry
/// and are purged every <see cref="SharedStateOptions.PurgeInterval"/>; and a table that cannot be reached counted,
/// logged and, failing closed, turned into <see cref="SharedStateUnavailableException"/>.
/// </summary>
internal sealed partial class SharedTable
{
    private const string ExpiresAtColumn = "ExpiresAt";
    private readonly SharedStateOptions _options;
    private readonly string _rowKey;
    private readonly string _noun;
    private readonly string _metricTag;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KeyedGate _gate = new();
    private int _created;
    private long _nextPurgeTicks;

    /// <param name="options">Where the table is and how it fails.</param>
    /// <param name="tableName">The table's name (from <paramref name="options"/>).</param>
    /// <param name="rowKey">The row key of every row: one row per key, its partition the key's SHA-256.</param>
    /// <param name="noun">What the table holds, in messages and logs: "the shared <paramref name="noun"/> table".</param>
    /// <param name="metricTag">The <c>table</c> tag of <c>cpanel_session_ops.shared_state.failures</c>.</param>
    /// <param name="timeProvider">The clock of expiry and purges.</param>
    /// <param name="logger">The store's logger.</param>
    /// <param name="clientOptions">The table client's options; <see cref="DefaultClientOptions"/> when null.</param>
    public SharedTable(
        SharedStateOptions options, string tableName, string rowKey, string noun, string metricTag, TimeProvider timeProvider, ILogger logger,
        TableClientOptions? clientOptions = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _rowKey = rowKey;
        _noun = noun;
        _metricTag = metricTag;
        clientOptions ??= DefaultClientOptions(options.NetworkTimeout);
        Name = tableName;
        Client = options.TableConnectionString is { Length: > 0 } connection
            ? new TableClient(connection, tableName, clientOptions)
            : new TableClient(options.TableServiceUri ?? throw new ArgumentException("SharedState:TableConnectionString or SharedState:TableServiceUri is required.", nameof(options)),
                tableName, new DefaultAzureCredential(), clientOptions);
        _nextPurgeTicks = (timeProvider.GetUtcNow() + options.PurgeInterval).UtcTicks;
    }

    public string Name { get; }

    private TableClient Client { get; }

    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    /// <summary>The client options used when none are given: three tries at most, each bounded by <paramref name="networkTimeout"/>.</summary>
    public static TableClientOptions DefaultClientOptions(TimeSpan networkTimeout)
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = networkTimeout;
        return options;
    }

    /// <summary>The row's keys for a key of ours: a SHA-256, so any text fits Table Storage's key rules and no mailbox
    /// address or caller id is stored in the clear.</summary>
    public static string PartitionKeyFor(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="exception"/> means the table could not be used (rather than a bug or the caller's cancellation).</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RequestFailedException or AuthenticationFailedException or HttpRequestException or IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => IsUnavailable(e, cancellationToken)),
        _ => false,
    };

    /// <summary>What is safe to say about a failure: the status and error code of a service answer, else the exception type.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } failed => $"status {failed.Status} {failed.ErrorCode}".TrimEnd(),
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[^1]),
        _ => exception.GetType().Name,
    };

    /// <summary>
    /// Runs one call for <paramref name="key"/>: purges expired rows when due, creates the table if missing, then runs
    /// <paramref name="operation"/> with the key's partition key while this instance's other calls for the key wait, so
    /// races on a row are between instances only.
    /// </summary>
    public async ValueTask<T> RunForKeyAsync<T>(string key, Func<string, CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        await PurgeWhenDueAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = PartitionKeyFor(key);
        using (await _gate.EnterAsync(partitionKey, cancellationToken).ConfigureAwait(false))
        {
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            return await operation(partitionKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A new row for <paramref name="partitionKey"/> that the purge deletes once <paramref name="expiresAt"/> has passed.</summary>
    public TableEntity NewRow(string partitionKey, DateTimeOffset expiresAt) => new(partitionKey, _rowKey) { [ExpiresAtColumn] = expiresAt };

    /// <summary>When <paramref name="row"/> expires; null for a row without the column.</summary>
    public static DateTimeOffset? ExpiresAt(TableEntity row) => row.GetDateTimeOffset(ExpiresAtColumn);

    /// <summary>The key's row, or null when there is none.</summary>
    public async ValueTask<TableEntity?> FindAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var current = await Client.GetEntityIfExistsAsync<TableEntity>(partitionKey, _rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return current.HasValue ? current.Value : null;
    }

    /// <summary>Inserts <paramref name="row"/>; false when the key already has a row (another writer came first).</summary>
    public async ValueTask<bool> TryAddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await Client.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the row read with <paramref name="etag"/> by <paramref name="row"/>; false when another writer changed
    /// or purged it since it was read.</summary>
    public async ValueTask<bool> TryReplaceAsync(TableEntity row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Client.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Merges <paramref name="row"/>'s columns into the key's row, whatever it holds now; false when there is none
    /// (purged or deleted since it was read).</summary>
    public async ValueTask<bool> TryMergeAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await Client.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Deletes the key's row, whatever it holds now; none is fine.</summary>
    public async ValueTask DeleteAsync(string partitionKey, CancellationToken cancellationToken) =>
        await Client.DeleteEntityAsync(partitionKey, _rowKey, ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>Counts and logs that the table could not be used; the caller goes on without it.</summary>
    public void ReportUnavailable(Exception exception) => Report(exception);

    /// <summary>
    /// Counts and logs that the table could not be used; failing closed, then throws <see cref="SharedStateUnavailableException"/>
    /// saying <paramref name="consequence"/> (what was not done, and what follows). Failing open it returns, and the caller
    /// goes on with this instance's memory.
    /// </summary>
    public void ThrowIfFailClosed(Exception exception, string consequence)
    {
        var reason = Report(exception);
        if (_options.FailureMode == SharedStateFailureMode.FailClosed)
        {
            throw new SharedStateUnavailableException(
                $"The shared {_noun} table '{Name}' could not be reached ({reason}) and SharedState:FailureMode is FailClosed, so {consequence}. " +
                "Check the storage account's availability and the app identity's Storage Table Data Contributor role.", exception);
        }
    }

    /// <summary>Deletes up to one page of rows whose expiry has passed; a row changed since it was read is left alone.</summary>
    public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {_timeProvider.GetUtcNow()}");
        await foreach (var page in Client.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
                           .AsPages().ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                try
                {
                    // The row's own ETag: a row revived since the query (a new window, a new claim) is not deleted.
                    await Client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                }
            }

            break;
        }

        return deleted;
    }

    private async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }

    private async ValueTask PurgeWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + _options.PurgeInterval).UtcTicks, due) != due)
        {
            return;
        }

        try
        {
            await PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            // Only housekeeping: the next interval tries again; the request itself goes on.
            LogPurgeFailed(_logger, Name, Describe(ex));
        }
    }

    private string Report(Exception exception)
    {
        var reason = Describe(exception);
        CpanelSessionOpsTelemetry.SharedStateFailures.Add(1, new TagList { { "table", _metricTag }, { "mode", _options.FailureMode.ToString() } });
        LogUnavailable(_logger, Name, _options.FailureMode, reason);
        return reason;
    }

    [LoggerMessage(1, LogLevel.Error, "Shared state table {Table} could not be reached ({Mode}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string table, SharedStateFailureMode mode, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Shared state table {Table}: purging expired rows failed ({Reason}); trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, string table, string reason);
}
