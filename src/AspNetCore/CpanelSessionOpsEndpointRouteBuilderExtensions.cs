using System.Diagnostics.CodeAnalysis;
using CpanelSessionOps.AspNetCore;
using CpanelSessionOps.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the CpanelSessionOps HTTP API into any ASP.NET Core host.</summary>
public static class CpanelSessionOpsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API under <paramref name="prefix"/> (default <c>/api</c>, the Functions app's routes):
    /// <c>POST webmail/sessions</c>, <c>POST cpanel/sessions</c>, <c>GET webmail/launch</c>, <c>GET health</c> (anonymous even
    /// when the group requires authorization: the platform's probe) and <c>GET health/details</c>. Every response carries
    /// <c>Cache-Control: no-store</c> and <c>X-Correlation-Id</c>. Needs <c>AddCpanelSessionOpsApi</c>.
    /// </summary>
    /// <returns>The endpoint group, for the host's choices: <c>RequireAuthorization</c>, <c>RequireRateLimiting</c>, <c>RequireCors</c>.</returns>
    public static RouteGroupBuilder MapCpanelSessionOps(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter<ApiResponseHeadersFilter>();
        group.MapPost("webmail/sessions", static ([FromServices] CpanelSessionOpsHandlers handlers, HttpContext context) =>
            handlers.CreateWebmailSessionAsync(context, context.RequestAborted)).WithName("CpanelSessionOps.WebmailSessions");
        group.MapPost("cpanel/sessions", static ([FromServices] CpanelSessionOpsHandlers handlers, HttpContext context) =>
            handlers.CreateCpanelSessionAsync(context, context.RequestAborted)).WithName("CpanelSessionOps.CpanelSessions");
        group.MapGet("webmail/launch", static ([FromServices] CpanelSessionOpsHandlers handlers, HttpContext context) =>
            handlers.LaunchWebmailAsync(context, context.RequestAborted)).WithName("CpanelSessionOps.WebmailLaunch");
        group.MapGet("health", static ([FromServices] CpanelSessionOpsHandlers handlers, HttpContext context) =>
            handlers.GetHealthAsync(context, context.RequestAborted)).WithName("CpanelSessionOps.Health").AllowAnonymous();
        group.MapGet("health/details", static ([FromServices] CpanelSessionOpsHandlers handlers, HttpContext context) =>
            handlers.GetHealthDetailsAsync(context, context.RequestAborted)).WithName("CpanelSessionOps.HealthDetails");
        return group;
    }
}
