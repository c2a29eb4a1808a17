using CpanelSessionOps.Soak;

namespace CpanelSessionOps.Core.Tests.Soak;

/// <summary>
/// The soak harness's short form (docs/benchmarks.md, "Soak"): 3,000 attempts at concurrency 64 through the whole pipeline
/// with every kind of fault mixed in. Asserts counts, never timings: the faults are injected at fixed attempt numbers, so
/// the injected faults and the refused requests are the same on every run, however slow the machine.
/// </summary>
public sealed class SoakRunTests
{
    private const int Attempts = 3_000;

    [Fact]
    public async Task RunAsync_ThreeThousandAttemptsWithFaults_EveryAttemptClassifiedAuditedOnceAndNoSecretLogged()
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var lines = new List<string>();

        var reports = await SoakRun.RunAsync(new SoakOptions { Mints = Attempts, Concurrency = 64 }, lines.Add, hangGuard.Token);

        var report = Assert.Single(reports);
        Assert.Equal(Attempts, report.Attempts);
        Assert.Equal(0, report.UnclassifiedErrors);
        Assert.Equal(0, report.AttemptsWithoutOneAuditEvent);
        Assert.Equal(0, report.AttemptsWithWrongTableRecords);
        Assert.Equal(0, report.LinksWithoutStoredRecord);
        Assert.Equal(0, report.LogLinesWithSecrets);
        Assert.True(report.Passed);
        // The run did meet what it claims to inject: every outcome below is one a fault or a bad request causes.
        Assert.Equal(30 + 4 + 150, report.FaultsInjected); // cPanel faults every 100 attempts, 4 Key Vault episodes, 150 audit writes refused
        Assert.Equal(3 + 1 + 3 + 6, report.KeyVaultFaultsAnswered);
        Assert.Equal(31, report.FailedByClass["policy"]); // every 97th attempt
        Assert.Equal(33, report.FailedByClass["validation"]); // every 89th, less those already counted
        Assert.Equal(36, report.FailedByClass["not-managed"]); // every 83rd, likewise
        Assert.True(report.FailedByClass.GetValueOrDefault("audit") > 0, "no link was withheld while the audit table was down");
        Assert.Contains(report.FailedByClass.Keys, k => k.StartsWith("secret-", StringComparison.Ordinal));
        Assert.True(report.Minted > Attempts / 2);
    }
}
