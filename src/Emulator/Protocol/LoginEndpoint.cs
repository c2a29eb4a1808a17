using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>
/// The login a browser (or a deploy check) performs with a minted session: <c>POST &lt;token&gt;/login</c> with
/// <c>session=...</c>, or <c>GET &lt;token&gt;/login/?session=...</c>. Success is a 307 carrying the session cookie.
/// </summary>
internal sealed class LoginEndpoint(EmulatorDirectory directory, SessionStore sessions, Func<int> failureStatusCode)
{
    public static string CookieName(SessionService service) => service switch
    {
        SessionService.Webmail => "webmailsession",
        SessionService.Whm => "whostmgrsession",
        _ => "cpsession",
    };

    public static SessionService ServiceOf(Listener listener) => listener switch
    {
        Listener.Webmail => SessionService.Webmail,
        Listener.Whm => SessionService.Whm,
        _ => SessionService.Cpanel,
    };

    public async Task<string?> LoginAsync(HttpContext context, Listener listener, string securityToken)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request);
        var secret = parameters.Get("session");
        var service = ServiceOf(listener);
        var session = string.IsNullOrEmpty(secret) ? null : sessions.Redeem(secret, service, securityToken);
        if (session is null || !StillAllowed(session))
        {
            await Pages.WriteLoginPageAsync(context, listener, failureStatusCode());
            return null;
        }

        var loggedIn = sessions.LogIn(session);
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = securityToken + "/";
        context.Response.Headers.SetCookie = $"{CookieName(service)}={loggedIn.CookieValue}; HttpOnly; path=/; secure";
        context.Response.ContentLength = 0;
        return session.User;
    }

    /// <summary>The page behind a logged-in session: it names whose it is, so a check can confirm the right mailbox opened.</summary>
    public async Task<string?> ShowPageAsync(HttpContext context, Listener listener, string securityToken)
    {
        var loggedIn = FindLoggedIn(context.Request, listener, securityToken);
        if (loggedIn is null)
        {
            await Pages.WriteLoginPageAsync(context, listener, failureStatusCode());
            return null;
        }

        await Pages.WriteLoggedInPageAsync(context, listener, loggedIn.Minted);
        return loggedIn.Minted.User;
    }

    public LoggedInSession? FindLoggedIn(HttpRequest request, Listener listener, string securityToken)
    {
        var service = ServiceOf(listener);
        var cookie = ReadRawCookie(request, CookieName(service));
        return cookie is null ? null : sessions.FindLoggedIn(cookie, service, securityToken);
    }

    // A session minted before a suspension must not open the mailbox after it.
    private bool StillAllowed(MintedSession session)
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
}
