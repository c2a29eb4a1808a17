using CpanelSessionOps.Cpanel.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CpanelSessionOps.Cpanel;

/// <summary>Registers the cPanel client: <see cref="CpanelClientFactory"/>, <see cref="CpanelLoginVerifier"/>, their HTTP
/// pipeline (pooled connections per certificate-trust policy, timeouts, bounded jittered retries) and options.</summary>
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

    // Transient failures and 5xx/429 are retried; an untrusted certificate will not change between attempts.
    private static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } &&
        HttpClientResiliencePredicates.IsTransient(outcome);
}
