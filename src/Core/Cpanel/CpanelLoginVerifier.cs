using CpanelSessionOps.Cpanel.Internal;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// Logs in with a minted session the way a browser does and judges where it ends. The login answers <c>307</c> with the
/// session cookie on the 307 itself; the check then follows same-origin redirects (at most five) with that cookie, always
/// on the login's own scheme, host and port, and succeeds on a 2xx HTML page under the session's <c>/cpsessN/</c> prefix
/// that is not the login page. It never looks for the user's name: nothing says a theme page shows it. Uses the session
/// (it logs in once). Deploy checks and health probes use this.
/// </summary>
public sealed class CpanelLoginVerifier
{
    /// <summary>The most redirects a check follows after the login.</summary>
    public const int MaxRedirects = 5;

    private readonly CpanelHttpClients _httpClients;
    private readonly ILogger<CpanelLoginVerifier> _logger;
    private readonly TimeProvider _timeProvider;

    internal CpanelLoginVerifier(CpanelHttpClients httpClients, ILogger<CpanelLoginVerifier> logger, TimeProvider timeProvider)
    {
        _httpClients = httpClients;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Logs in with <paramref name="session"/> where a user would (its link or form target) and follows it to the page it opens.</summary>
    /// <param name="session">A session minted by <see cref="CpanelClient"/>, not used yet.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The outcome; failures are results, not exceptions, so a report can list them.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<LoginCheckResult> VerifyAsync(MintedSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var http = _httpClients.CreateLoginClient(session.Server);
        var started = _timeProvider.GetTimestamp();
        var hops = new List<LoginHop>();
        LoginCheckResult Finish(LoginCheckFailure? failure, string detail)
        {
            var total = _timeProvider.GetElapsedTime(started);
            var login = hops.Count > 0 ? hops[0].Duration : total;
            TimeSpan? pages = hops.Count > 1 ? hops.Skip(1).Aggregate(TimeSpan.Zero, (sum, h) => sum + h.Duration) : null;
            var result = new LoginCheckResult(failure is null, failure, detail, hops.Count > 0 ? hops[0].StatusCode : null, login, pages, total)
            {
                Hops = [.. hops],
            };
            CpanelLog.LoginChecked(_logger, session.Service, session.User, session.ServerName, failure?.ToString() ?? "succeeded",
                (long)total.TotalMilliseconds);
            return result;
        }

        try
        {
            // WHM sessions log in with their url (GET); UAPI sessions with the documented form POST. Either way the check
            // stays on that first request's origin: WHM's url may name its IP or another domain rather than the host called.
            var uapi = session.Function != "create_user_session";
            var current = uapi ? session.LoginFormTarget : new Uri(session.LoginLink.Reveal());
            var origin = current.GetLeftPart(UriPartial.Authority);
            var prefix = session.SecurityToken + "/";
            // Details are for people and reports: the security token is left out of them (it is in Hops for diagnosis).
            string Shown(Uri uri) => uri.AbsolutePath.Replace(session.SecurityToken, "/<token>", StringComparison.Ordinal);
            string? cookie = null;
            using var login = uapi
                ? new HttpRequestMessage(HttpMethod.Post, current)
                {
                    Content = new StringContent(session.LoginFormBody.Reveal(), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
                }
                : new HttpRequestMessage(HttpMethod.Get, current);
            var request = login;
            for (var hop = 0; ; hop++)
            {
                var hopStarted = _timeProvider.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                hops.Add(new LoginHop(request.Method.Method, current.AbsolutePath, status, _timeProvider.GetElapsedTime(hopStarted)));
                if (!ReferenceEquals(request, login))
                {
                    request.Dispose();
                }

                var isHtml = response.Content.Headers.ContentType?.MediaType is "text/html";
                if (status == 401 || (isHtml && CpanelResponseReader.IsLoginPage(body)))
                {
                    // A failed login also sets a cookie, for a new unauthenticated session: the cookie alone proves nothing.
                    return Finish(LoginCheckFailure.LoginRefused, hop == 0
                        ? $"the login answered HTTP {status} with the login page: the session was refused (expired, already used, or unknown)."
                        : $"after {hop} redirect(s) the server answered HTTP {status} with the login page at {Shown(current)}: the session did not hold.");
                }

                // The session's cookie is on the 307 itself; a later answer may renew it.
                cookie = SessionCookie(response, session.Service) ?? cookie;
                if (status is >= 300 and < 400)
                {
                    if (response.Headers.Location is not { } location)
                    {
                        return Finish(LoginCheckFailure.WrongPage, $"HTTP {status} at {Shown(current)} without a Location.");
                    }

                    if (cookie is null)
                    {
                        return Finish(LoginCheckFailure.NoSessionCookie, $"the login redirected without a {CookieName(session.Service)} cookie.");
                    }

                    if (hop == MaxRedirects)
                    {
                        return Finish(LoginCheckFailure.TooManyRedirects, $"more than {MaxRedirects} redirects after the login; stopped at {Shown(current)}.");
                    }

                    var next = new Uri(current, location);
                    if (!string.Equals(next.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
                    {
                        // Carrying the cookie to another origin would hand the session to it.
                        return Finish(LoginCheckFailure.OffOrigin,
                            $"a redirect pointed away from {origin} to {next.GetLeftPart(UriPartial.Authority)}; not followed with the session cookie.");
                    }

                    current = next;
                    request = new HttpRequestMessage(HttpMethod.Get, current);
                    request.Options.Set(CredentialHandler.CookieKey, new SensitiveString(cookie));
                    continue;
                }

                if (status is >= 200 and < 300 && isHtml && hop > 0 && cookie is not null &&
                    current.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return Finish(null, $"logged in: HTTP {status} at {Shown(current)} after {hop} redirect(s).");
                }

                return Finish(LoginCheckFailure.WrongPage, hop == 0
                    ? $"the login answered HTTP {status} instead of a redirect: not a logged-in page."
                    : $"the chain ended at {Shown(current)} with HTTP {status}{(isHtml ? "" : " (not HTML)")}: not a logged-in page under the session's token.");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var mapped = CpanelResponseReader.MapException(session.Server, "login", ex, cancellationToken);
            var failure = mapped is CpanelTransportException { Failure: CpanelTransportFailure.Timeout } ? LoginCheckFailure.Timeout : LoginCheckFailure.Transport;
            return Finish(failure, mapped?.Message ?? "the login request failed.");
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
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }

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
