using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CpanelSessionOps.Fleet;

/// <summary>Registers <see cref="FleetHealthCheck"/>.</summary>
public static class FleetHealthChecksBuilderExtensions
{
    /// <summary>Adds the fleet's health check (secrets in Key Vault, servers reachable) under <paramref name="name"/>.</summary>
    public static IHealthChecksBuilder AddCpanelFleet(this IHealthChecksBuilder builder, string name = "cpanel-fleet", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<FleetHealthCheck>(name, HealthStatus.Unhealthy, tags ?? ["ready"]);
    }
}
