using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Testing;

/// <summary>
/// A GitHub REST-compatible endpoint on loopback for Octokit: check runs, deployment statuses, issue comments, reactions
/// and GitHub App installation tokens, recording every request. It serves under a base path like GitHub Enterprise
/// Server (<c>/api/v3</c>, the default) or at the root like api.github.com and GHE.com (<c>basePath: ""</c>); a request
/// outside the base path is answered 404, as the real host would. Chosen routes can answer 403 like a read-only token,
/// or a scripted answer (rate limits) a given number of times.
/// </summary>
public sealed class LocalGitHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _basePath;
    private readonly ConcurrentDictionary<long, string> _comments = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private long _nextId = 100;
    private int _nextToken;

    private LocalGitHub(WebApplication app, string basePath)
    {
        _app = app;
        _basePath = basePath;
    }

    public string ApiUrl { get; private set; } = "";

    /// <summary>Every request; <c>Path</c> is relative to the base path (or the full path when it was outside it).</summary>
    public ConcurrentQueue<(string Method, string Path, string Body, string Authorization)> Requests { get; } = new();

    /// <summary>Path fragments (e.g. <c>check-runs</c>) answered with 403.</summary>
    public HashSet<string> Forbidden { get; } = [];

    /// <summary>Tokens answered with 401 Bad credentials (expired or revoked).</summary>
    public HashSet<string> RevokedTokens { get; } = [];

    public IReadOnlyDictionary<long, string> Comments => _comments;

    /// <summary>The GitHub App's id and public key: installation-token requests must carry a JWT it signed.</summary>
    public (string AppId, RSA PublicKey)? App { get; set; }

    /// <summary>GitHub's clock, for JWT checks and installation-token expiry.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The installation of the app on every repository (answered by <c>GET /repos/{o}/{r}/installation</c>).</summary>
    public long InstallationId { get; set; } = 4242;

    /// <summary>The claims of every JWT accepted for an installation token.</summary>
    public ConcurrentQueue<JsonObject> AcceptedJwtClaims { get; } = new();

    /// <summary>Installation tokens issued, in order.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public static async Task<LocalGitHub> StartAsync(string basePath = "/api/v3")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var github = new LocalGitHub(app, basePath);
        app.Run(github.HandleAsync);
        await app.StartAsync();
        github.ApiUrl = app.Urls.Single() + basePath;
        return github;
    }

    /// <summary>The next <paramref name="times"/> requests whose path contains <paramref name="pathFragment"/> get this answer.</summary>
    public void Answer(string pathFragment, int status, string message, IDictionary<string, string>? headers = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(new ScriptedAnswer(pathFragment, status, message, headers ?? new Dictionary<string, string>()));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var fullPath = context.Request.Path.Value ?? "";
        var inBase = _basePath.Length == 0 || fullPath.StartsWith(_basePath + "/", StringComparison.Ordinal);
        var path = inBase ? fullPath[_basePath.Length..] : fullPath;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue((context.Request.Method, path, body, authorization));
        var segments = path.Trim('/').Split('/');
        if (TakeScripted(path) is { } scripted)
        {
            foreach (var (name, value) in scripted.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await JsonAsync(context, scripted.Status, new JsonObject { ["message"] = scripted.Message, ["documentation_url"] = "https://docs.github.com/rest" });
            return;
        }

        if (context.Request.Method == "GET" && segments is ["oidc-token"])
        {
            await JsonAsync(context, 200, new JsonObject { ["value"] = "oidc-for-" + context.Request.Query["audience"] });
            return;
        }

        if (!inBase)
        {
            await JsonAsync(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        if (RevokedTokens.Any(t => authorization.EndsWith(" " + t, StringComparison.Ordinal)))
        {
            await JsonAsync(context, 401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest", ["status"] = "401" });
            return;
        }

        if (Forbidden.Any(f => path.Contains(f, StringComparison.Ordinal)))
        {
            await JsonAsync(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration", ["documentation_url"] = "https://docs.github.com/rest" });
            return;
        }

        switch (context.Request.Method, segments)
        {
            case ("POST", ["app", "installations", var installation, "access_tokens"]):
                await InstallationTokenAsync(context, installation, authorization);
                return;
            case ("GET", ["repos", _, _, "installation"]):
                if (VerifyJwt(authorization) is null)
                {
                    await JsonAsync(context, 401, new JsonObject { ["message"] = "A JSON web token could not be decoded" });
                    return;
                }

                await JsonAsync(context, 200, new JsonObject { ["id"] = InstallationId, ["app_id"] = long.Parse(App!.Value.AppId, System.Globalization.CultureInfo.InvariantCulture) });
                return;
            case ("POST", ["repos", _, _, "issues", "comments", _, "reactions"]):
                await JsonAsync(context, 201, new JsonObject { ["id"] = Interlocked.Increment(ref _nextId), ["content"] = JsonNode.Parse(body)!["content"]!.GetValue<string>() });
                return;
            case ("POST", ["repos", _, _, "check-runs"]):
                var run = JsonNode.Parse(body)!.AsObject();
                run["id"] = Interlocked.Increment(ref _nextId);
                await JsonAsync(context, 201, run);
                return;
            case ("PATCH", ["repos", _, _, "check-runs", var checkRunId]):
                var update = JsonNode.Parse(body)!.AsObject();
                update["id"] = long.Parse(checkRunId, System.Globalization.CultureInfo.InvariantCulture);
                await JsonAsync(context, 200, update);
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

    private ScriptedAnswer? TakeScripted(string path)
    {
        lock (_script)
        {
            var all = _script.ToArray();
            var match = Array.FindIndex(all, a => path.Contains(a.PathFragment, StringComparison.Ordinal));
            if (match < 0)
            {
                return null;
            }

            _script.Clear();
            for (var i = 0; i < all.Length; i++)
            {
                if (i != match)
                {
                    _script.Enqueue(all[i]);
                }
            }

            return all[match];
        }
    }

    private async Task InstallationTokenAsync(HttpContext context, string installation, string authorization)
    {
        if (VerifyJwt(authorization) is not { } claims)
        {
            await JsonAsync(context, 401, new JsonObject { ["message"] = "A JSON web token could not be decoded" });
            return;
        }

        if (installation != InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            await JsonAsync(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        AcceptedJwtClaims.Enqueue(claims);
        var token = $"ghs_installation{Interlocked.Increment(ref _nextToken)}";
        IssuedTokens.Enqueue(token);
        await JsonAsync(context, 201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = Clock().AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["issues"] = "write" },
            ["repository_selection"] = "all",
        });
    }

    /// <summary>Checks an RS256 JWT as GitHub does: signed by the app's key, issued by the app, iat not in the future, at most 10 minutes.</summary>
    private JsonObject? VerifyJwt(string authorization)
    {
        if (App is not { } app || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ||
            authorization[7..].Split('.') is not [var header, var payload, var signature])
        {
            return null;
        }

        var valid = app.PublicKey.VerifyData(Encoding.ASCII.GetBytes(header + "." + payload), Base64Url(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var claims = JsonNode.Parse(Base64Url(payload))!.AsObject();
        var now = Clock().ToUnixTimeSeconds();
        var iat = claims["iat"]!.GetValue<long>();
        var exp = claims["exp"]!.GetValue<long>();
        return valid && JsonNode.Parse(Base64Url(header))!["alg"]!.GetValue<string>() == "RS256" && claims["iss"]?.ToString() == app.AppId &&
            iat <= now && exp > now && exp - iat <= 600
            ? claims
            : null;
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record ScriptedAnswer(string PathFragment, int Status, string Message, IDictionary<string, string> Headers);
}
