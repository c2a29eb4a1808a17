using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using CpanelSessionOps.Diagnostics;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.SharedState;

/// <summary>
/// <see cref="IRateLimitStore"/> in Azure Table Storage, shared by every instance of the app. One row per key (its SHA-256)
/// holds the current window's start and count; a permit is taken by a conditional insert (a new window) or an update that
/// carries the row's ETag, so two instances never both take the last permit. An instance's own calls for one key take
/// turns, so races are between instances only. A lost race reads again: within one window each
/// retry follows another writer's success, so <c>limit + 2</c> tries always suffice (bounded at 64; past that the request
/// is refused as rate limited, never granted). Rows whose window ended are purged every
/// <see cref="SharedStateOptions.PurgeInterval"/>. When the table cannot be reached, <see cref="SharedStateOptions.FailureMode"/>
/// decides: fail closed (<see cref="SharedStateUnavailableException"/>) or count in this instance's memory.
/// </summary>
internal sealed partial class TableRateLimitStore : IRateLimitStore
{
    private const string RowKey = "window";
    private const int MaxAttempts = 64;
    private readonly SharedTable _table;
    private readonly SharedStateOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly KeyedGate _gate = new();
    private long _nextPurgeTicks;

    public TableRateLimitStore(SharedStateOptions options, TimeProvider timeProvider, ILogger<TableRateLimitStore> logger, TableClientOptions? clientOptions = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _table = new SharedTable(options, options.RateLimitTableName, clientOptions);
        _fallback = new InMemoryRateLimitStore(timeProvider);
        _nextPurgeTicks = (timeProvider.GetUtcNow() + options.PurgeInterval).UtcTicks;
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        try
        {
            await PurgeWhenDueAsync(cancellationToken).ConfigureAwait(false);
            var partitionKey = SharedTable.PartitionKeyFor(key);
            using (await _gate.EnterAsync(partitionKey, cancellationToken).ConfigureAwait(false))
            {
                return await TakeAsync(partitionKey, limit, window, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            var reason = SharedTable.Describe(ex);
            CpanelSessionOpsTelemetry.SharedStateFailures.Add(1, new TagList { { "table", "rate-limits" }, { "mode", _options.FailureMode.ToString() } });
            LogUnavailable(_logger, _table.Name, _options.FailureMode, reason);
            if (_options.FailureMode == SharedStateFailureMode.FailOpen)
            {
                return await _fallback.TryAcquireAsync(key, limit, window, cancellationToken).ConfigureAwait(false);
            }

            throw new SharedStateUnavailableException(
                $"The shared rate-limit table '{_table.Name}' could not be reached ({reason}), so no link was minted (SharedState:FailureMode is FailClosed). " +
                "Check the storage account's availability and the app identity's Storage Table Data Contributor role.", ex);
        }
    }

    /// <summary>Deletes rows whose window ended (one page at most); returns how many.</summary>
    internal ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        _table.PurgeExpiredAsync(_timeProvider.GetUtcNow(), cancellationToken);

    private async ValueTask<RateLimitDecision> TakeAsync(string partitionKey, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // In long arithmetic: a limit near int.MaxValue must not wrap to no attempt at all (a refusal without a request).
        var attempts = (int)Math.Min(limit + 2L, MaxAttempts);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            var current = await _table.Client.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue || current.Value is not { } row)
            {
                try
                {
                    await _table.Client.AddEntityAsync(Window(partitionKey, now, 1, window), cancellationToken).ConfigureAwait(false);
                    return RateLimitDecision.Acquired;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    continue;
                }
            }

            var start = new DateTimeOffset(row.GetInt64("StartTicks") ?? 0, TimeSpan.Zero);
            var count = row.GetInt32("Count") ?? 0;
            TableEntity next;
            if (now - start >= window)
            {
                next = Window(partitionKey, now, 1, window);
            }
            else if (count >= limit)
            {
                return RateLimitDecision.Refused(start + window - now);
            }
            else
            {
                next = Window(partitionKey, start, count + 1, window);
            }

            try
            {
                await _table.Client.UpdateEntityAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return RateLimitDecision.Acquired;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another instance wrote (or purged) the row since it was read: read it again.
            }
        }

        LogContended(_logger, _table.Name, attempts);
        return RateLimitDecision.Refused(TimeSpan.FromSeconds(1));
    }

    private static TableEntity Window(string partitionKey, DateTimeOffset start, int count, TimeSpan window) => new(partitionKey, RowKey)
    {
        ["StartTicks"] = start.UtcTicks,
        ["Count"] = count,
        ["ExpiresAt"] = start + window,
    };

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
            await _table.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            // Only housekeeping: the next interval tries again; the request itself goes on.
            LogPurgeFailed(_logger, _table.Name, SharedTable.Describe(ex));
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Shared rate-limit table {Table} could not be reached ({Mode}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string table, SharedStateFailureMode mode, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Shared rate-limit table {Table}: {Attempts} conflicting updates in a row; the request is refused as rate limited")]
    private static partial void LogContended(ILogger logger, string table, int attempts);

    [LoggerMessage(3, LogLevel.Warning, "Shared state table {Table}: purging expired rows failed ({Reason}); trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, string table, string reason);
}
