using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CpanelSessionOps.Policy;
using CpanelSessionOps.SharedState;
using Microsoft.Extensions.Logging.Abstractions;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The cost of one rate-limit check (one permit taken, as every mint does twice: caller, then target) in this process's
/// memory and in Azure Table Storage (Azurite on loopback: a read and an ETag update). Each iteration is one call, so the
/// median and the 99th percentile are per call.
/// </summary>
[Config(typeof(PerCallConfig))]
public class RateLimitCheckBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private AzuriteTarget _azurite = null!;
    private InMemoryRateLimitStore _memory = null!;
    private TableRateLimitStore _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        _azurite = AzuriteTarget.Start();
        _memory = new InMemoryRateLimitStore(TimeProvider.System);
        _table = new TableRateLimitStore(new SharedStateOptions { TableConnectionString = _azurite.ConnectionString }, TimeProvider.System,
            NullLogger<TableRateLimitStore>.Instance);
        // Creates the table and the row: what is measured is the steady state, a window that exists.
        // A decision that is not a grant would mean the call measured no request at all (a limit once wrapped to zero attempts).
        if (!_table.TryAcquireAsync("caller:name:bench", int.MaxValue, Window).AsTask().GetAwaiter().GetResult().IsAcquired)
        {
            throw new InvalidOperationException("The table store refused the benchmark's permit: nothing would be measured.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _azurite.Dispose();

    [Benchmark(Baseline = true, Description = "in memory (per instance)")]
    public ValueTask<RateLimitDecision> InMemory() => _memory.TryAcquireAsync("caller:name:bench", int.MaxValue, Window);

    [Benchmark(Description = "Table Storage (shared, Azurite)")]
    public ValueTask<RateLimitDecision> Table() => _table.TryAcquireAsync("caller:name:bench", int.MaxValue, Window);

    /// <summary>One call per iteration (2,000 iterations after 100 warm-ups), with the median and the 99th percentile.</summary>
    private sealed class PerCallConfig : ManualConfig
    {
        public PerCallConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithInvocationCount(1).WithUnrollFactor(1)
                .WithWarmupCount(100).WithIterationCount(2000).WithLaunchCount(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
        }
    }

    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "99th percentile of the per-call time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics?.Percentiles.Percentile(99) is { } p99
                ? (p99 / 1000).ToString("N1", style.CultureInfo) + " μs"
                : "NA";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
