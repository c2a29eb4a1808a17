using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary>
/// <c>GET /api/webmail/launch?email=...</c>, for browsers behind App Service Authentication: a 302 to the login link. A
/// per-user URL cannot carry the function key, so the trigger is anonymous and the endpoint itself admits only a signed-in
/// principal, and only when <c>Api:TrustAppServiceAuthentication</c> says the platform set it; everything else is 401.
/// </summary>
internal sealed class WebmailLaunchFunction(SessionEndpoint endpoint)
{
    [Function("WebmailLaunch")]
    [ApiResponses(302, 400, 401, 403, 404, 409, 429, 502, 503, 504)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webmail/launch")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.LaunchWebmailAsync(request, cancellationToken);
}
