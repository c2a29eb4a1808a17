using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// What the WHM mailbox check (owner, <c>accountsummary</c>, <c>uapi_cpanel</c> → <c>Email::list_pops</c>) adds to minting a
/// webmail link through WHM: the mint without it (baseline), with a cold cache (checked afresh every time: one extra round
/// trip of two WHM calls sent together), and with a warm cache (no extra call). Target: warm within noise of the baseline,
/// cold at most one extra round trip.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RatioConfig))]
public class MailboxCheckBenchmarks
{
    private static readonly CallerIdentity Caller = new(CallerKind.Name, "bench");

    private EmulatorTarget _emulator = null!;
    private ServiceProvider _warm = null!;
    private ServiceProvider _cold = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = EmulatorTarget.Start();
        _warm = Build(TimeSpan.FromMinutes(60));
        _cold = Build(TimeSpan.Zero);
        foreach (var services in new[] { _warm, _cold })
        {
            Mint(services, skipCheck: false).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warm.Dispose();
        _cold.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "WHM mint without the check")]
    public Task<MintedLink> WithoutCheck() => Mint(_warm, skipCheck: true);

    [Benchmark(Description = "WHM mint, check with a cold cache")]
    public Task<MintedLink> ColdCache() => Mint(_cold, skipCheck: false);

    [Benchmark(Description = "WHM mint, check with a warm cache")]
    public Task<MintedLink> WarmCache() => Mint(_warm, skipCheck: false);

    private static Task<MintedLink> Mint(ServiceProvider services, bool skipCheck) =>
        services.GetRequiredService<LinkMintingService>().MintAsync(
            new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, Caller, MintChannel.Cli) { SkipMailboxCheck = skipCheck });

    private ServiceProvider Build(TimeSpan cacheFor)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpanelFleet(fleet =>
        {
            fleet.Servers["bench"] = new FleetServerOptions
            {
                Host = "127.0.0.1",
                CpanelPort = _emulator.CpanelUri.Port,
                WhmPort = _emulator.WhmUri.Port,
                WebmailPort = _emulator.WebmailUri.Port,
                PinnedCertificateSha256 = [_emulator.CertificateSha256],
                Auth = FleetAuthKind.WhmToken,
                UserName = "root",
                Secret = "inline:" + DefaultSeed.RootToken,
            };
            fleet.Routes.Add(new DomainRouteOptions { Domain = "example.com", Server = "bench", Owner = DefaultSeed.DemoUser });
        });
        services.AddCpanelClient(o => o.MailboxCheckCacheDuration = cacheFor);
        services.AddCpanelSessionOps().ConfigurePolicy(policy =>
        {
            policy.CallerLimit = int.MaxValue;
            policy.TargetLimit = int.MaxValue;
            policy.Rules.Add(new Policy.MintPolicyRule { Name = "bench", Callers = ["name:bench"], Targets = ["*@example.com"] });
        });
        return services.BuildServiceProvider();
    }

    private sealed class RatioConfig : ManualConfig
    {
        public RatioConfig() => SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Percentage);
    }
}
