using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Policy;
using CpanelSessionOps.SharedState;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the state a scaled-out app's instances share: rate-limit windows and webhook deliveries.</summary>
public static class SharedStateServiceCollectionExtensions
{
    /// <summary>Registers shared state from a configuration section (conventionally <c>SharedState</c>).</summary>
    public static IServiceCollection AddCpanelSharedState(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddCpanelSharedState(static _ => { });
        services.Configure<SharedStateOptions>(section);
        return services;
    }

    /// <summary>
    /// Registers the <see cref="IRateLimitStore"/> and <see cref="IWebhookDeduplicator"/> the options choose: Azure Table
    /// Storage when <see cref="SharedStateOptions.TableConnectionString"/> or <see cref="SharedStateOptions.TableServiceUri"/>
    /// is set, each instance's memory otherwise. Replaces earlier registrations of both.
    /// </summary>
    public static IServiceCollection AddCpanelSharedState(this IServiceCollection services, Action<SharedStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<SharedStateOptions>().Configure(configure)
            .Validate(static o => IsTableName(o.RateLimitTableName) && IsTableName(o.DeliveryTableName) && o.RateLimitTableName != o.DeliveryTableName,
                "SharedState:RateLimitTableName and SharedState:DeliveryTableName must be two different names of 3 to 63 letters and digits, starting with a letter.")
            .Validate(static o => o.TableServiceUri is null || o.TableServiceUri.IsAbsoluteUri && (o.TableServiceUri.Scheme == Uri.UriSchemeHttps || o.TableServiceUri.IsLoopback),
                "SharedState:TableServiceUri must be the storage account's https table endpoint, e.g. https://ACCOUNT.table.core.windows.net/.")
            .Validate(static o => Enum.IsDefined(o.FailureMode), "SharedState:FailureMode must be FailClosed or FailOpen.")
            .Validate(static o => o.PurgeInterval > TimeSpan.Zero, "SharedState:PurgeInterval must be positive, e.g. 00:10:00.")
            .Validate(static o => o.NetworkTimeout > TimeSpan.Zero, "SharedState:NetworkTimeout must be positive, e.g. 00:00:05.");
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(TableOrMemory<IRateLimitStore>(
            static (options, time, sp) => new TableRateLimitStore(options, time, sp.GetRequiredService<ILogger<TableRateLimitStore>>()),
            static time => new InMemoryRateLimitStore(time)));
        services.Replace(TableOrMemory<IWebhookDeduplicator>(
            static (options, time, sp) => new TableWebhookDeduplicator(options, time, sp.GetRequiredService<ILogger<TableWebhookDeduplicator>>()),
            static time => new InMemoryWebhookDeduplicator(time)));
        return services;
    }

    // A singleton in the table when one is configured, in this instance's memory otherwise.
    private static ServiceDescriptor TableOrMemory<TService>(
        Func<SharedStateOptions, TimeProvider, IServiceProvider, TService> table, Func<TimeProvider, TService> memory)
        where TService : class =>
        ServiceDescriptor.Singleton<TService>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SharedStateOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.IsConfigured ? table(options, time, sp) : memory(time);
        });

    private static bool IsTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
