using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.SharedState;

/// <summary>
/// <see cref="IWebhookDeduplicator"/> in Azure Table Storage, shared by every instance: a delivery accepted by one instance
/// is refused by all others. A claim is a conditional insert of the key's row (its SHA-256); a row whose retention ended is
/// taken over with an update carrying its ETag, so two instances never both claim one key. Completing extends the row to the
/// whole retention; releasing deletes it. Only a claim fails closed: a completion or release that cannot be stored leaves
/// the claim's row, which refuses the key until its retention ends. Expired rows are purged every <see cref="SharedStateOptions.PurgeInterval"/>. When
/// the table cannot be reached, <see cref="SharedStateOptions.FailureMode"/> decides: fail closed
/// (<see cref="SharedStateUnavailableException"/>) or remember deliveries in this instance's memory.
/// </summary>
internal sealed partial class TableWebhookDeduplicator : IWebhookDeduplicator
{
    private const string RowKey = "delivery";
    private const int MaxAttempts = 4;
    private readonly SharedTable _table;
    private readonly SharedStateOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly InMemoryWebhookDeduplicator _fallback;
    private readonly KeyedGate _gate = new();
    private long _nextPurgeTicks;

    public TableWebhookDeduplicator(SharedStateOptions options, TimeProvider timeProvider, ILogger<TableWebhookDeduplicator> logger, TableClientOptions? clientOptions = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _table = new SharedTable(options, options.DeliveryTableName, clientOptions);
        _fallback = new InMemoryWebhookDeduplicator(timeProvider);
        _nextPurgeTicks = (timeProvider.GetUtcNow() + options.PurgeInterval).UtcTicks;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        try
        {
            await PurgeWhenDueAsync(cancellationToken).ConfigureAwait(false);
            var partitionKey = SharedTable.PartitionKeyFor(key);
            using (await _gate.EnterAsync(partitionKey, cancellationToken).ConfigureAwait(false))
            {
                return await ClaimAsync(partitionKey, retention, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            Unavailable(ex, failClosed: true);
            return await _fallback.TryClaimAsync(key, retention, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            var partitionKey = SharedTable.PartitionKeyFor(key);
            var current = await _table.Client.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (current.HasValue && current.Value is { } row)
            {
                // Remembered for the whole retention from the moment the work is done.
                var retention = TimeSpan.FromTicks(row.GetInt64("RetentionTicks") ?? 0);
                await _table.Client.UpdateEntityAsync(new TableEntity(partitionKey, RowKey)
                {
                    ["ExpiresAt"] = _timeProvider.GetUtcNow() + retention,
                    ["State"] = "handled",
                }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Purged or released meanwhile: nothing to extend.
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            // The claim's row already holds the key for its retention: a lost completion lets no replay through.
            Unavailable(ex, failClosed: false);
        }

        await _fallback.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _fallback.ReleaseAsync(key, cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.Client.DeleteEntityAsync(SharedTable.PartitionKeyFor(key), RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            // The caller is already answering a failure; the claim then holds until its retention ends.
            Unavailable(ex, failClosed: false);
        }
    }

    /// <summary>Deletes rows past their retention (one page at most); returns how many.</summary>
    internal ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        _table.PurgeExpiredAsync(_timeProvider.GetUtcNow(), cancellationToken);

    private async ValueTask<bool> ClaimAsync(string partitionKey, TimeSpan retention, CancellationToken cancellationToken)
    {
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            var claim = new TableEntity(partitionKey, RowKey)
            {
                ["ExpiresAt"] = now + retention,
                ["RetentionTicks"] = retention.Ticks,
                ["State"] = "claimed",
            };
            try
            {
                await _table.Client.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var current = await _table.Client.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue || current.Value is not { } row)
            {
                continue;
            }

            if (row.GetDateTimeOffset("ExpiresAt") is not { } expires || expires > now)
            {
                return false;
            }

            try
            {
                await _table.Client.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another instance took the expired row over (or it was purged): look again.
            }
        }

        // Every try lost to another instance claiming the same key: it is being handled there.
        return false;
    }

    private void Unavailable(Exception exception, bool failClosed)
    {
        var reason = SharedTable.Describe(exception);
        CpanelSessionOpsTelemetry.SharedStateFailures.Add(1, new TagList { { "table", "deliveries" }, { "mode", _options.FailureMode.ToString() } });
        LogUnavailable(_logger, _table.Name, _options.FailureMode, reason);
        if (failClosed && _options.FailureMode == SharedStateFailureMode.FailClosed)
        {
            throw new SharedStateUnavailableException(
                $"The shared delivery table '{_table.Name}' could not be reached ({reason}), so the webhook was not handled (SharedState:FailureMode is FailClosed); " +
                "the platform may deliver it again. Check the storage account's availability and the app identity's Storage Table Data Contributor role.", exception);
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
            await _table.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            LogPurgeFailed(_logger, _table.Name, SharedTable.Describe(ex));
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Shared delivery table {Table} could not be reached ({Mode}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string table, SharedStateFailureMode mode, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Shared state table {Table}: purging expired rows failed ({Reason}); trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, string table, string reason);
}
