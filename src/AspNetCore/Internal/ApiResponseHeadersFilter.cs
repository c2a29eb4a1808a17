using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>The plugin's endpoint filter: <see cref="ApiResponseHeaders"/> on every endpoint of the group, before the handler runs.</summary>
internal sealed class ApiResponseHeadersFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ApiResponseHeaders.Apply(context.HttpContext);
        return next(context);
    }
}
