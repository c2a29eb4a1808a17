using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CpanelSessionOps.AspNetCore.Internal;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.AspNetCore;

/// <summary>
/// The HTTP API's behaviour, once: each method reads the request, makes one call into Core and answers an
/// <see cref="IResult"/>. <c>MapCpanelSessionOps</c> maps them as endpoints; a host that routes its own way (the Azure
/// Functions app's triggers) calls them directly. Bodies and minted links are never logged.
/// </summary>
/// <remarks>
/// The handlers do not set <c>Cache-Control: no-store</c> or <c>X-Correlation-Id</c>: the host does, once for every
/// response (the endpoint group's filter; the Functions app's adapter). Problems are RFC 9457 with
/// <c>type</c> <c>urn:cpanel-session-ops:problem:NAME</c>.
/// </remarks>
public sealed partial class CpanelSessionOpsHandlers
{
    private static readonly Dictionary<string, string> WebmailFields = new() { ["target"] = "email", ["endUserAddress"] = "remoteAddress" };
    private static readonly Dictionary<string, string> CpanelFields = new() { ["target"] = "user" };
    private readonly LinkMintingService _minting;
    private readonly FleetHealthProbe _probe;
    private readonly CallerIdentityResolver _callers;
    private readonly IOptions<ApiOptions> _options;
    private readonly ILogger<CpanelSessionOpsHandlers> _logger;

    /// <summary>Creates the handlers over Core's minting service and health probe.</summary>
    public CpanelSessionOpsHandlers(
        LinkMintingService minting, FleetHealthProbe probe, IOptions<ApiOptions> options, ILogger<CpanelSessionOpsHandlers> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _minting = minting;
        _probe = probe;
        _callers = new CallerIdentityResolver(options);
        _options = options;
        _logger = logger;
    }

