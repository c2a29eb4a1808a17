using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CpanelSessionOps.Functions.Api;

/// <summary>
/// The API's answers. Each writes itself (no MVC executors needed) and adds what every response carries:
/// <c>Cache-Control: no-store</c> and the correlation id.
/// </summary>
internal abstract class ApiResult(int status, string correlationId) : IActionResult
{
    public const string CorrelationHeader = "X-Correlation-Id";

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

/// <summary>A 302 to a login link: the link is a secret, so no referrer may carry it on and nothing may cache it.</summary>
internal sealed class LoginRedirectResult(string location, string correlationId) : ApiResult(StatusCodes.Status302Found, correlationId)
{
    protected override Task WriteAsync(HttpResponse response)
    {
        response.Headers.Location = location;
        response.Headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
