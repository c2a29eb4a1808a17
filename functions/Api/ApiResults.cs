using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CpanelSessionOps.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CpanelSessionOps.Functions.Api;

/// <summary>
/// An API handler's answer (<see cref="IResult"/>, from CpanelSessionOps.AspNetCore) as the Functions ASP.NET Core
/// integration runs it, with what every API response carries (<see cref="ApiResponseHeaders"/>): the triggers are adapters
/// and nothing else.
/// </summary>
internal sealed class HandlerActionResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiResponseHeaders.Apply(context.HttpContext);
        return Result.ExecuteAsync(context.HttpContext);
    }
}

/// <summary>
/// The ChatOps webhooks' answers. Each writes itself (no MVC executors needed) and adds what every response carries:
/// <c>Cache-Control: no-store</c> and the correlation id.
/// </summary>
internal abstract class ApiResult(int status, string correlationId) : IActionResult
{
    public const string CorrelationHeader = ApiResponseHeaders.CorrelationHeader;

    public int Status { get; } = status;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers[CorrelationHeader] = correlationId;
        await WriteAsync(response).ConfigureAwait(false);
    }

    protected abstract Task WriteAsync(HttpResponse response);
}

internal sealed class JsonApiResult<T>(int status, string correlationId, T body, JsonTypeInfo<T> typeInfo, string contentType = "application/json")
    : ApiResult(status, correlationId)
{
    public T Body { get; } = body;

    protected override Task WriteAsync(HttpResponse response)
    {
        response.ContentType = contentType + "; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Body, typeInfo);
    }
}

internal sealed class ProblemResult(Problem problem) : ApiResult(problem.Status, problem.CorrelationId)
{
    public Problem Problem { get; } = problem;

    protected override Task WriteAsync(HttpResponse response)
    {
        if (Problem.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/problem+json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Problem, ApiJsonContext.Default.Problem);
    }
}
