using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>POST /api/cpanel/sessions</c> with <c>{"user","locale"?}</c>: 201 with a cPanel login link (its own policy kind).</summary>
internal sealed class CpanelSessionsFunction(CpanelSessionOpsHandlers handlers)
{
    [Function("CpanelSessions")]
    [ApiResponses(201, 400, 401, 403, 404, 409, 413, 415, 429, 502, 503, 504)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cpanel/sessions")] HttpRequest request, CancellationToken cancellationToken) =>
        new HandlerActionResult(await handlers.CreateCpanelSessionAsync(request.HttpContext, cancellationToken).ConfigureAwait(false));
}
