using CpanelSessionOps.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CpanelSessionOps.Functions;

/// <summary>Everything the Functions app registers; Program.cs and the tests both call this.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers Core's minting service (sections Fleet, Cpanel, Policy, Audit), the API (section Api), ChatOps and the
    /// telemetry export (Azure Monitor and/or OTLP, from the standard settings).</summary>
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
        services.AddOptionsWithValidateOnStart<ChatOps.ChatOpsOptions>().Bind(configuration.GetSection("ChatOps"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ChatOps.ChatOpsOptions>, ChatOps.ChatOpsOptionsValidator>());
        // In memory: right for one instance. A shared store (issue #17) replaces it for a scaled-out app.
        services.TryAddSingleton<CpanelSessionOps.ChatOps.IWebhookDeduplicator, CpanelSessionOps.ChatOps.InMemoryWebhookDeduplicator>();
        services.AddSingleton<ChatOps.GitHubAppTokenProvider>();
        services.AddSingleton<ChatOps.GitHubReplyClient>();
        services.AddSingleton<ChatOps.ChatOpsHandler>();
        services.AddSingleton<ChatOps.SlackResponseClient>();
        // A response_url answer carries a login link: no redirect may take it elsewhere, and the URL (a capability) is not logged.
        services.AddHttpClient(ChatOps.SlackResponseClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            .RemoveAllLoggers();
        return services;
    }
}
