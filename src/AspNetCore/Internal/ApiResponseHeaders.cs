using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>
/// What every API response carries, set in one place for every host: <c>Cache-Control: no-store</c> (answers hold login
/// links and per-user state) and <c>X-Correlation-Id</c>, the caller's when well-formed, else a new one, chosen once per
/// request so the header, the body and the audit record agree.
/// </summary>
internal static class ApiResponseHeaders
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private static readonly object CorrelationKey = new();

    /// <summary>The request's correlation id: the caller's <c>X-Correlation-Id</c> when it is well-formed, else a new one.</summary>
    public static string CorrelationId(HttpContext context)
    {
        if (context.Items.TryGetValue(CorrelationKey, out var known) && known is string id)
        {
            return id;
        }

        id = CorrelationIds.OrNew(context.Request.Headers[CorrelationHeader].ToString());
        context.Items[CorrelationKey] = id;
        return id;
    }

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers[CorrelationHeader] = CorrelationId(context);
    }
}
