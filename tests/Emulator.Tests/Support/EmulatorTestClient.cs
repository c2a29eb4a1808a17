using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Tests.Support;

/// <summary>An HTTP body with its status, parsed as JSON when it is JSON.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string Body, HttpResponseMessage Message)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Result => Json.GetProperty("result");

    public IReadOnlyList<string> Errors => Result.GetProperty("errors") is { ValueKind: JsonValueKind.Array } errors
        ? [.. errors.EnumerateArray().Select(e => e.GetString()!)]
        : [];
}

/// <summary>
/// Talks to an emulator the way a client on another machine would: HTTPS over loopback, trusting only the
/// emulator's pinned certificate, no redirects followed, no cookie jar.
/// </summary>
internal sealed class EmulatorTestClient : IDisposable
{
    private readonly CpanelEmulator _emulator;

    public EmulatorTestClient(CpanelEmulator emulator, TimeSpan? timeout = null)
    {
        _emulator = emulator;
        var pinned = emulator.CertificateSha256;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == pinned,
            },
        };
        Http = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(20) };
    }

    public HttpClient Http { get; }

    public static AuthenticationHeaderValue CpanelToken(string user, string token) => new("cpanel", $"{user}:{token}");

    public static AuthenticationHeaderValue WhmToken(string user, string token) => new("whm", $"{user}:{token}");

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public Task<ApiResponse> UapiAsync(
        string function, string query, AuthenticationHeaderValue? auth, IDictionary<string, string>? form = null,
        string module = "Session", IDictionary<string, string>? headers = null)
    {
        var uri = new Uri(_emulator.CpanelUri, $"execute/{module}/{function}" + (query.Length > 0 ? "?" + query : ""));
        return SendAsync(form is null ? HttpMethod.Get : HttpMethod.Post, uri, auth, form, headers);
    }

    public Task<ApiResponse> WhmAsync(string function, string query, AuthenticationHeaderValue? auth) =>
        SendAsync(HttpMethod.Get, new Uri(_emulator.WhmUri, $"json-api/{function}?{query}"), auth, null, null);

    public async Task<ApiResponse> SendAsync(
        HttpMethod method, Uri uri, AuthenticationHeaderValue? auth, IDictionary<string, string>? form,
        IDictionary<string, string>? headers, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = auth;
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await Http.SendAsync(request);
        return new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Mints a webmail session for a mailbox with the demo account's token and returns (session, token).</summary>
    public async Task<(string Session, string Token)> MintForMailboxAsync(string login, string domain)
    {
        var response = await UapiAsync("create_webmail_session_for_mail_user", $"login={login}&domain={domain}",
            CpanelToken(DefaultSeed.DemoUser, DefaultSeed.DemoToken));
        var data = response.Result.GetProperty("data");
        return (data.GetProperty("session").GetString()!, data.GetProperty("token").GetString()!);
    }

    /// <summary><c>POST &lt;token&gt;/login</c> with <c>session=...</c> on a listener.</summary>
    public Task<ApiResponse> PostLoginAsync(Uri listener, string token, string session) =>
        SendAsync(HttpMethod.Post, new Uri(listener, token + "/login"), null, new Dictionary<string, string> { ["session"] = session }, null);

    public void Dispose() => Http.Dispose();
}
