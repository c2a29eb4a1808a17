using CpanelSessionOps.Audit;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Support;

/// <summary>
/// The minting service wired as an application would wire it, over real parts: the emulator as the server, the local
/// Key Vault for its tokens. Fleet: example.com (owner demo), *.example.com and suspended.example (no owner named) on a
/// WHM-token server, example.org on a cPanel-token server of the account "other".
/// </summary>
public sealed class MintingHarness : IAsyncDisposable
{
    private MintingHarness(CpanelEmulator emulator, LocalKeyVault vault, ServiceProvider services, FakeLogCollector logs, CollectingAuditSink audit, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Vault = vault;
        Services = services;
        Logs = logs;
        Audit = audit;
        Clock = clock;
    }

    public CpanelEmulator Emulator { get; }

    public LocalKeyVault Vault { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    public CollectingAuditSink Audit { get; }

    public FakeTimeProvider Clock { get; }

    public LinkMintingService Service => Services.GetRequiredService<LinkMintingService>();

    public static CallerIdentity Support { get; } = new(CallerKind.Slack, "U0SUPPORT");

    /// <summary>A rule set for most tests: support may mint webmail for example.com and example.org mailboxes over Slack and HTTP,
    /// and cPanel logins for demo over HTTP.</summary>
    public static void DefaultPolicy(MintPolicyOptions policy)
    {
        policy.Rules.Add(new MintPolicyRule
        {
            Name = "support-webmail",
            Callers = ["slack:U0SUPPORT"],
            Targets = ["*@example.com", "*@*.example.com", "*@example.org", "*@suspended.example"],
            Channels = [MintChannel.Slack, MintChannel.Http],
        });
        policy.Rules.Add(new MintPolicyRule { Name = "support-cpanel", Callers = ["slack:U0SUPPORT"], Targets = ["demo", "other"], Kinds = [LoginKind.Cpanel] });
    }

    public static async Task<MintingHarness> StartAsync(Action<MintPolicyOptions>? policy = null, Action<AuditOptions>? audit = null)
    {
        var emulator = await CpanelEmulator.StartAsync();
        var vault = await LocalKeyVault.StartAsync();
        vault.SetSecret("web1-whm", DefaultSeed.RootToken);
        vault.SetSecret("other-token", DefaultSeed.OtherToken);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new FakeLogCollector();
        var sink = new CollectingAuditSink();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAuditSink>(sink);
        FleetServerOptions Server(FleetAuthKind auth, string user, string secret) => new()
        {
            Host = "127.0.0.1",
            CpanelPort = emulator.CpanelUri.Port,
            WhmPort = emulator.WhmUri.Port,
            WebmailPort = emulator.WebmailUri.Port,
            PinnedCertificateSha256 = [emulator.CertificateSha256],
            Auth = auth,
            UserName = user,
            Secret = secret,
        };
        services.AddCpanelFleet(fleet =>
        {
            fleet.Servers["web1"] = Server(FleetAuthKind.WhmToken, "root", "keyvault:web1-whm");
            fleet.Servers["web1-other"] = Server(FleetAuthKind.CpanelToken, "other", "keyvault:other-token");
            fleet.Routes.Add(new DomainRouteOptions { Domain = "example.com", Server = "web1", Owner = "demo" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "*.example.com", Server = "web1" });
            fleet.Routes.Add(new DomainRouteOptions { Domain = "example.org", Server = "web1-other" });
            // No owner named: the mailbox check asks WHM getdomainowner.
            fleet.Routes.Add(new DomainRouteOptions { Domain = "suspended.example", Server = "web1" });
        }, vault.Configure);
        services.AddCpanelClient(o => o.RetryDelay = TimeSpan.FromMilliseconds(5));
        services.AddCpanelSessionOps().AddDeployChecks().ConfigurePolicy(policy ?? DefaultPolicy).ConfigureAudit(audit ?? (static _ => { }));
        return new MintingHarness(emulator, vault, services.BuildServiceProvider(), logs, sink, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Vault.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
