using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Links;

/// <summary>Registers <see cref="LinkMintingService"/> with its fleet, policy, rate limits and audit trail.</summary>
public static class LinksServiceCollectionExtensions
{
    /// <summary>Registers everything from configuration: sections <c>Fleet</c>, <c>Cpanel</c>, <c>Policy</c> and <c>Audit</c>.</summary>
    public static IServiceCollection AddCpanelLinkMinting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCpanelFleet(configuration.GetSection("Fleet"));
        services.AddCpanelClient(configuration.GetSection("Cpanel"));
        services.AddCpanelLinkMinting(static _ => { }, static _ => { });
        services.Configure<MintPolicyOptions>(configuration.GetSection("Policy"));
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        return services;
    }

    /// <summary>Registers the service with policy and audit configured in code (the fleet is registered separately with
    /// <see cref="FleetServiceCollectionExtensions.AddCpanelFleet(IServiceCollection, Action{FleetOptions}, Action{Credentials.SecretStoreOptions}?)"/>).</summary>
    public static IServiceCollection AddCpanelLinkMinting(
        this IServiceCollection services, Action<MintPolicyOptions> configurePolicy, Action<AuditOptions> configureAudit)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptionsWithValidateOnStart<MintPolicyOptions>().Configure(configurePolicy)
            .Validate(static o => o.CallerLimit > 0 && o.TargetLimit > 0 && o.RateLimitWindow > TimeSpan.Zero,
                "Policy: CallerLimit and TargetLimit must be at least 1 and RateLimitWindow positive.")
            .Validate(static o => o.Rules.All(r => r.Callers.Count > 0 && r.Targets.Count > 0),
                "Policy:Rules: every rule needs at least one caller and one target pattern (Kinds defaults to Webmail).");
        services.AddOptionsWithValidateOnStart<AuditOptions>().Configure(configureAudit)
            .Validate(static o => !string.IsNullOrWhiteSpace(o.TableName) && o.TableName.All(char.IsAsciiLetterOrDigit) && o.TableName.Length is >= 3 and <= 63,
                "Audit:TableName must be 3 to 63 letters and digits.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MintPolicy>();
        services.TryAddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        services.TryAddSingleton<MintRateLimiter>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<LinkMintingService>();
        services.TryAddSingleton<Checks.DeployCheckRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditSink, ConfiguredTableSink>(static sp =>
            new ConfiguredTableSink(sp.GetRequiredService<IOptions<AuditOptions>>().Value)));
        return services;
    }

    /// <summary>The table sink when a table is configured; otherwise a sink that stores nothing (the log still has every record).</summary>
    private sealed class ConfiguredTableSink(AuditOptions options) : IAuditSink
    {
        private readonly TableAuditSink? _table = options.TableConnectionString is { Length: > 0 } || options.TableServiceUri is not null
            ? new TableAuditSink(options)
            : null;

        public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken) =>
            _table?.WriteAsync(record, cancellationToken) ?? Task.CompletedTask;
    }
}
