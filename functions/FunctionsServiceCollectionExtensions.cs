using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Functions;

/// <summary>Everything the Functions app registers; Program.cs and the tests both call this.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers Core's minting service (sections Fleet, Cpanel, Policy, Audit), the API (section Api), ChatOps (sections ChatOps,
    /// BackgroundWork) and the telemetry export (Azure Monitor and/or OTLP, from the standard settings).</summary>
    public static IServiceCollection AddCpanelSessionOpsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCpanelSessionOps(configuration).AddDeployChecks();
        // Rate limits and webhook de-duplication in Table Storage when SharedState names a table; per instance (with a
        // start-up warning) otherwise. Registered before ChatOps, whose in-memory default then stays unused.
        services.AddCpanelSharedState(configuration.GetSection("SharedState"));
        services.AddHostedService<SharedState.SharedStateStartupWarning>();
        services.AddCpanelSessionOpsTelemetry(configuration);
        services.AddOptionsWithValidateOnStart<ApiOptions>().Bind(configuration.GetSection("Api"))
            .Validate(static o => o.Keys.All(k => !string.IsNullOrWhiteSpace(k.Name) && k.Sha256 is { Length: 64 } h && h.All(char.IsAsciiHexDigit)),
                "Api:Keys: every key needs a Name and a Sha256 (64 hex digits: the SHA-256 of the key, never the key itself).")
            .Validate(static o => o.MaxBodyBytes is >= 256 and <= 1024 * 1024, "Api:MaxBodyBytes must be 256 to 1048576.");
        services.AddSingleton<CallerIdentityResolver>();
        services.AddSingleton<SessionEndpoint>();
        services.AddChatOps(configuration);
        return services;
    }
}
