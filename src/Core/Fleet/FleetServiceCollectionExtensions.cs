using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Fleet;

/// <summary>Registers the fleet (<see cref="CpanelFleet"/>), its secret store (<see cref="SecretStore"/>) and the cPanel client.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>Registers the fleet from a configuration section (conventionally <c>Fleet</c>; secrets settings under <c>Fleet:Secrets</c>).</summary>
    public static IServiceCollection AddCpanelFleet(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddCpanelFleet(static _ => { }, static _ => { });
        services.Configure<FleetOptions>(section);
        services.Configure<SecretStoreOptions>(section.GetSection("Secrets"));
        return services;
    }

    /// <summary>Registers the fleet and configures it in code.</summary>
    public static IServiceCollection AddCpanelFleet(
        this IServiceCollection services, Action<FleetOptions> configureFleet, Action<SecretStoreOptions>? configureSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureFleet);
        services.AddCpanelClient();
        services.AddOptionsWithValidateOnStart<FleetOptions>().Configure(configureFleet);
        services.AddOptionsWithValidateOnStart<SecretStoreOptions>().Configure(configureSecrets ?? (static _ => { }))
            .Validate(static o => o.CacheDuration > TimeSpan.Zero && o.GracePeriod >= TimeSpan.Zero && o.RetryAfterFailure > TimeSpan.Zero,
                "Fleet:Secrets: CacheDuration and RetryAfterFailure must be positive, GracePeriod zero or more.")
            .Validate(static o => o.VaultUri is null || o.VaultUri.Scheme == Uri.UriSchemeHttps,
                "Fleet:Secrets:VaultUri must be an https URI such as https://myvault.vault.azure.net/.");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton<SecretStore>();
        services.TryAddSingleton<CpanelFleet>();
        services.TryAddSingleton(static sp => new FleetHealthProbe(
            sp.GetRequiredService<CpanelFleet>(), sp.GetRequiredService<Cpanel.Internal.CpanelHttpClients>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
