using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CpanelSessionOps.Fleet;

/// <summary>The fleet as an <see cref="IHealthCheck"/> (Aspire, ASP.NET Core health endpoints): healthy when every
/// server's secret can be read from Key Vault and every server answers; the report is cached 30 seconds.</summary>
public sealed class FleetHealthCheck(FleetHealthProbe probe) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var secret in report.Secrets)
        {
            data["secret:" + secret.Server] = secret.Status;
        }

        foreach (var server in report.Servers)
        {
            data["server:" + server.Name] = server.Status;
        }

        return report.Status == FleetHealthStatus.Healthy
            ? HealthCheckResult.Healthy("Every server's secret reads and every server answers.", data)
            : HealthCheckResult.Unhealthy(string.Join(" ", report.Secrets.Where(s => s.Error is not null).Select(s => s.Error)
                .Concat(report.Servers.Where(s => s.Error is not null).Select(s => s.Error))), data: data);
    }
}
