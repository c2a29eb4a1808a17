using System.Net;
using System.Text.Json;

namespace CpanelSessionOps.Action;

/// <summary>
/// Asks the Actions runtime for the job's OIDC token as actions/toolkit's <c>getIDToken</c> does
/// (packages/core/src/oidc-utils.ts): GET <c>ACTIONS_ID_TOKEN_REQUEST_URL</c> with <c>&amp;audience=</c>, bearer
/// <c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>, up to 10 retries on 502, 503 and 504 with the http-client's backoff
/// (5 ms × 2^min(attempt, 10)), and the token masked before anything else is printed.
/// </summary>
internal sealed class GitHubOidcToken(string requestUrl, string requestToken, string audience, Action<string> mask, TimeProvider? timeProvider = null,
    HttpMessageHandler? handler = null)
{
    /// <summary>The audience Entra ID expects for a federated credential (the default of azure/login).</summary>
    public const string DefaultAudience = "api://AzureADTokenExchange";

    public const int MaxRetries = 10;

    private static readonly HttpStatusCode[] RetryCodes = [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Fetches the token.</summary>
    /// <exception cref="InvalidOperationException">The runtime refused or kept failing; the message names the status and
    /// the <c>id-token: write</c> permission, never the request token.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(30);
        var url = requestUrl + (requestUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "audience=" + Uri.EscapeDataString(audience);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", requestToken);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                if (body.RootElement.TryGetProperty("value", out var value) && value.GetString() is { Length: > 0 } token)
                {
                    mask(token);
                    return token;
                }

                throw new InvalidOperationException("GitHub's OIDC token response had no value.");
            }

            if (attempt >= MaxRetries || !RetryCodes.Contains(response.StatusCode))
            {
                throw new InvalidOperationException(
                    $"Failed to get GitHub's OIDC token: HTTP {(int)response.StatusCode} after {attempt + 1} attempts; the job needs `permissions: id-token: write`.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 * Math.Pow(2, Math.Min(attempt + 1, 10))), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
