using CpanelSessionOps.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP API's handlers and options; <c>MapCpanelSessionOps</c> maps them.</summary>
public static class CpanelSessionOpsApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CpanelSessionOpsHandlers"/> and <see cref="ApiOptions"/>, bound from <paramref name="section"/>
    /// (usually <c>configuration.GetSection("Api")</c>) and validated at start. Core's minting service must be registered
    /// too (<c>services.AddCpanelSessionOps(configuration)</c>, or Aspire's <c>AddCpanelSessionOps("cpanel")</c>).
    /// </summary>
    /// <exception cref="OptionsValidationException">At start: a key without a name or whose <c>Sha256</c> is not 64 hex
    /// digits, or <c>MaxBodyBytes</c> outside 256 to 1048576.</exception>
    public static IServiceCollection AddCpanelSessionOpsApi(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddCpanelSessionOpsApiCore(builder => builder.Bind(section));
    }

    /// <summary>Registers the API's handlers with options set in code (no configuration section).</summary>
    public static IServiceCollection AddCpanelSessionOpsApi(this IServiceCollection services, Action<ApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddCpanelSessionOpsApiCore(builder => builder.Configure(configure));
    }

    /// <summary>Registers the API's handlers with default options: callers come from the host's authentication only.</summary>
    public static IServiceCollection AddCpanelSessionOpsApi(this IServiceCollection services) =>
        services.AddCpanelSessionOpsApiCore(static _ => { });

    private static IServiceCollection AddCpanelSessionOpsApiCore(this IServiceCollection services, Action<OptionsBuilder<ApiOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptionsWithValidateOnStart<ApiOptions>()
            .Validate(static o => o.Keys.All(k => !string.IsNullOrWhiteSpace(k.Name) && k.Sha256 is { Length: 64 } h && h.All(char.IsAsciiHexDigit)),
                "Api:Keys: every key needs a Name and a Sha256 (64 hex digits: the SHA-256 of the key, never the key itself).")
            .Validate(static o => o.MaxBodyBytes is >= 256 and <= 1024 * 1024, "Api:MaxBodyBytes must be 256 to 1048576.");
        configure(options);
        services.TryAddSingleton<CpanelSessionOpsHandlers>();
        return services;
    }
}
