using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Functions.Hosting;

/// <summary>
/// What every HTTP answer of the app carries, set once per request (by <see cref="ResponseDefaultsMiddleware"/> before the
/// function runs): the correlation id, echoed in <c>X-Correlation-Id</c>, and <c>Cache-Control: no-store</c> (answers carry
/// login links and per-caller results). Functions read the id with <see cref="CorrelationId"/>.
/// </summary>
internal static class HttpResponseDefaults
{
    public const string CorrelationHeader = "X-Correlation-Id";

    private static readonly object CorrelationItem = new();

    /// <summary>Applies the defaults to <paramref name="context"/>'s response, once, and returns the request's correlation id.</summary>
    public static string Apply(HttpContext context)
    {
        if (context.Items.TryGetValue(CorrelationItem, out var applied) && applied is string existing)
        {
            return existing;
        }

        // Core's one rule: the caller's id when it is a usable one, else a new one.
        var correlationId = CorrelationIds.OrNew(context.Request.Headers[CorrelationHeader].ToString());
        context.Items[CorrelationItem] = correlationId;
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers[CorrelationHeader] = correlationId;
        return correlationId;
    }

    /// <summary>The request's correlation id (applying the defaults if nothing did yet, e.g. when a test calls a function directly).</summary>
    public static string CorrelationId(HttpRequest request) => Apply(request.HttpContext);
}
