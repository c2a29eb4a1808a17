using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Action.Tests.Support;

/// <summary>
/// A GitHub REST-compatible endpoint on loopback for Octokit: check runs, deployment statuses and issue comments,
/// recording every request; chosen routes can be made to answer 403 like a read-only token.
/// </summary>
public sealed class LocalGitHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, string> _comments = new();
    private long _nextId = 100;

    private LocalGitHub(WebApplication app) => _app = app;

    public string ApiUrl { get; private set; } = "";

    public ConcurrentQueue<(string Method, string Path, string Body, string Authorization)> Requests { get; } = new();

    /// <summary>Path fragments (e.g. <c>check-runs</c>) answered with 403.</summary>
    public HashSet<string> Forbidden { get; } = [];

    public IReadOnlyDictionary<long, string> Comments => _comments;

    public static async Task<LocalGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var github = new LocalGitHub(app);
        app.Run(github.HandleAsync);
        await app.StartAsync();
        github.ApiUrl = app.Urls.Single() + "/api/v3";
        return github;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "").Replace("/api/v3", "", StringComparison.Ordinal);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Requests.Enqueue((context.Request.Method, path, body, context.Request.Headers.Authorization.ToString()));
        if (Forbidden.Any(f => path.Contains(f, StringComparison.Ordinal)))
        {
            await JsonAsync(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration", ["documentation_url"] = "https://docs.github.com/rest" });
            return;
        }

        var segments = path.Trim('/').Split('/');
        switch (context.Request.Method, segments)
        {
            case ("GET", ["oidc-token"]):
                await JsonAsync(context, 200, new JsonObject { ["value"] = "oidc-for-" + context.Request.Query["audience"] });
                return;
            case ("POST", ["repos", _, _, "issues", "comments", _, "reactions"]):
                await JsonAsync(context, 201, new JsonObject { ["id"] = Interlocked.Increment(ref _nextId), ["content"] = JsonNode.Parse(body)!["content"]!.GetValue<string>() });
                return;
            case ("POST", ["repos", _, _, "check-runs"]):
                var run = JsonNode.Parse(body)!.AsObject();
                run["id"] = Interlocked.Increment(ref _nextId);
                await JsonAsync(context, 201, run);
                return;
            case ("POST", ["repos", _, _, "deployments", var deployment, "statuses"]):
                var status = JsonNode.Parse(body)!.AsObject();
                status["id"] = Interlocked.Increment(ref _nextId);
                status["url"] = $"https://example.test/deployments/{deployment}";
                await JsonAsync(context, 201, status);
                return;
            case ("GET", ["repos", _, _, "issues", _, "comments"]):
                var list = new JsonArray([.. _comments.Select(c => (JsonNode)new JsonObject { ["id"] = c.Key, ["body"] = c.Value })]);
                await JsonAsync(context, 200, list);
                return;
            case ("POST", ["repos", _, _, "issues", _, "comments"]):
                var id = Interlocked.Increment(ref _nextId);
                _comments[id] = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                await JsonAsync(context, 201, new JsonObject { ["id"] = id, ["body"] = _comments[id] });
                return;
            case ("PATCH", ["repos", _, _, "issues", "comments", var commentId]):
                var key = long.Parse(commentId, System.Globalization.CultureInfo.InvariantCulture);
                _comments[key] = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                await JsonAsync(context, 200, new JsonObject { ["id"] = key, ["body"] = _comments[key] });
                return;
            default:
                await JsonAsync(context, 404, new JsonObject { ["message"] = "Not Found" });
                return;
        }
    }

    private static Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
