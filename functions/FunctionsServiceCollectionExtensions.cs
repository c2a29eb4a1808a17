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
        // The HTTP API's handlers (CpanelSessionOps.AspNetCore): the triggers are adapters over them.
        services.AddCpanelSessionOpsApi(configuration.GetSection("Api"));
        services.AddChatOps(configuration);
        return services;
    }
}