    /// <summary><c>POST webmail/sessions</c> with <c>{"email","locale"?,"remoteAddress"?}</c>: 201 with a webmail login link.</summary>
    public async Task<IResult> CreateWebmailSessionAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var correlationId = ApiResponseHeaders.CorrelationId(context);
        var (body, problem) = await ReadAsync(context.Request, ApiJsonContext.Default.WebmailSessionRequest, correlationId, cancellationToken)
            .ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await MintAsync(correlationId, _callers.Resolve(context.Request), caller => new MintRequest(body!.Email ?? "", LoginKind.Webmail, caller, MintChannel.Http)
        {
            Locale = body.Locale,
            EndUserAddress = body.RemoteAddress,
            CorrelationId = correlationId,
        }, WebmailFields, link => Created(link, correlationId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST cpanel/sessions</c> with <c>{"user","locale"?}</c>: 201 with a cPanel login link (policy kind <c>Cpanel</c>).</summary>
    public async Task<IResult> CreateCpanelSessionAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var correlationId = ApiResponseHeaders.CorrelationId(context);
        var (body, problem) = await ReadAsync(context.Request, ApiJsonContext.Default.CpanelSessionRequest, correlationId, cancellationToken)
            .ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await MintAsync(correlationId, _callers.Resolve(context.Request), caller => new MintRequest(body!.User ?? "", LoginKind.Cpanel, caller, MintChannel.Http)
        {
            Locale = body.Locale,
            CorrelationId = correlationId,
        }, CpanelFields, link => Created(link, correlationId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET webmail/launch?email=...[&amp;locale=...][&amp;mode=redirect]</c>, for a signed-in browser: 200 with a page that
    /// logs in by POST (the session never in a URL), or with <c>mode=redirect</c> the 302 to the GET login link. Only a
    /// signed-in user gets in (the host's authenticated principal, or App Service Authentication's when trusted), never an
    /// API key alone: the page is meant for people.
    /// </summary>
    public async Task<IResult> LaunchWebmailAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var correlationId = ApiResponseHeaders.CorrelationId(context);
        if (_callers.ResolveSignedInUser(request) is not { } user)
        {
            return new ProblemResult(ProblemMapper.Create("unauthenticated", 401, "Sign in first.",
                _options.Value.TrustAppServiceAuthentication
                    ? "The launch page is for signed-in browsers (the host's sign-in, or App Service Authentication); sign in and open the link again."
                    : "The launch page needs a signed-in user: the host's authentication (e.g. Microsoft Entra ID), or App Service Authentication with Api:TrustAppServiceAuthentication=true.",
                correlationId));
        }

        var mode = request.Query["mode"].ToString();
        if (mode is not ("" or "page" or "redirect"))
        {
            return new ProblemResult(ProblemMapper.Validation(correlationId, new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["mode"] = [$"mode must be page (the default: a page that logs in by POST) or redirect (a 302 to the login link); “{Truncate(mode)}” is neither."],
            }));
        }

        return await MintAsync(correlationId, user, caller => new MintRequest(request.Query["email"].ToString(), LoginKind.Webmail, caller, MintChannel.Http)
        {
            Locale = request.Query.TryGetValue("locale", out var locale) ? locale.ToString() : null,
            EndUserAddress = context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
            CorrelationId = correlationId,
        }, WebmailFields, link => mode == "redirect"
            ? new LoginRedirectResult(link.LoginLink.Reveal())
            : new LaunchPageResult(LaunchPage.Create(link.Target, link.LoginFormTarget, link.LoginFormBody.Reveal())), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET health</c>, for the platform's probe: 200 <c>{"status":"healthy"}</c> or 503 <c>{"status":"unhealthy"}</c>,
    /// nothing about which part failed. Shares the cached probe with <see cref="GetHealthDetailsAsync"/>.</summary>
    public async Task<IResult> GetHealthAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        var report = await _probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return new JsonBodyResult<HealthSummary>(StatusOf(report), new HealthSummary(report.Status), ApiJsonContext.Default.HealthSummary);
    }

    /// <summary><c>GET health/details</c>: each server's secret readable and each server reachable, and why not (200 or 503).</summary>
    public async Task<IResult> GetHealthDetailsAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        var report = await _probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return new JsonBodyResult<FleetHealthReport>(StatusOf(report), report, ApiJsonContext.Default.FleetHealthReport);
    }

    private static int StatusOf(FleetHealthReport report) => report.Status == FleetHealthStatus.Healthy ? 200 : 503;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private async Task<IResult> MintAsync(
        string correlationId, CallerIdentity? caller, Func<CallerIdentity, MintRequest> build,
        IReadOnlyDictionary<string, string> fields, Func<MintedLink, IResult> success, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return new ProblemResult(ProblemMapper.Create("unauthenticated", 401, "Who is calling?",
                "Sign in (the host's authentication or App Service Authentication), or send an application key in X-Api-Key.", correlationId));
        }

        try
        {
            return success(await _minting.MintAsync(build(caller), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ProblemMapper.FromException(ex, correlationId, fields) is { } problem)
        {
            LogRefused(_logger, problem.Status, problem.Type, correlationId);
            return new ProblemResult(problem);
        }
    }

    private async Task<(T? Body, IResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, string correlationId, CancellationToken cancellationToken)
        where T : class
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new ProblemResult(ProblemMapper.Create("unsupported-media-type", 415, "Send JSON.",
                "The body must be JSON with Content-Type: application/json.", correlationId)));
        }

        var limit = _options.Value.MaxBodyBytes;
        if (await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return (null, new ProblemResult(ProblemMapper.Create("payload-too-large", 413, "The body is too large.", $"Send at most {limit} bytes.", correlationId)));
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

    private static JsonBodyResult<SessionResponse> Created(MintedLink link, string correlationId) =>
        new(StatusCodes.Status201Created, new SessionResponse(
                link.LoginLink.Reveal(),
                new LoginForm("POST", link.LoginFormTarget.ToString(), "application/x-www-form-urlencoded", link.LoginFormBody.Reveal()),
                link.ExpiresAt,
                link.Kind == LoginKind.Webmail ? link.Target : null,
                link.Kind == LoginKind.Cpanel ? link.Target : null,
                link.ServerName,
                correlationId),
            ApiJsonContext.Default.SessionResponse);

    [LoggerMessage(1, LogLevel.Information, "Answered {Status} {ProblemType} for {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, int status, string problemType, string correlationId);
}
