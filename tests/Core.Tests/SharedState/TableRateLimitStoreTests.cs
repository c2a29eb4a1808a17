using Azure.Data.Tables;
using CpanelSessionOps.Policy;
using CpanelSessionOps.SharedState;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.SharedState;

/// <summary>The shared rate-limit store against Azurite (installed from npm by .ci/run), on a fake clock.</summary>
public sealed class TableRateLimitStoreTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task TryAcquireAsync_LimitReached_RefusesUntilTheWindowTurns()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString);

        var granted = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            granted.Add((await store.TryAcquireAsync("caller:name:portal", 3, Window)).IsAcquired);
        }

        _time.Advance(TimeSpan.FromSeconds(20));
        var refused = await store.TryAcquireAsync("caller:name:portal", 3, Window);
        var otherKey = await store.TryAcquireAsync("caller:name:other", 3, Window);
        _time.Advance(TimeSpan.FromSeconds(40));
        var afterWindow = await store.TryAcquireAsync("caller:name:portal", 3, Window);

        Assert.Equal([true, true, true, false], granted);
        Assert.Equal(RateLimitDecision.Refused(TimeSpan.FromSeconds(40)), refused);
        Assert.True(otherKey.IsAcquired);
        Assert.True(afterWindow.IsAcquired);
    }

    [SkippableFact]
    public async Task TryAcquireAsync_LimitOfIntMaxValue_GrantsAndCountsInTheTable()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString);

        var first = await store.TryAcquireAsync("caller:name:unbounded", int.MaxValue, Window);
        var second = await store.TryAcquireAsync("caller:name:unbounded", int.MaxValue, Window);

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        var rows = new TableClient(azurite.ConnectionString, new SharedStateOptions().RateLimitTableName).Query<TableEntity>().ToList();
        Assert.Equal(2, Assert.Single(rows).GetInt32("Count"));
    }

    [SkippableFact]
    public async Task TryAcquireAsync_TwoStoresOnOneTable_ShareOneCount()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var first = Store(azurite.ConnectionString);
        var second = Store(azurite.ConnectionString);

        var turns = new List<bool>();
        foreach (var store in new[] { first, second, first, second })
        {
            turns.Add((await store.TryAcquireAsync("target:alice@example.com", 3, Window)).IsAcquired);
        }

        Assert.Equal([true, true, true, false], turns);
    }

    [SkippableFact]
    public async Task TryAcquireAsync_ConcurrentOnOneKey_GrantsExactlyTheLimit()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var stores = new[] { Store(azurite.ConnectionString), Store(azurite.ConnectionString) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            Task.Run(async () => await stores[i % 2].TryAcquireAsync("caller:slack:U0SUPPORT", 7, Window))));

        Assert.Equal(7, decisions.Count(d => d.IsAcquired));
    }

    [SkippableFact]
    public async Task TryAcquireAsync_KeysWithCharactersTablesRefuse_AreStoredHashed()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString);

        var decision = await store.TryAcquireAsync("caller:entra:a/b#c?d\\e", 1, Window);
        var rows = await Rows(azurite.ConnectionString);

        Assert.True(decision.IsAcquired);
        var row = Assert.Single(rows);
        Assert.Matches("^[0-9a-f]{64}$", row.PartitionKey);
        Assert.DoesNotContain(row.Select(p => p.Value).OfType<string>(), v => v.Contains("entra", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task PurgeExpiredAsync_WindowsThatEnded_AreDeletedAndCurrentOnesKept()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString);
        await store.TryAcquireAsync("caller:old", 5, Window);
        _time.Advance(TimeSpan.FromSeconds(50));
        await store.TryAcquireAsync("caller:current", 5, Window);
        _time.Advance(TimeSpan.FromSeconds(20));

        var deleted = await store.PurgeExpiredAsync();

        Assert.Equal(1, deleted);
        Assert.Single(await Rows(azurite.ConnectionString));
        Assert.Equal(RateLimitDecision.Refused(TimeSpan.FromSeconds(40)), await Exhaust(store, "caller:current", 5));
    }

    [SkippableFact]
    public async Task TryAcquireAsync_AfterThePurgeInterval_PurgesExpiredRowsOnItsOwn()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString, o => o.PurgeInterval = TimeSpan.FromMinutes(5));
        await store.TryAcquireAsync("caller:old", 5, Window);

        _time.Advance(TimeSpan.FromMinutes(5));
        await store.TryAcquireAsync("caller:new", 5, Window);

        Assert.Single(await Rows(azurite.ConnectionString));
    }

    [SkippableFact]
    public async Task TryAcquireAsync_TableDownAndFailClosed_ThrowsAClassifiedErrorWithoutTheKey()
    {
        var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString);
        await store.TryAcquireAsync("caller:name:portal", 3, Window);
        azurite.Dispose();

        var error = await Assert.ThrowsAsync<SharedStateUnavailableException>(() => store.TryAcquireAsync("caller:name:portal", 3, Window).AsTask());

        Assert.Contains("CpanelSessionOpsRateLimits", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteTable.AccountKeyForTests, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TryAcquireAsync_TableDownAndFailOpen_CountsInThisInstanceOnly()
    {
        var azurite = await AzuriteTable.StartAsync();
        var store = Store(azurite.ConnectionString, o => o.FailureMode = SharedStateFailureMode.FailOpen);
        azurite.Dispose();

        var granted = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            granted.Add((await store.TryAcquireAsync("caller:name:portal", 2, Window)).IsAcquired);
        }

        Assert.Equal([true, true, false], granted);
    }

    private static async Task<RateLimitDecision> Exhaust(TableRateLimitStore store, string key, int limit)
    {
        RateLimitDecision last;
        do
        {
            last = await store.TryAcquireAsync(key, limit, Window);
        }
        while (last.IsAcquired);

        return last;
    }

    private TableRateLimitStore Store(string connectionString, Action<SharedStateOptions>? configure = null)
    {
        // A generous network timeout: only a hang guard on a loaded machine.
        var options = new SharedStateOptions { TableConnectionString = connectionString, NetworkTimeout = TimeSpan.FromSeconds(60) };
        configure?.Invoke(options);
        return new TableRateLimitStore(options, _time, NullLogger<TableRateLimitStore>.Instance);
    }

    private static async Task<List<TableEntity>> Rows(string connectionString)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in new TableClient(connectionString, "CpanelSessionOpsRateLimits").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
