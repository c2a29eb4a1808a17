using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>GET /api/webmail/launch?email=...</c>, for browsers behind platform authentication: a 302 to the login link.</summary>
internal sealed class WebmailLaunchFunction(SessionEndpoint endpoint)
{
    [Function("WebmailLaunch")]
    [ApiResponses(302, 400, 401, 403, 404, 409, 429, 502, 503, 504)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webmail/launch")] HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.LaunchWebmailAsync(request, cancellationToken);
}
