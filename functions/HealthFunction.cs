using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary>
/// <c>GET /api/health</c>: the platform's probe, without a key, answers only healthy (200) or unhealthy (503); which
/// server or secret failed stays behind the function key at <c>GET /api/health/details</c>. Both share one cached probe
/// (30 seconds), so an anonymous caller cannot make the app call cPanel or Key Vault more often.
/// </summary>
internal sealed class HealthFunction(CpanelSessionOpsHandlers handlers)
{
    [Function("Health")]
    [ApiResponses(200, 503)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        new HandlerActionResult(await handlers.GetHealthAsync(request.HttpContext, cancellationToken).ConfigureAwait(false));

    [Function("HealthDetails")]
    [ApiResponses(200, 503)]
    public async Task<IActionResult> DetailsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health/details")] HttpRequest request, CancellationToken cancellationToken) =>
        new HandlerActionResult(await handlers.GetHealthDetailsAsync(request.HttpContext, cancellationToken).ConfigureAwait(false));
}
