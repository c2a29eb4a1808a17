using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>Routes a request on the cPanel, WHM or Webmail listener, applies injected faults, and logs it redacted.</summary>
internal sealed partial class EmulatorRequestHandler(
    Authenticator authenticator,
    UapiSessionEndpoint uapi,
    WhmSessionEndpoint whm,
    LoginEndpoint login,
    FaultInjector faults,
    RequestLog log,
    TimeProvider timeProvider,
    Func<bool> passwordFailureAsLoginPage)
{
    private const string LoginFunction = "login";

    public async Task HandleAsync(HttpContext context, Listener listener)
    {
        var started = timeProvider.GetUtcNow();
        var route = Route.Parse(listener, context.Request.Path.Value ?? "/") with { Listener = listener };
        string? user = null;
        var aborted = false;
        // The answer is held until the request is logged: a client that has its answer finds the request in the log, so a
        // test (or a tool) can count requests right after a call instead of waiting for the server to catch up.
        var wire = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            if (route.Function is { } function && await ApplyFaultsAsync(context, route, function))
            {
                aborted = context.RequestAborted.IsCancellationRequested;
                return;
            }

            user = await DispatchAsync(context, listener, route);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Oversized or malformed bodies: the status Kestrel chose (413, 400), as a web server answers.
            await Pages.WriteStatusPageAsync(context, ex.StatusCode, ex.StatusCode == 413 ? "413 Request Entity Too Large" : "400 Bad Request");
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // Form limits (too many or too long values).
            await Pages.WriteStatusPageAsync(context, StatusCodes.Status413PayloadTooLarge, "413 Request Entity Too Large");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }
        finally
        {
            log.Add(new RequestLogEntry(
                started, listener.ToString().ToLowerInvariant(), context.Request.Method,
                RequestLog.Redact(context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? ""),
                route.Function, user, aborted ? 0 : context.Response.StatusCode)
            {
                Referer = RequestLog.RedactUrl(context.Request.Headers.Referer.ToString()),
            });
            context.Response.Body = wire;
            await SendHeldAsync(context, held, wire, aborted);
        }
    }

    private static async Task SendHeldAsync(HttpContext context, MemoryStream held, Stream wire, bool aborted)
    {
        if (aborted || held.Length == 0 || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        held.Position = 0;
        try
        {
            await held.CopyToAsync(wire, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while the answer was being sent: nothing more to do (it was logged as answered).
        }
    }

    private async Task<string?> DispatchAsync(HttpContext context, Listener listener, Route route)
    {
        switch (route.Kind)
        {
            case RouteKind.Uapi:
            case RouteKind.Whm:
                {
                    var (caller, failure) = authenticator.Authenticate(context.Request, listener);
                    if (caller is null)
                    {
                        await WriteAuthFailureAsync(context, listener, failure);
                        return null;
                    }

                    if (route.Kind == RouteKind.Uapi)
                    {
                        await uapi.HandleAsync(context, caller, route.Module!, route.Function!);
                    }
                    else
                    {
                        await whm.HandleAsync(context, caller, route.Function!);
                    }

                    return caller.User;
                }

            case RouteKind.SessionUapi:
                {
                    var loggedIn = login.FindLoggedIn(context.Request, listener);
                    var account = loggedIn is null ? null : authenticator.FindActiveAccount(loggedIn.Minted.User);
                    if (account is null)
                    {
                        await Pages.WriteLoginPageAsync(context, listener, StatusCodes.Status401Unauthorized);
                        return null;
                    }

                    if (!string.Equals(loggedIn!.Minted.SecurityToken, route.SecurityToken, StringComparison.Ordinal))
                    {
                        await Pages.WriteTokenDeniedAsync(context);
                        return null;
                    }

                    await uapi.HandleAsync(context, new Caller(account.User, AuthMethod.Session, account, null, loggedIn), route.Module!, route.Function!);
                    return account.User;
                }

            case RouteKind.Login:
                return await login.LoginAsync(context, listener, route.SecurityToken!);

            case RouteKind.SessionPage:
                return await login.ShowPageAsync(context, listener, route.SecurityToken!, route.Rest ?? "");

            case RouteKind.Root:
                await Pages.WriteLoginPageAsync(context, listener, StatusCodes.Status200OK);
                return null;

            default:
                if (listener == Listener.Cpanel && Authenticator.HasTokenAuthorization(context.Request))
                {
                    await Pages.WriteTextAsync(context, StatusCodes.Status403Forbidden, Internal.CpanelText.TokenPathRestriction);
                    return null;
                }

                // A live session cookie on a path without its /cpsessN prefix: the security token is missing.
                if (listener != Listener.Admin && login.FindLoggedIn(context.Request, listener) is not null)
                {
                    await Pages.WriteTokenDeniedAsync(context);
                    return null;
                }

                await Pages.WriteNotFoundAsync(context);
                return null;
        }
    }

    private Task WriteAuthFailureAsync(HttpContext context, Listener listener, AuthFailure failure)
    {
        if (failure == AuthFailure.Token)
        {
            return Pages.WriteAccessDeniedAsync(context, StatusCodes.Status403Forbidden);
        }

        if (listener == Listener.Whm)
        {
            // Captured from WHM's /json-api/: a refused password, or no credentials, is 403 with the cpanelresult body as text/plain.
            return Pages.WriteAccessDeniedAsync(context, StatusCodes.Status403Forbidden, "text/plain; charset=\"utf-8\"");
        }

        if (passwordFailureAsLoginPage())
        {
            // Some servers (and cPHulk blocks) answer a refused password with the login page and HTTP 200.
            return Pages.WriteLoginPageAsync(context, Listener.Cpanel, StatusCodes.Status200OK);
        }

        context.Response.Headers.WWWAuthenticate = "Basic realm=\"cPanel\"";
        return Pages.WriteAccessDeniedAsync(context, StatusCodes.Status401Unauthorized);
    }

    /// <summary>Applies the faults for <paramref name="function"/>; true when one of them answered (or dropped) the request.</summary>
    private async Task<bool> ApplyFaultsAsync(HttpContext context, Route route, string function)
    {
        var rules = faults.Take(function);
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case FaultKind.Latency:
                    // On the emulator's clock (the system's unless CpanelEmulatorOptions.TimeProvider says otherwise), so a test
                    // on a fake clock decides when the answer comes; a client that gives up aborts the request and ends the wait.
                    await Task.Delay(rule.Delay, timeProvider, context.RequestAborted);
                    break;
                case FaultKind.Http500:
                    await Pages.WriteStatusPageAsync(context, StatusCodes.Status500InternalServerError, "500 Internal Server Error");
                    return true;
                case FaultKind.Http503 or FaultKind.Http429:
                    if (rule.RetryAfterSeconds is { } seconds)
                    {
                        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await (rule.Kind == FaultKind.Http503
                        ? Pages.WriteStatusPageAsync(context, StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable")
                        : Pages.WriteStatusPageAsync(context, StatusCodes.Status429TooManyRequests, "429 Too Many Requests"));
                    return true;
                case FaultKind.ConnectionReset:
                    context.Abort();
                    return true;
                case FaultKind.MalformedJson:
                    await Pages.WriteTextAsync(context, StatusCodes.Status200OK,
                        $$"""{"apiversion":3,"func":"{{function}}","module":"Session","result":{"data":{"hostname":null,"sess""",
                        "application/json; charset=utf-8");
                    return true;
                case FaultKind.HtmlLoginPage:
                    await Pages.WriteLoginPageAsync(context, Listener.Cpanel, StatusCodes.Status200OK);
                    return true;
                case FaultKind.RedirectOffOrigin or FaultKind.RedirectLoop:
                    var service = LoginEndpoint.ServiceOf(route.Listener);
                    context.Response.Headers.SetCookie = $"{LoginEndpoint.CookieName(service)}={Internal.CpanelText.NewUnauthenticatedSessionName()}; HttpOnly; path=/; secure";
                    var location = rule.Kind == FaultKind.RedirectLoop ? context.Request.Path.Value ?? "/" : "https://elsewhere.invalid/";
                    context.Response.Headers.Location = location;
                    await Pages.WriteMetaRefreshAsync(context, StatusCodes.Status307TemporaryRedirect, location);
                    return true;
                case FaultKind.RequestFailed:
                    var error = Internal.CpanelText.RequestFailed(Internal.CpanelText.NewErrorId());
                    await (route.Kind == RouteKind.Whm
                        ? Pages.WriteWhmFailureAsync(context, function, error)
                        : Pages.WriteUapiErrorAsync(context, route.Module ?? UapiSessionEndpoint.Module, function, error));
                    return true;
            }
        }

        return false;
    }

    private enum RouteKind
    {
        Unknown,
        Root,
        Uapi,
        Whm,
        SessionUapi,
        Login,
        SessionPage,
    }

    private readonly record struct Route(
        RouteKind Kind, string? SecurityToken = null, string? Module = null, string? Function = null, string? Rest = null)
    {
        public Listener Listener { get; init; }

        public static Route Parse(Listener listener, string path)
        {
            if (path is "/" or "" or "/login" or "/login/")
            {
                return new Route(RouteKind.Root);
            }

            if (listener == Listener.Cpanel && UapiPath().Match(path) is { Success: true } uapi)
            {
                return new Route(RouteKind.Uapi, Module: uapi.Groups[1].Value, Function: uapi.Groups[2].Value);
            }

            if (listener == Listener.Whm && WhmPath().Match(path) is { Success: true } whm)
            {
                return new Route(RouteKind.Whm, Function: whm.Groups[1].Value);
            }

            var session = SessionPath().Match(path);
            if (!session.Success)
            {
                return new Route(RouteKind.Unknown);
            }

            var token = session.Groups[1].Value;
            var rest = session.Groups[2].Value;
            if (rest is "/login" or "/login/")
            {
                return new Route(RouteKind.Login, token, Function: LoginFunction);
            }

            if (listener == Listener.Cpanel && UapiPath().Match(rest) is { Success: true } sessionUapi)
            {
                return new Route(RouteKind.SessionUapi, token, sessionUapi.Groups[1].Value, sessionUapi.Groups[2].Value);
            }

            return new Route(RouteKind.SessionPage, token, Rest: rest);
        }
    }

    [GeneratedRegex(@"^/execute/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)/?$")]
    private static partial Regex UapiPath();

    [GeneratedRegex(@"^/json-api/([A-Za-z0-9_]+)/?$")]
    private static partial Regex WhmPath();

    [GeneratedRegex(@"^(/cpsess[0-9]{10})(/.*)?$")]
    private static partial Regex SessionPath();
}
