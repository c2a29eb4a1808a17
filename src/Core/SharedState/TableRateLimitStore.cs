using Azure.Data.Tables;
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
    private const int MaxAttempts = 64;
    private readonly SharedTable _table;
    private readonly ILogger _logger;
    private readonly InMemoryRateLimitStore _fallback;

    public TableRateLimitStore(SharedStateOptions options, TimeProvider timeProvider, ILogger<TableRateLimitStore> logger, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _table = new SharedTable(options, options.RateLimitTableName, rowKey: "window", noun: "rate-limit", metricTag: "rate-limits", timeProvider, logger, clientOptions);
        _fallback = new InMemoryRateLimitStore(timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        try
        {
            return await _table.RunForKeyAsync(key, (partitionKey, ct) => TakeAsync(partitionKey, limit, window, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            _table.ThrowIfFailClosed(ex, "no link was minted");
            return await _fallback.TryAcquireAsync(key, limit, window, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes rows whose window ended (one page at most); returns how many.</summary>
    internal ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _table.PurgeExpiredAsync(cancellationToken);

    private async ValueTask<RateLimitDecision> TakeAsync(string partitionKey, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        // In long arithmetic: a limit near int.MaxValue must not wrap to no attempt at all (a refusal without a request).
        var attempts = (int)Math.Min(limit + 2L, MaxAttempts);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var now = _table.Now;
            if (await _table.FindAsync(partitionKey, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                if (await _table.TryAddAsync(Window(partitionKey, now, 1, window), cancellationToken).ConfigureAwait(false))
                {
                    return RateLimitDecision.Acquired;
                }

                continue;
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

            // Lost when another instance wrote (or purged) the row since it was read: read it again.
            if (await _table.TryReplaceAsync(next, row.ETag, cancellationToken).ConfigureAwait(false))
            {
                return RateLimitDecision.Acquired;
            }
        }

        LogContended(_logger, _table.Name, attempts);
        return RateLimitDecision.Refused(TimeSpan.FromSeconds(1));
    }

    private TableEntity Window(string partitionKey, DateTimeOffset start, int count, TimeSpan window)
    {
        var row = _table.NewRow(partitionKey, expiresAt: start + window);
        row["StartTicks"] = start.UtcTicks;
        row["Count"] = count;
        return row;
    }

    [LoggerMessage(2, LogLevel.Warning, "Shared rate-limit table {Table}: {Attempts} conflicting updates in a row; the request is refused as rate limited")]
    private static partial void LogContended(ILogger logger, string table, int attempts);
}
