namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>
/// Puts the credential (and a login's session cookie) on the request at the last moment, inside the primary
/// handler: the HTTP client factory's logging handlers wrap it and record request headers in their structured state
/// unredacted, so they must never see these headers.
/// </summary>
internal sealed class CredentialHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<CpanelCredential> CredentialKey = new("CpanelSessionOps.Credential");

    public static readonly HttpRequestOptionsKey<SensitiveString> CookieKey = new("CpanelSessionOps.Cookie");

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
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
