using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.Cpanel.Internal;

/// <summary>The emulator resource's health in the dashboard: its admin endpoint's <c>/health</c> answers, and no fault is
/// injected (an emulator told to fail is shown red until its faults are cleared).</summary>
internal sealed class CpanelEmulatorHealthCheck(CpanelEmulatorInstance instance) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (instance.Running is not { } emulator)
        {
            return HealthCheckResult.Unhealthy("The emulator is not running.");
        }

        try
        {
            using var response = await Http.GetAsync(new Uri(emulator.AdminUri, "health"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"The admin endpoint's /health answered HTTP {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("The admin endpoint's /health did not answer.", ex);
        }

        var faults = emulator.Faults.Rules;
        return faults.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(
                $"Injected faults: {string.Join(", ", faults.Select(f => $"{f.Kind} on {f.Function}"))}; run the \"Clear faults\" command to end them.");
    }
}
