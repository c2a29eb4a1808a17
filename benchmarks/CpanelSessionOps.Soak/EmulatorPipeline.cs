using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Soak;

/// <summary>
/// The minting pipeline that the soak and the benchmarks' <c>PipelineThroughput</c> drive, set up in one place: one server
/// for the emulator's demo account (a cPanel API token, so one UAPI call per mint), <c>example.com</c> routed to it, rate
/// limits out of the way, and one policy rule. Each adds its own settings (secrets, client, audit, logging) on the builder.
/// </summary>
public static class EmulatorPipeline
{
    /// <summary>The domain routed to the emulator.</summary>
    public const string Domain = "example.com";

    /// <summary>Registers the pipeline against the emulator listening at <paramref name="cpanelUri"/>, <paramref name="whmUri"/>
    /// and <paramref name="webmailUri"/> with the certificate <paramref name="certificateSha256"/> (pinned).</summary>
    /// <param name="services">Where to register.</param>
    /// <param name="cpanelUri">The emulator's cPanel address.</param>
    /// <param name="whmUri">The emulator's WHM address.</param>
    /// <param name="webmailUri">The emulator's webmail address.</param>
    /// <param name="certificateSha256">The emulator's certificate fingerprint.</param>
    /// <param name="serverName">The server's name in the fleet.</param>
    /// <param name="secret">The reference to the demo account's token (<c>inline:</c>, <c>keyvault:</c>...).</param>
    /// <param name="caller">The one caller the rule grants, as a policy rule writes it (<c>name:bench</c>).</param>
    /// <param name="targets">The rule's target patterns.</param>
    public static CpanelSessionOpsBuilder AddEmulatorPipeline(
        this IServiceCollection services, Uri cpanelUri, Uri whmUri, Uri webmailUri, string certificateSha256, string serverName, string secret,
        string caller, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(cpanelUri);
        ArgumentNullException.ThrowIfNull(whmUri);
        ArgumentNullException.ThrowIfNull(webmailUri);
        services.AddCpanelFleet(fleet =>
        {
            fleet.Servers[serverName] = new FleetServerOptions
            {
                Host = cpanelUri.Host,
                CpanelPort = cpanelUri.Port,
                WhmPort = whmUri.Port,
                WebmailPort = webmailUri.Port,
                PinnedCertificateSha256 = [certificateSha256],
                Auth = FleetAuthKind.CpanelToken,
                UserName = DefaultSeed.DemoUser,
                Secret = secret,
            };
            fleet.Routes.Add(new DomainRouteOptions { Domain = Domain, Server = serverName });
        });
        services.AddCpanelClient();
        return services.AddCpanelSessionOps().ConfigurePolicy(policy =>
        {
            policy.CallerLimit = int.MaxValue;
            policy.TargetLimit = int.MaxValue;
            policy.Rules.Add(new MintPolicyRule { Name = serverName, Callers = [caller], Targets = [.. targets] });
        });
    }
}
