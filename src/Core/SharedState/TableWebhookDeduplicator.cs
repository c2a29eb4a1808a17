using Azure.Data.Tables;
using CpanelSessionOps.ChatOps;
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
internal sealed class TableWebhookDeduplicator : IWebhookDeduplicator
{
    private const int MaxAttempts = 4;
    private readonly SharedTable _table;
    private readonly InMemoryWebhookDeduplicator _fallback;

    public TableWebhookDeduplicator(SharedStateOptions options, TimeProvider timeProvider, ILogger<TableWebhookDeduplicator> logger, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = new SharedTable(options, options.DeliveryTableName, rowKey: "delivery", noun: "delivery", metricTag: "deliveries", timeProvider, logger, clientOptions);
        _fallback = new InMemoryWebhookDeduplicator(timeProvider);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        try
        {
            return await _table.RunForKeyAsync(key, (partitionKey, ct) => ClaimAsync(partitionKey, retention, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            _table.ThrowIfFailClosed(ex, "the webhook was not handled; the platform may deliver it again");
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
            if (await _table.FindAsync(partitionKey, cancellationToken).ConfigureAwait(false) is { } row)
            {
                // Remembered for the whole retention from the moment the work is done.
                var handled = _table.NewRow(partitionKey, expiresAt: _table.Now + TimeSpan.FromTicks(row.GetInt64("RetentionTicks") ?? 0));
                handled["State"] = "handled";

                // False when purged or released meanwhile: nothing to extend.
                _ = await _table.TryMergeAsync(handled, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            // The claim's row already holds the key for its retention: a lost completion lets no replay through.
            _table.ReportUnavailable(ex);
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
            await _table.DeleteAsync(SharedTable.PartitionKeyFor(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SharedTable.IsUnavailable(ex, cancellationToken))
        {
            // The caller is already answering a failure; the claim then holds until its retention ends.
            _table.ReportUnavailable(ex);
        }
    }

    /// <summary>Deletes rows past their retention (one page at most); returns how many.</summary>
    internal ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => _table.PurgeExpiredAsync(cancellationToken);

    private async ValueTask<bool> ClaimAsync(string partitionKey, TimeSpan retention, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _table.Now;
            var claim = _table.NewRow(partitionKey, expiresAt: now + retention);
            claim["RetentionTicks"] = retention.Ticks;
            claim["State"] = "claimed";
            if (await _table.TryAddAsync(claim, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (await _table.FindAsync(partitionKey, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                continue;
            }

            if (SharedTable.ExpiresAt(row) is not { } expires || expires > now)
            {
                return false;
            }

            // Lost when another instance took the expired row over (or it was purged): look again.
            if (await _table.TryReplaceAsync(claim, row.ETag, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        // Every try lost to another instance claiming the same key: it is being handled there.
        return false;
    }
}
