using CpanelSessionOps.Fleet;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>GET /api/health</c>: configuration valid (or the app would not start), each server's secret readable and
/// each server reachable; 200 when healthy, 503 otherwise. Cached 30 seconds.</summary>
internal sealed class HealthFunction(FleetHealthProbe probe)
{
    [Function("Health")]
    [ApiResponses(200, 503)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return new JsonApiResult<FleetHealthReport>(report.Status == "healthy" ? 200 : 503, SessionEndpoint.CorrelationId(request), report,
            ApiJsonContext.Default.FleetHealthReport);
    }
}
