using CpanelSessionOps.Cpanel.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CpanelSessionOps.Cpanel;

/// <summary>Registers the cPanel client: <see cref="CpanelClientFactory"/>, <see cref="CpanelLoginVerifier"/>, their HTTP
/// pipeline (pooled connections, per-server certificate trust, timeouts, bounded jittered retries) and options.</summary>
public static class CpanelServiceCollectionExtensions
{
    /// <summary>Registers the client with default options.</summary>
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpanelClientOptions>, CpanelClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<CpanelClientFactory>();
        services.TryAddSingleton<CpanelLoginVerifier>();

        if (services.Any(d => d.ServiceType == typeof(CpanelClientRegistered)))
        {
            return services;
        }

        services.AddSingleton<CpanelClientRegistered>();
        services.AddHttpClient(CpanelClientFactory.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .AddResilienceHandler("cpanel", static (pipeline, context) =>
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
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });

        services.AddHttpClient(CpanelClientFactory.LoginHttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<CpanelClientOptions>>().Value.LoginTimeout)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        return services;
    }

    // One handler for every server: the request carries its server, and the callback applies that server's trust.
    private static HttpClientHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ServerCertificateCustomValidationCallback = CertificateTrust.Validate,
    };

    private sealed class CpanelClientRegistered;
}
