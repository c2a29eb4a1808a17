using System.Globalization;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>
/// The login a browser (or a deploy check) performs with a minted session: <c>POST &lt;token&gt;/login</c> with
/// <c>session=...</c>, or <c>GET &lt;token&gt;/login/?session=...</c>, as captured from real servers: success is
/// <c>307 Moved</c> with a relative <c>Location</c>, a META-refresh body, no-cache headers and the session cookie on the
/// 307 itself; failure is <c>401 Access Denied</c> with the login page and a cookie for a new, unauthenticated session.
/// </summary>
internal sealed partial class LoginEndpoint(
    EmulatorDirectory directory, SessionStore sessions, Func<int> failureStatusCode, Func<LoginRedirectTarget> redirectTarget,
    Func<EmulatedSessionService, int> portOf)
{
    private const string NoCache = "no-cache, no-store, must-revalidate, private";

    public static string CookieName(EmulatedSessionService service) => service switch
    {
        EmulatedSessionService.Webmail => "webmailsession",
        EmulatedSessionService.Whm => "whostmgrsession",
        _ => "cpsession",
    };

    public static EmulatedSessionService ServiceOf(Listener listener) => listener switch
    {
        Listener.Webmail => EmulatedSessionService.Webmail,
        Listener.Whm => EmulatedSessionService.Whm,
        _ => EmulatedSessionService.Cpanel,
    };

    public async Task<string?> LoginAsync(HttpContext context, Listener listener, string securityToken)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request);
        var secret = parameters.Get("session");
        var service = ServiceOf(listener);
        var session = string.IsNullOrEmpty(secret) ? null : sessions.Redeem(secret, service, securityToken);
        if (session is null || !StillAllowed(session))
        {
            await WriteLoginFailureAsync(context, listener);
            return null;
        }

        var landing = LandingPath(service, parameters.Get("goto_uri"));
        var loggedIn = sessions.LogIn(session, landing, context.Request.Host.Host);
        context.Response.Headers.SetCookie =
            $"{CookieName(service)}={loggedIn.CookieValue}; HttpOnly; path=/; port={portOf(service).ToString(CultureInfo.InvariantCulture)}; secure";
        var target = redirectTarget() == LoginRedirectTarget.SessionRoot ? "/" : landing;
        await WriteMovedAsync(context, securityToken + target);
        return session.User;
    }

    /// <summary>A page under <c>/cpsessN/</c>: with the session's cookie and its own token, the theme page (which does not name
    /// the user); <c>/cpsessN/</c> itself redirects on to the theme page for cPanel and Webmail (WHM lands there).</summary>
    public async Task<string?> ShowPageAsync(HttpContext context, Listener listener, string securityToken, string rest)
    {
        var loggedIn = FindLoggedIn(context.Request, listener);
        if (loggedIn is null)
        {
            await WriteLoginFailureAsync(context, listener);
            return null;
        }

        if (!string.Equals(loggedIn.Minted.SecurityToken, securityToken, StringComparison.Ordinal))
        {
            await Pages.WriteTokenDeniedAsync(context);
            return null;
        }

        if (rest is "" or "/" && loggedIn.LandingPath != "/")
        {
            await WriteMovedAsync(context, securityToken + loggedIn.LandingPath);
            return loggedIn.Minted.User;
        }

        await Pages.WriteThemePageAsync(context, listener);
        return loggedIn.Minted.User;
    }

    /// <summary>The live logged-in session whose cookie the request carries on this listener, whatever the token in its path.</summary>
    public LoggedInSession? FindLoggedIn(HttpRequest request, Listener listener)
    {
        var service = ServiceOf(listener);
        var cookie = ReadRawCookie(request, CookieName(service));
        var session = cookie is null ? null : sessions.FindLoggedIn(cookie, service);
        return session is not null && string.Equals(session.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) ? session : null;
    }

    /// <summary>The login page with the configured status; with 401 (as captured) also a cookie for a new unauthenticated
    /// session, which logs nobody in. The 200 variant (field reports) is the plain page.</summary>
    public Task WriteLoginFailureAsync(HttpContext context, Listener listener)
    {
        var status = failureStatusCode();
        if (status == StatusCodes.Status401Unauthorized)
        {
            var service = ServiceOf(listener);
            context.Response.Headers.SetCookie =
                $"{CookieName(service)}={CpanelText.NewUnauthenticatedSessionName()}; HttpOnly; path=/; port={portOf(service).ToString(CultureInfo.InvariantCulture)}; secure";
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = "Access Denied";
        }

        return Pages.WriteLoginPageAsync(context, listener, status);
    }

    private static Task WriteMovedAsync(HttpContext context, string location)
    {
        context.Response.Headers.CacheControl = NoCache;
        context.Response.Headers.Location = location;
        context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = "Moved";
        return Pages.WriteMetaRefreshAsync(context, StatusCodes.Status307TemporaryRedirect, location);
    }

    /// <summary>Where a login lands, under the token: WHM <c>/</c>; cPanel and Webmail their jupiter theme page. A WHM url's
    /// <c>goto_uri</c> (a theme-known app) lands on that page instead.</summary>
    private static string LandingPath(EmulatedSessionService service, string? gotoUri)
    {
        if (gotoUri is { Length: > 0 } && SafeRelativePath().IsMatch(gotoUri) && !gotoUri.Contains("..", StringComparison.Ordinal))
        {
            return "/" + gotoUri;
        }

        return service switch
        {
            EmulatedSessionService.Whm => "/",
            EmulatedSessionService.Webmail => "/webmail/jupiter/index.html?login=1&post_login=" + CpanelText.NewPostLogin(),
            _ => "/frontend/jupiter/index.html?post_login=" + CpanelText.NewPostLogin(),
        };
    }

    // A session minted before a suspension must not open the mailbox after it.
    private bool StillAllowed(IssuedSession session)
    {
        if (session.Mailbox is { } address)
        {
            return directory.TryFindMailbox(address, out var owner, out var mailbox) && !owner.Suspended && !mailbox.SuspendedLogin;
        }

        return directory.FindAccount(session.User) is not { Suspended: true };
    }

    // The cookie value is URI-encoded by the server; compare it exactly as sent rather than decoded.
    private static string? ReadRawCookie(HttpRequest request, string name)
    {
        foreach (var header in request.Headers[HeaderNames.Cookie])
        {
            foreach (var part in (header ?? "").Split(';'))
            {
                var pair = part.Trim();
                if (pair.Length > name.Length && pair.StartsWith(name, StringComparison.Ordinal) && pair[name.Length] == '=')
                {
                    return pair[(name.Length + 1)..];
                }
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,200}$")]
    private static partial Regex SafeRelativePath();
}
