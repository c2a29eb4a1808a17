using Azure.Data.Tables;
using CpanelSessionOps.SharedState;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.SharedState;

/// <summary>The shared webhook de-duplication against Azurite (installed from npm by .ci/run), on a fake clock.</summary>
public sealed class TableWebhookDeduplicatorTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task TryClaimAsync_KeyClaimedByOneInstance_IsRefusedByTheOther()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var first = Deduplicator(azurite.ConnectionString);
        var second = Deduplicator(azurite.ConnectionString);

        var claimed = await first.TryClaimAsync("github:acme/hosting#42", Retention);
        var whileHandled = await second.TryClaimAsync("github:acme/hosting#42", Retention);
        await first.CompleteAsync("github:acme/hosting#42");
        var afterDone = await second.TryClaimAsync("github:acme/hosting#42", Retention);
        var otherKey = await second.TryClaimAsync("github:acme/hosting#43", Retention);

        Assert.Equal((true, false, false, true), (claimed, whileHandled, afterDone, otherKey));
    }

    [SkippableFact]
    public async Task ReleaseAsync_FailedWork_LetsTheRedeliveryRunOnAnotherInstance()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var first = Deduplicator(azurite.ConnectionString);
        var second = Deduplicator(azurite.ConnectionString);

        Assert.True(await first.TryClaimAsync("slack:v0=abc", Retention));
        await first.ReleaseAsync("slack:v0=abc");

        Assert.True(await second.TryClaimAsync("slack:v0=abc", Retention));
    }

    [SkippableFact]
    public async Task CompleteAsync_RemembersTheKeyForTheWholeRetentionFromCompletion()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var first = Deduplicator(azurite.ConnectionString);
        var second = Deduplicator(azurite.ConnectionString);
        Assert.True(await first.TryClaimAsync("teams:activity-1", Retention));

        _time.Advance(TimeSpan.FromMinutes(8));
        await first.CompleteAsync("teams:activity-1");
        _time.Advance(TimeSpan.FromMinutes(8));
        var withinRetention = await second.TryClaimAsync("teams:activity-1", Retention);
        _time.Advance(TimeSpan.FromMinutes(2));
        var afterRetention = await second.TryClaimAsync("teams:activity-1", Retention);

        Assert.Equal((false, true), (withinRetention, afterRetention));
    }

    [SkippableFact]
    public async Task TryClaimAsync_ConcurrentOnOneKey_ExactlyOneWins()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var instances = new[] { Deduplicator(azurite.ConnectionString), Deduplicator(azurite.ConnectionString) };

        var claims = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await instances[i % 2].TryClaimAsync("github:acme/hosting#7", Retention))));

        Assert.Equal(1, claims.Count(c => c));
    }

    [SkippableFact]
    public async Task PurgeExpiredAsync_RowsPastTheirRetention_AreDeleted()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var deduplicator = Deduplicator(azurite.ConnectionString);
        await deduplicator.TryClaimAsync("slack:old", Retention);
        _time.Advance(TimeSpan.FromMinutes(5));
        await deduplicator.TryClaimAsync("slack:recent", Retention);
        _time.Advance(TimeSpan.FromMinutes(6));

        var deleted = await deduplicator.PurgeExpiredAsync();

        Assert.Equal(1, deleted);
        Assert.Single(await Rows(azurite.ConnectionString));
        Assert.False(await deduplicator.TryClaimAsync("slack:recent", Retention));
    }

    [SkippableFact]
    public async Task TryClaimAsync_TableDownAndFailClosed_ThrowsAClassifiedError()
    {
        var azurite = await AzuriteTable.StartAsync();
        var deduplicator = Deduplicator(azurite.ConnectionString);
        azurite.Dispose();

        var error = await Assert.ThrowsAsync<SharedStateUnavailableException>(() => deduplicator.TryClaimAsync("slack:v0=abc", Retention).AsTask());

        Assert.Contains("CpanelSessionOpsDeliveries", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteTable.AccountKeyForTests, error.Message, StringComparison.Ordinal);
        // Completing or releasing never throws: the caller is already done or already failing.
        await deduplicator.CompleteAsync("slack:v0=abc");
        await deduplicator.ReleaseAsync("slack:v0=abc");
    }

    [SkippableFact]
    public async Task TryClaimAsync_TableDownAndFailOpen_RemembersInThisInstance()
    {
        var azurite = await AzuriteTable.StartAsync();
        var deduplicator = Deduplicator(azurite.ConnectionString, SharedStateFailureMode.FailOpen);
        azurite.Dispose();

        var first = await deduplicator.TryClaimAsync("slack:v0=abc", Retention);
        var replay = await deduplicator.TryClaimAsync("slack:v0=abc", Retention);

        Assert.Equal((true, false), (first, replay));
    }

    private TableWebhookDeduplicator Deduplicator(string connectionString, SharedStateFailureMode mode = SharedStateFailureMode.FailClosed) =>
        new(new SharedStateOptions { TableConnectionString = connectionString, FailureMode = mode, NetworkTimeout = TimeSpan.FromSeconds(60) }, _time, NullLogger<TableWebhookDeduplicator>.Instance);

    private static async Task<List<TableEntity>> Rows(string connectionString)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in new TableClient(connectionString, "CpanelSessionOpsDeliveries").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
