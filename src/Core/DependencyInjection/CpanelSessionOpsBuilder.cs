using CpanelSessionOps.Audit;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures what <see cref="CpanelSessionOpsServiceCollectionExtensions.AddCpanelSessionOps(IServiceCollection)"/>
/// registered: each method adds to what configuration bound (code runs after binding) and returns the builder.
/// </summary>
public sealed class CpanelSessionOpsBuilder
{
    internal CpanelSessionOpsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the minting service is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Changes the fleet: servers and domain routes (section <c>Fleet</c>).</summary>
    public CpanelSessionOpsBuilder ConfigureFleet(Action<FleetOptions> configure) => Configure(configure);

    /// <summary>Changes where and how secrets are read (section <c>Fleet:Secrets</c>).</summary>
    public CpanelSessionOpsBuilder ConfigureSecrets(Action<SecretStoreOptions> configure) => Configure(configure);

    /// <summary>Changes the cPanel client's timeouts and retries (section <c>Cpanel</c>).</summary>
    public CpanelSessionOpsBuilder ConfigureClient(Action<CpanelClientOptions> configure) => Configure(configure);

    /// <summary>Changes who may mint what and the rate limits (section <c>Policy</c>).</summary>
    public CpanelSessionOpsBuilder ConfigurePolicy(Action<MintPolicyOptions> configure) => Configure(configure);

    /// <summary>Changes the audit settings (section <c>Audit</c>).</summary>
    public CpanelSessionOpsBuilder ConfigureAudit(Action<AuditOptions> configure) => Configure(configure);

    /// <summary>Adds an audit sink (a singleton) beside the configured table sink: every record goes to every sink.</summary>
    public CpanelSessionOpsBuilder AddAuditSink<TSink>()
        where TSink : class, IAuditSink
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditSink, TSink>());
        return this;
    }

    /// <summary>Adds an audit sink instance beside the configured table sink.</summary>
    public CpanelSessionOpsBuilder AddAuditSink(IAuditSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Services.AddSingleton(sink);
        return this;
    }

    /// <summary>Registers <see cref="DeployCheckRunner"/>: mint (and optionally log in) for a list of mailboxes.</summary>
    public CpanelSessionOpsBuilder AddDeployChecks()
    {
        Services.AddCpanelDeployChecks();
        return this;
    }

    /// <summary>Adds the fleet's health check (secrets readable, servers reachable) under <paramref name="name"/>, tagged
    /// <paramref name="tags"/> (default <c>ready</c>); an unhealthy fleet reports <see cref="HealthStatus.Unhealthy"/>.</summary>
    public CpanelSessionOpsBuilder AddHealthCheck(string name = "cpanel-fleet", IEnumerable<string>? tags = null)
    {
        Services.AddHealthChecks().AddCheck<FleetHealthCheck>(name, HealthStatus.Unhealthy, tags ?? ["ready"]);
        return this;
    }

    // Every Configure* method: code runs after the configuration binding AddCpanelSessionOps registered, so it adds to it.
    private CpanelSessionOpsBuilder Configure<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
