using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>A JSON answer written with the API's source-generated contracts.</summary>
internal sealed class JsonBodyResult<T>(int status, T body, JsonTypeInfo<T> typeInfo) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public T Body { get; } = body;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(httpContext.Response.Body, Body, typeInfo, httpContext.RequestAborted);
    }
}

/// <summary>An RFC 9457 problem (<c>application/problem+json</c>), with <c>Retry-After</c> when it says when to retry.</summary>
internal sealed class ProblemResult(Problem problem) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => Problem.Status;

    public Problem Problem { get; } = problem;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Problem.Status;
        if (Problem.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/problem+json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Problem, ApiJsonContext.Default.Problem, httpContext.RequestAborted);
    }
}

/// <summary>A 302 to a login link, for callers that ask for it: the link is a secret, so no referrer may carry it on.</summary>
internal sealed class LoginRedirectResult(string location) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status302Found;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = location;
        response.Headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}

/// <summary>The launch page (<see cref="LaunchPage"/>), with the headers that keep it private: a strict CSP bound to its
/// nonce, no referrer, no framing, no sniffing.</summary>
internal sealed class LaunchPageResult(LaunchPage page) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "text/html; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        var html = Encoding.UTF8.GetBytes(page.Html);
        response.ContentLength = html.Length;
        return response.Body.WriteAsync(html, httpContext.RequestAborted).AsTask();
    }
}
