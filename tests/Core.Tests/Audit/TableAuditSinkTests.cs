using CpanelSessionOps.Audit;
using CpanelSessionOps.Core.Tests.Support;
using CpanelSessionOps.Links;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Core.Tests.Audit;

/// <summary>The Table Storage sink against Azurite (installed from npm by .ci/run), on loopback.</summary>
public sealed class TableAuditSinkTests
{
    [SkippableFact]
    public async Task WriteAsync_Records_AreStoredByDayNewestFirst()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var sink = new TableAuditSink(new AuditOptions { TableConnectionString = azurite.ConnectionString });
        var now = DateTimeOffset.UtcNow;

        await sink.WriteAsync(Record(now.AddSeconds(-5), "first", AuditOutcome.Refused, "policy"), CancellationToken.None);
        await sink.WriteAsync(Record(now, "second", AuditOutcome.Minted, null), CancellationToken.None);
        var stored = await sink.ReadDayAsync(now);

        Assert.Equal(["second", "first"], stored.Select(e => e.GetString("CorrelationId")));
        Assert.Equal(("slack:U0SUPPORT", "Slack", "alice@example.com", "web1", "Refused", "policy", "203.0.113.7"),
            (stored[1].GetString("Caller"), stored[1].GetString("Channel"), stored[1].GetString("Target"), stored[1].GetString("Server"),
             stored[1].GetString("Outcome"), stored[1].GetString("ErrorClass"), stored[1].GetString("EndUserAddress")));
    }

    [SkippableFact]
    public async Task MintAsync_WithTableSink_RecordsEachAttemptInTheTable()
    {
        using var azurite = await AzuriteTable.StartAsync();
        await using var harness = await MintingHarness.StartAsync(audit: a => a.TableConnectionString = azurite.ConnectionString);

        var link = await harness.Service.MintAsync(new MintRequest("alice@example.com", LoginKind.Webmail, MintingHarness.Support, MintChannel.Slack));
        await Assert.ThrowsAsync<CpanelSessionOps.Policy.MintRefusedException>(() =>
            harness.Service.MintAsync(new MintRequest("alice@example.com", LoginKind.Webmail, MintingHarness.Support, MintChannel.Teams)));
        var stored = await new TableAuditSink(new AuditOptions { TableConnectionString = azurite.ConnectionString }).ReadDayAsync(harness.Clock.GetUtcNow());

        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, e => e.GetString("CorrelationId") == link.CorrelationId && e.GetString("Outcome") == "Minted");
        Assert.DoesNotContain(stored.SelectMany(e => e.Select(kv => kv.Value)).OfType<string>(), v => v.Contains(link.Session.Secret.Reveal(), StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task MintAsync_TableDownAndFailClosed_WithholdsTheLink()
    {
        var azurite = await AzuriteTable.StartAsync();
        await using var harness = await MintingHarness.StartAsync(audit: a => a.TableConnectionString = azurite.ConnectionString);
        azurite.Dispose();

        await Assert.ThrowsAsync<AuditUnavailableException>(() =>
            harness.Service.MintAsync(new MintRequest("alice@example.com", LoginKind.Webmail, MintingHarness.Support, MintChannel.Slack)));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Category == typeof(AuditTrail).FullName && r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        _ = harness.Services.GetRequiredService<AuditTrail>();
    }

    private static AuditRecord Record(DateTimeOffset at, string correlationId, AuditOutcome outcome, string? errorClass) =>
        new(at, "slack:U0SUPPORT", MintChannel.Slack, LoginKind.Webmail, "alice@example.com", "web1", outcome, errorClass, "203.0.113.7", correlationId,
            TimeSpan.FromMilliseconds(12));
}
