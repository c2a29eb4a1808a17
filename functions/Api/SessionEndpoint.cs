using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CpanelSessionOps.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Api;

/// <summary>
/// What the session functions share: the correlation id, the caller's identity, reading a JSON body within limits,
/// the one call into <see cref="LinkMintingService"/>, and mapping its outcome. Bodies are never logged.
/// </summary>
internal sealed partial class SessionEndpoint(
    LinkMintingService minting, CallerIdentityResolver callers, IOptions<ApiOptions> options, ILogger<SessionEndpoint> logger)
{
    private static readonly Dictionary<string, string> WebmailFields = new() { ["target"] = "email", ["endUserAddress"] = "remoteAddress" };
    private static readonly Dictionary<string, string> CpanelFields = new() { ["target"] = "user" };

    public async Task<IActionResult> MintWebmailAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = CorrelationId(request);
        var (body, problem) = await ReadAsync(request, ApiJsonContext.Default.WebmailSessionRequest, correlationId, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await MintAsync(correlationId, callers.Resolve(request), caller => new MintRequest(body!.Email ?? "", LoginKind.Webmail, caller, MintChannel.Http)
        {
            Locale = body.Locale,
            EndUserAddress = body.RemoteAddress,
            CorrelationId = correlationId,
        }, WebmailFields, link => Created(link, correlationId), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> MintCpanelAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = CorrelationId(request);
        var (body, problem) = await ReadAsync(request, ApiJsonContext.Default.CpanelSessionRequest, correlationId, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await MintAsync(correlationId, callers.Resolve(request), caller => new MintRequest(body!.User ?? "", LoginKind.Cpanel, caller, MintChannel.Http)
        {
            Locale = body.Locale,
            CorrelationId = correlationId,
        }, CpanelFields, link => Created(link, correlationId), cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> LaunchWebmailAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var correlationId = CorrelationId(request);
        if (callers.ResolveSignedInUser(request) is not { } user)
        {
            // Anonymous at the platform (a browser cannot send the function key), so nothing but a signed-in user gets in.
            return Task.FromResult<IActionResult>(new ProblemResult(ProblemMapper.Create("unauthenticated", 401, "Sign in first.",
                options.Value.TrustAppServiceAuthentication
                    ? "The launch page is for browsers signed in through App Service Authentication; sign in and open the link again."
                    : "The launch page needs App Service Authentication: enable it on the app and set Api:TrustAppServiceAuthentication=true.",
                correlationId)));
        }

        return MintAsync(correlationId, user, caller => new MintRequest(request.Query["email"].ToString(), LoginKind.Webmail, caller, MintChannel.Http)
        {
            Locale = request.Query.TryGetValue("locale", out var locale) ? locale.ToString() : null,
            EndUserAddress = request.HttpContext.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
            CorrelationId = correlationId,
        }, WebmailFields, link => new LoginRedirectResult(link.LoginLink.Reveal(), correlationId), cancellationToken);
    }

    private async Task<IActionResult> MintAsync(
        string correlationId, CallerIdentity? caller, Func<CallerIdentity, MintRequest> build,
        IReadOnlyDictionary<string, string> fields, Func<MintedLink, IActionResult> success, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return new ProblemResult(ProblemMapper.Create("unauthenticated", 401, "Who is calling?",
                "Sign in through App Service authentication, or send an application key in X-Api-Key.", correlationId));
        }

        try
        {
            return success(await minting.MintAsync(build(caller), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ProblemMapper.FromException(ex, correlationId, fields) is { } problem)
        {
            LogRefused(logger, problem.Status, problem.Type, correlationId);
            return new ProblemResult(problem);
        }
    }

    private async Task<(T? Body, IActionResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, string correlationId, CancellationToken cancellationToken)
        where T : class
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new ProblemResult(ProblemMapper.Create("unsupported-media-type", 415, "Send JSON.",
                "The body must be JSON with Content-Type: application/json.", correlationId)));
        }

        var limit = options.Value.MaxBodyBytes;
        if (await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return (null, TooLarge(limit, correlationId));
        }

        try
        {
            var body = JsonSerializer.Deserialize(bytes, typeInfo);
            return body is null
                ? (null, new ProblemResult(ProblemMapper.Create("invalid-json", 400, "The body is not valid JSON.", "Send a JSON object.", correlationId)))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, new ProblemResult(ProblemMapper.Create("invalid-json", 400, "The body is not valid JSON.",
                $"The JSON could not be read at {ex.Path ?? "$"} (line {ex.LineNumber + 1}); send a JSON object.", correlationId)));
        }
    }

    private static ProblemResult TooLarge(int limit, string correlationId) =>
        new(ProblemMapper.Create("payload-too-large", 413, "The body is too large.", $"Send at most {limit} bytes.", correlationId));

    private static JsonApiResult<SessionResponse> Created(MintedLink link, string correlationId) =>
        new(StatusCodes.Status201Created, correlationId, new SessionResponse(
                link.LoginLink.Reveal(),
                new LoginForm("POST", link.LoginFormTarget.ToString(), "application/x-www-form-urlencoded", link.LoginFormBody.Reveal()),
                link.ExpiresAt,
                link.Kind == LoginKind.Webmail ? link.Target : null,
                link.Kind == LoginKind.Cpanel ? link.Target : null,
                link.ServerName,
                correlationId),
            ApiJsonContext.Default.SessionResponse);

    /// <summary>The caller's <c>X-Correlation-Id</c> when it is well-formed, else a new one.</summary>
    internal static string CorrelationId(HttpRequest request)
    {
        return CorrelationIds.OrNew(request.Headers[ApiResult.CorrelationHeader].ToString());
    }

    [LoggerMessage(1, LogLevel.Information, "Answered {Status} {ProblemType} for {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, int status, string problemType, string correlationId);
}
