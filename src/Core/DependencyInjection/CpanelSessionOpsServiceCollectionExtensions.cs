using CpanelSessionOps.Audit;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers CpanelSessionOps: <see cref="AddCpanelSessionOps(IServiceCollection, IConfiguration)"/> for the minting service
/// with its fleet, policy, rate limits and audit trail; <see cref="AddCpanelFleet(IServiceCollection, IConfigurationSection)"/>
/// and <see cref="AddCpanelClient(IServiceCollection)"/> for the parts alone. Every options class is validated at start.
/// </summary>
public static class CpanelSessionOpsServiceCollectionExtensions
{
    /// <summary>Registers the minting service (<see cref="LinkMintingService"/>) with its fleet, client, policy, rate limits and
    /// audit trail, binding sections <c>Fleet</c> (secrets under <c>Fleet:Secrets</c>), <c>Cpanel</c>, <c>Policy</c> and
    /// <c>Audit</c>. Deploy checks and the health check are added on the returned builder.</summary>
    public static CpanelSessionOpsBuilder AddCpanelSessionOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddCpanelSessionOps();
        services.AddCpanelFleet(configuration.GetSection("Fleet"));
        services.AddCpanelClient(configuration.GetSection("Cpanel"));
        services.Configure<MintPolicyOptions>(configuration.GetSection("Policy"));
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        return builder;
    }

    /// <summary>Registers the minting service with everything configured in code, on the returned builder
    /// (<see cref="CpanelSessionOpsBuilder.ConfigureFleet"/>, <see cref="CpanelSessionOpsBuilder.ConfigurePolicy"/>, ...).</summary>
    public static CpanelSessionOpsBuilder AddCpanelSessionOps(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCpanelFleetCore();
        services.AddOptionsWithValidateOnStart<MintPolicyOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MintPolicyOptions>, MintPolicyOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MintPolicyOptions>, MintPolicyLimitsValidator>());
        services.AddOptionsWithValidateOnStart<AuditOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MintPolicy>();
        services.TryAddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        services.TryAddSingleton<MintRateLimiter>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<IAuditTrail>(static sp => sp.GetRequiredService<AuditTrail>());
        services.TryAddSingleton(static sp => new LinkMintingService(
            sp.GetRequiredService<CpanelFleet>(), sp.GetRequiredService<MintPolicy>(), sp.GetRequiredService<MintRateLimiter>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<CpanelClientOptions>>()));
        services.TryAddSingleton<ILinkMinter>(static sp => sp.GetRequiredService<LinkMintingService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditSink, ConfiguredTableSink>(static sp =>
            new ConfiguredTableSink(sp.GetRequiredService<IOptions<AuditOptions>>().Value)));
        return new CpanelSessionOpsBuilder(services);
    }

    /// <summary>Registers <see cref="DeployCheckRunner"/> over the minting service (which must be registered too).</summary>
    public static IServiceCollection AddCpanelDeployChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DeployCheckRunner>();
        return services;
    }

    /// <summary>Registers the fleet (<see cref="CpanelFleet"/>), its secret store and the cPanel client from a configuration
    /// section (conventionally <c>Fleet</c>; secrets settings under <c>Fleet:Secrets</c>).</summary>
    public static IServiceCollection AddCpanelFleet(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddCpanelFleetCore();
        services.Configure<FleetOptions>(section);
        services.Configure<SecretStoreOptions>(section.GetSection("Secrets"));
        return services;
    }

    /// <summary>Registers the fleet and configures it in code.</summary>
    public static IServiceCollection AddCpanelFleet(this IServiceCollection services, Action<FleetOptions> configureFleet) =>
        services.AddCpanelFleet(configureFleet, static _ => { });

    /// <summary>Registers the fleet and configures it and its secret store in code.</summary>
    public static IServiceCollection AddCpanelFleet(
        this IServiceCollection services, Action<FleetOptions> configureFleet, Action<SecretStoreOptions> configureSecrets)
    {
        ArgumentNullException.ThrowIfNull(configureFleet);
        ArgumentNullException.ThrowIfNull(configureSecrets);
        services.AddCpanelFleetCore();
        services.Configure(configureFleet);
        services.Configure(configureSecrets);
        return services;
    }

    /// <summary>Registers the cPanel client (<see cref="CpanelClientFactory"/>, <see cref="CpanelLoginVerifier"/>, their HTTP
    /// pipeline: pooled connections per certificate-trust policy, timeouts, bounded jittered retries) with default options.</summary>
    public static IServiceCollection AddCpanelClient(this IServiceCollection services) => services.AddCpanelClient(static _ => { });

    /// <summary>Registers the client, binding options from <paramref name="section"/> (e.g. <c>Configuration.GetSection("Cpanel")</c>).</summary>
    public static IServiceCollection AddCpanelClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddCpanelClient(static _ => { });
        services.Configure<CpanelClientOptions>(section);
        return services;
    }

    /// <summary>Registers the client and configures its options in code.</summary>
    public static IServiceCollection AddCpanelClient(this IServiceCollection services, Action<CpanelClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<CpanelClientOptions>().Configure(configure);
        if (services.Any(d => d.ServiceType == typeof(CpanelHttpClients)))
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpanelClientOptions>, CpanelClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddHttpClient();
        services.AddSingleton<CpanelHttpClients>();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(sp => sp.GetRequiredService<CpanelHttpClients>());
        services.TryAddSingleton(static sp => new CpanelClientFactory(
            sp.GetRequiredService<CpanelHttpClients>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new CpanelLoginVerifier(
            sp.GetRequiredService<CpanelHttpClients>(), sp.GetRequiredService<ILogger<CpanelLoginVerifier>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddResiliencePipeline<string, HttpResponseMessage>(CpanelHttpClients.PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<CpanelClientOptions>>().Value;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryDelay,
                    MaxDelay = options.MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = static args => ValueTask.FromResult(IsWorthRetrying(args.Outcome)),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return services;
    }

    private static void AddCpanelFleetCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCpanelClient();
        services.AddOptionsWithValidateOnStart<FleetOptions>();
        services.AddOptionsWithValidateOnStart<SecretStoreOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretStoreOptions>, SecretStoreOptionsValidator>());
        services.TryAddSingleton<SecretStore>();
        services.TryAddSingleton<CpanelFleet>();
        services.TryAddSingleton(static sp => new FleetHealthProbe(
            sp.GetRequiredService<CpanelFleet>(), sp.GetRequiredService<CpanelHttpClients>(), sp.GetRequiredService<TimeProvider>()));
    }

    // Transient failures and 5xx/429 are retried; an untrusted certificate will not change between attempts.
    private static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } &&
        HttpClientResiliencePredicates.IsTransient(outcome);
}
