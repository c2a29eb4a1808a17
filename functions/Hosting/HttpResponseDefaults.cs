using CpanelSessionOps.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Functions.Hosting;

/// <summary>
/// What every HTTP answer of the app carries, set once per request (by <see cref="ResponseDefaultsMiddleware"/> before the
/// function runs): the API plugin's one rule (<see cref="ApiResponseHeaders"/>), so the chat webhooks and the API adapters
/// share one correlation id per request. Functions read the id with <see cref="CorrelationId"/>.
/// </summary>
internal static class HttpResponseDefaults
{
    public const string CorrelationHeader = ApiResponseHeaders.CorrelationHeader;

    /// <summary>Applies the defaults to <paramref name="context"/>'s response and returns the request's correlation id.</summary>
    public static string Apply(HttpContext context)
    {
        ApiResponseHeaders.Apply(context);
        return ApiResponseHeaders.CorrelationId(context);
    }

    /// <summary>The request's correlation id (applying the defaults if nothing did yet, e.g. when a test calls a function directly).</summary>
    public static string CorrelationId(HttpRequest request) => Apply(request.HttpContext);
}
