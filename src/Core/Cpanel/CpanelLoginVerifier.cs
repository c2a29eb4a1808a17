using System.Net;
using CpanelSessionOps.Cpanel.Internal;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Cpanel;

/// <summary>Why a login check failed.</summary>
public enum LoginCheckFailure
{
    /// <summary>The server answered the login without a 307 redirect: it refused the session (expired, used, unknown).</summary>
    LoginRefused,

    /// <summary>The 307 carried no session cookie.</summary>
    NoSessionCookie,

    /// <summary>The page behind the login did not open with the cookie.</summary>
    PageRefused,

    /// <summary>The page opened, but for someone other than the expected user.</summary>
    WrongUser,

    /// <summary>No answer: connection, TLS or timeout.</summary>
    Transport,
}

/// <summary>What a login check found, with timings. Carries no secret.</summary>
/// <param name="Succeeded">Whether the login worked and opened the expected user's page.</param>
/// <param name="Failure">Why not, when it did not.</param>
/// <param name="Detail">A sentence for people, without secrets.</param>
/// <param name="LoginStatusCode">The HTTP status of the login request, when one came.</param>
/// <param name="LoginDuration">Time for the login request.</param>
/// <param name="PageDuration">Time for the page request, when it was made.</param>
/// <param name="TotalDuration">Time for the whole check.</param>
public sealed record LoginCheckResult(
    bool Succeeded, LoginCheckFailure? Failure, string Detail, int? LoginStatusCode, TimeSpan LoginDuration, TimeSpan? PageDuration, TimeSpan TotalDuration);

/// <summary>
/// Logs in with a minted session the way a browser does, without following the redirect blindly: the session cookie
/// is on the 307 itself. Then opens the page behind it and checks that it names the expected user. Uses the session
/// (it logs in once). Deploy checks and health probes use this.
/// </summary>
public sealed class CpanelLoginVerifier
{
    private readonly CpanelHttpClients _httpClients;
    private readonly ILogger<CpanelLoginVerifier> _logger;
    private readonly TimeProvider _timeProvider;

    internal CpanelLoginVerifier(CpanelHttpClients httpClients, ILogger<CpanelLoginVerifier> logger, TimeProvider timeProvider)
    {
        _httpClients = httpClients;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Logs in with <paramref name="session"/> and checks whose page opens.</summary>
    /// <param name="session">A session minted by <see cref="CpanelClient"/>, not used yet.</param>
    /// <param name="expectedUser">Whose page must open; default <see cref="MintedSession.User"/>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The outcome; failures are results, not exceptions, so a report can list them.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<LoginCheckResult> VerifyAsync(MintedSession session, string? expectedUser = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        expectedUser ??= session.User;
        var http = _httpClients.CreateLoginClient(session.Server);
        var started = _timeProvider.GetTimestamp();
        TimeSpan loginDuration = TimeSpan.Zero;
        TimeSpan? pageDuration = null;
        int? loginStatus = null;
        LoginCheckResult Finish(LoginCheckFailure? failure, string detail)
        {
            var result = new LoginCheckResult(failure is null, failure, detail, loginStatus, loginDuration, pageDuration, _timeProvider.GetElapsedTime(started));
            CpanelLog.LoginChecked(_logger, session.Service, session.User, session.ServerName, failure?.ToString() ?? "succeeded",
                (long)result.TotalDuration.TotalMilliseconds);
            return result;
        }

        try
        {
            // WHM sessions log in with their URL as given (GET); UAPI sessions with the documented form POST.
            using var login = session.Function == "create_user_session"
                ? new HttpRequestMessage(HttpMethod.Get, session.LoginLink.Reveal())
                : new HttpRequestMessage(HttpMethod.Post, session.LoginFormTarget)
                {
                    Content = new StringContent(session.LoginFormBody.Reveal(), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
                };
            string? cookie;
            Uri? location;
            using (var response = await http.SendAsync(login, cancellationToken).ConfigureAwait(false))
            {
                loginDuration = _timeProvider.GetElapsedTime(started);
                loginStatus = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.TemporaryRedirect)
                {
                    return Finish(LoginCheckFailure.LoginRefused,
                        $"the login answered HTTP {loginStatus} instead of 307: the session was refused (expired, already used, or unknown).");
                }

                cookie = SessionCookie(response, session.Service);
                location = response.Headers.Location;
            }

            if (cookie is null)
            {
                return Finish(LoginCheckFailure.NoSessionCookie, $"the 307 carried no {CookieName(session.Service)} cookie.");
            }

            var pageUri = location is null ? new Uri(session.LoginFormTarget, session.SecurityToken + "/") : new Uri(session.LoginFormTarget, location);
            using var page = new HttpRequestMessage(HttpMethod.Get, pageUri);
            page.Options.Set(CredentialHandler.CookieKey, new SensitiveString(cookie));
            var pageStarted = _timeProvider.GetTimestamp();
            using var pageResponse = await http.SendAsync(page, cancellationToken).ConfigureAwait(false);
            var body = await pageResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            pageDuration = _timeProvider.GetElapsedTime(pageStarted);
            if (pageResponse.StatusCode != HttpStatusCode.OK)
            {
                return Finish(LoginCheckFailure.PageRefused, $"the page behind the login answered HTTP {(int)pageResponse.StatusCode}.");
            }

            if (!body.Contains(WebUtility.HtmlEncode(expectedUser), StringComparison.OrdinalIgnoreCase))
            {
                return Finish(LoginCheckFailure.WrongUser, $"the page behind the login does not name {expectedUser}.");
            }

            return Finish(null, $"logged in as {expectedUser}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var mapped = CpanelResponseReader.MapException(session.Server, "login", ex, cancellationToken);
            return Finish(LoginCheckFailure.Transport, mapped?.Message ?? "the login request failed.");
        }
    }

    private static string CookieName(SessionService service) => service switch
    {
        SessionService.Webmail => "webmailsession",
        SessionService.Whm => "whostmgrsession",
        _ => "cpsession",
    };

    private static string? SessionCookie(HttpResponseMessage response, SessionService service)
    {
        // The primary handler moved them off the response, out of the HTTP client loggers' sight.
        var cookies = CredentialHandler.SetCookies(response);
        var prefix = CookieName(service) + "=";
        foreach (var cookie in cookies)
        {
            if (cookie.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                return end < 0 ? cookie : cookie[..end];
            }
        }

        return null;
    }
}
