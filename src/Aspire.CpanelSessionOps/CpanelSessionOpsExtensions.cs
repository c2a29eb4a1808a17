using CpanelSessionOps.Aspire;
using CpanelSessionOps.Aspire.Internal;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Diagnostics;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers CpanelSessionOps in a service from a cPanel server's connection string (Aspire's
/// <c>WithReference</c>): session minting, the fleet's health check, tracing and metrics.</summary>
public static class CpanelSessionOpsExtensions
{
    /// <summary>The configuration section of <see cref="CpanelSessionOpsSettings"/>.</summary>
    public const string DefaultConfigSectionName = "Aspire:CpanelSessionOps";

    /// <summary>
    /// Adds the server of connection string <paramref name="connectionName"/> to the application's fleet (with a <c>*</c>
    /// route unless <see cref="CpanelSessionOpsSettings.Domains"/> says otherwise), and registers
    /// <see cref="LinkMintingService"/>, <see cref="DeployCheckRunner"/> and the rest of Core with the application's
    /// <c>Fleet</c>, <c>Cpanel</c>, <c>Policy</c> and <c>Audit</c> settings; the fleet's health check
    /// (<c>CpanelSessionOps</c>) and the <c>CpanelSessionOps</c> activity source and meter in OpenTelemetry. Call it once
    /// per server: several servers share one fleet, routed by their domains.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection string's name: the app host's resource name.</param>
    /// <param name="configureSettings">Changes the settings after configuration is read.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed; the message names the key.</exception>
    public static IHostApplicationBuilder AddCpanelSessionOps(
        this IHostApplicationBuilder builder, string connectionName, Action<CpanelSessionOpsSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = ReadSettings(builder, connectionName, configureSettings);
        var server = CpanelConnectionString.Parse(settings.ConnectionString!, connectionName);
        if (!builder.Services.Any(d => d.ServiceType == typeof(LinkMintingService)))
        {
            var cpanel = builder.Services.AddCpanelSessionOps(builder.Configuration).AddDeployChecks();
            if (!settings.DisableHealthChecks)
            {
                cpanel.AddHealthCheck(CpanelSessionOpsTelemetry.Name);
            }
        }

        builder.Services.Configure<FleetOptions>(fleet => AddServer(fleet, connectionName, server, settings.Domains));
        AddTelemetry(builder, settings);
        return builder;
    }

    /// <summary>
    /// Adds the server of connection string <paramref name="name"/> as a fleet of its own, registered under the key
    /// <paramref name="name"/>: <see cref="LinkMintingService"/>, <see cref="DeployCheckRunner"/>,
    /// <see cref="CpanelLoginVerifier"/>, <see cref="CpanelFleet"/> and <see cref="FleetHealthProbe"/> (inject with
    /// <c>[FromKeyedServices("NAME")]</c>). Policy, audit and client settings are the application's. Its health check is
    /// <c>CpanelSessionOps_NAME</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The connection string's name and the services' key.</param>
    /// <param name="configureSettings">Changes the settings after configuration is read.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed; the message names the key.</exception>
    public static IHostApplicationBuilder AddKeyedCpanelSessionOps(
        this IHostApplicationBuilder builder, string name, Action<CpanelSessionOpsSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var settings = ReadSettings(builder, name, configureSettings);
        var server = CpanelConnectionString.Parse(settings.ConnectionString!, name);
        var configuration = builder.Configuration;
        builder.Services.AddKeyedSingleton(name, (sp, _) =>
            new KeyedCpanelSessionOps(sp, configuration, fleet => AddServer(fleet, name, server, settings.Domains)));
        builder.Services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<KeyedCpanelSessionOps>(key).Get<LinkMintingService>());
        builder.Services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<KeyedCpanelSessionOps>(key).Get<DeployCheckRunner>());
        builder.Services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<KeyedCpanelSessionOps>(key).Get<CpanelLoginVerifier>());
        builder.Services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<KeyedCpanelSessionOps>(key).Get<CpanelFleet>());
        builder.Services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<KeyedCpanelSessionOps>(key).Get<FleetHealthProbe>());
        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"{CpanelSessionOpsTelemetry.Name}_{name}",
                sp => new FleetHealthCheck(sp.GetRequiredKeyedService<FleetHealthProbe>(name)),
                HealthStatus.Unhealthy,
                ["ready"]));
        }

        AddTelemetry(builder, settings);
        return builder;
    }

    private static CpanelSessionOpsSettings ReadSettings(
        IHostApplicationBuilder builder, string connectionName, Action<CpanelSessionOpsSettings>? configureSettings)
    {
        var settings = new CpanelSessionOpsSettings();
        var section = builder.Configuration.GetSection(DefaultConfigSectionName);
        section.Bind(settings);
        section.GetSection(connectionName).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }

        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set: reference the cPanel resource from the app host " +
                $"(.WithReference({connectionName})), or set ConnectionStrings:{connectionName} or {DefaultConfigSectionName}:{connectionName}:ConnectionString.");
        }

        return settings;
    }

    private static void AddServer(FleetOptions fleet, string name, FleetServerOptions server, List<string> domains)
    {
        fleet.Servers[name] = server;
        foreach (var domain in domains.Count == 0 ? ["*"] : domains)
        {
            fleet.Routes.Add(new DomainRouteOptions { Domain = domain, Server = name });
        }
    }

    private static void AddTelemetry(IHostApplicationBuilder builder, CpanelSessionOpsSettings settings)
    {
        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(CpanelSessionOpsTelemetry.Name));
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CpanelSessionOpsTelemetry.Name));
        }
    }
}
