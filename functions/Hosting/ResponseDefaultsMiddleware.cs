using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CpanelSessionOps.Functions.Hosting;

/// <summary>Sets the correlation id and <c>Cache-Control: no-store</c> on every HTTP-triggered function's response, once,
/// before the function runs (<see cref="HttpResponseDefaults"/>); other triggers pass through.</summary>
internal sealed class ResponseDefaultsMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            HttpResponseDefaults.Apply(http);
        }

        return next(context);
    }
}
