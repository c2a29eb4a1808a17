namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// Puts the credential (and a login's session cookie) on the request at the last moment, inside the primary
/// handler, and takes the session cookies cPanel sets off the response at the first: the HTTP client factory's logging
/// handlers wrap it and record request and response headers in their structured state unredacted (header redaction
/// covers only the message), at Trace level, so they must never see these headers.
/// </summary>
internal sealed class CredentialHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<CpanelCredential> CredentialKey = new("CpanelSessionOps.Credential");

    public static readonly HttpRequestOptionsKey<SensitiveString> CookieKey = new("CpanelSessionOps.Cookie");

    /// <summary>The response's <c>Set-Cookie</c> values, kept on its request (see <see cref="SetCookies"/>).</summary>
    private static readonly HttpRequestOptionsKey<SensitiveString[]> SetCookiesKey = new("CpanelSessionOps.SetCookies");

    /// <summary>The <c>Set-Cookie</c> values of <paramref name="response"/>, which this handler moved out of its headers.</summary>
    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.RequestMessage is { } request && request.Options.TryGetValue(SetCookiesKey, out var cookies) ? cookies.Select(c => c.Reveal()) : [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CredentialKey, out var credential))
        {
            await credential.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Options.TryGetValue(CookieKey, out var cookie))
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", cookie.Reveal());
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                request.Options.Set(SetCookiesKey, [.. cookies.Select(c => new SensitiveString(c))]);
                response.Headers.Remove("Set-Cookie");
            }

            return response;
        }
        finally
        {
            // A retry sends the same request object again: its loggers must not find the headers left behind.
            request.Headers.Authorization = null;
            request.Headers.Remove("X-CPANEL-OTP");
            request.Headers.Remove("Cookie");
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The cPanel client is asynchronous only.");
}
