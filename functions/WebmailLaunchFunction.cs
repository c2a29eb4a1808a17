using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary>
/// <c>GET /api/webmail/launch?email=...</c>, for browsers behind App Service Authentication: a page that logs in by POST
/// (or, with <c>mode=redirect</c>, a 302 to the login link). A per-user URL cannot carry the function key, so the trigger
/// is anonymous and the handler itself admits only a signed-in principal; everything else is 401.
/// </summary>
internal sealed class WebmailLaunchFunction(CpanelSessionOpsHandlers handlers)
{
    [Function("WebmailLaunch")]
    [ApiResponses(200, 302, 400, 401, 403, 404, 409, 429, 502, 503, 504)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webmail/launch")] HttpRequest request, CancellationToken cancellationToken) =>
        new HandlerActionResult(await handlers.LaunchWebmailAsync(request.HttpContext, cancellationToken).ConfigureAwait(false));
}
