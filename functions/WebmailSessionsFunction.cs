using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>POST /api/webmail/sessions</c> with <c>{"email","locale"?,"remoteAddress"?}</c>: 201 with a webmail login link.</summary>
internal sealed class WebmailSessionsFunction(CpanelSessionOpsHandlers handlers)
{
    [Function("WebmailSessions")]
    [ApiResponses(201, 400, 401, 403, 404, 409, 413, 415, 429, 502, 503, 504)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webmail/sessions")] HttpRequest request, CancellationToken cancellationToken) =>
        new HandlerActionResult(await handlers.CreateWebmailSessionAsync(request.HttpContext, cancellationToken).ConfigureAwait(false));
}
