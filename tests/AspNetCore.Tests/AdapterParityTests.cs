using System.Text.RegularExpressions;
using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>
/// The Functions triggers are adapters over the plugin's handlers: for the same requests, over real HTTP, both answer the
/// same status, the same headers and the same body. Only what is minted fresh each time (session strings, security
/// tokens, expiry, the launch page's nonce) and what the web server adds (Date, Server) may differ.
/// </summary>
public sealed partial class AdapterParityTests : IAsyncLifetime
{
    private CpanelEmulator _emulator = null!;
    private ApiHostUnderTest _plugin = null!;
    private ApiHostUnderTest _functions = null!;

    public static TheoryData<string, string, string?, string, string> Requests => new()
    {
        // method, path, body, content type, headers (name=value;...)
        { "POST", "/api/webmail/sessions", """{"email":"alice@example.com","locale":"de"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", "application/json", "" },
        { "POST", "/api/webmail/sessions", """{"email":"alice@@example.com","locale":"EN"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", "{\"email\":", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", "{}", "text/plain", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", "{\"email\":\"" + new string('a', 20_000) + "\"}", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", "application/json", "X-Api-Key=" + TestSettings.StrangerKey },
        { "POST", "/api/webmail/sessions", """{"email":"alice@example.net"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", """{"email":"nobody@example.com"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/webmail/sessions", """{"email":"bob@example.com"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/cpanel/sessions", """{"user":"demo"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "POST", "/api/cpanel/sessions", """{"user":"other"}""", "application/json", "X-Api-Key=" + TestSettings.PortalKey },
        { "GET", "/api/webmail/launch?email=alice%40example.com", null, "", "X-MS-CLIENT-PRINCIPAL=" + ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup) },
        { "GET", "/api/webmail/launch?email=alice%40example.com&mode=redirect", null, "", "X-MS-CLIENT-PRINCIPAL=" + ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup) },
        { "GET", "/api/webmail/launch?email=alice%40example.com&mode=x", null, "", "X-MS-CLIENT-PRINCIPAL=" + ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup) },
        { "GET", "/api/webmail/launch?email=alice%40example.com", null, "", "X-Api-Key=" + TestSettings.PortalKey },
        { "GET", "/api/health", null, "", "" },
        { "GET", "/api/health/details", null, "", "X-Api-Key=" + TestSettings.PortalKey },
    };

    public async Task InitializeAsync()
    {
        _emulator = await CpanelEmulator.StartAsync();
        _plugin = await ApiHostUnderTest.StartAsync(HostKind.Plugin, _emulator, HostFixture.SharedOverrides);
        _functions = await ApiHostUnderTest.StartAsync(HostKind.Functions, _emulator, HostFixture.SharedOverrides);
    }

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        await _functions.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task SameRequest_PluginAndFunctionsAdapter_AnswerTheSame(string method, string path, string? body, string contentType, string headers)
    {
        var sent = headers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.Split('=', 2))
            .ToDictionary(h => h[0], h => h[1]);
        sent["X-Correlation-Id"] = "parity-1";

        var plugin = await ApiResponse.SendAsync(_plugin.Client, method, path, body, contentType, sent);
        var functions = await ApiResponse.SendAsync(_functions.Client, method, path, body, contentType, sent);

        Assert.Equal(plugin.Status, functions.Status);
        Assert.Equal(Headers(plugin), Headers(functions));
        Assert.Equal(Normalize(plugin.Body), Normalize(functions.Body));
        Assert.Equal("parity-1", plugin.Header("X-Correlation-Id"));
    }

    private static List<string> Headers(ApiResponse response) =>
        [.. response.Headers.Where(h => h.Key is not ("Date" or "Server" or "Transfer-Encoding" or "Content-Length"))
            .Select(h => h.Key.ToLowerInvariant() + ": " + Normalize(h.Value)).Order(StringComparer.Ordinal)];

    // What is fresh for each request: session strings, security tokens, expiry, nonces, probe times and latencies (the
    // content length follows from them and the body is compared).
    private static string Normalize(string text)
    {
        text = SessionString().Replace(text, "SESSION");
        text = SecurityToken().Replace(text, "/cpsessN");
        text = ExpiresAt().Replace(text, "\"expiresAt\":\"T\"");
        text = Nonce().Replace(text, "nonce-N");
        text = NonceAttribute().Replace(text, "nonce=\"N\"");
        text = CheckedAt().Replace(text, "\"checkedAt\":\"T\"");
        text = Latency().Replace(text, "\"latencyMs\":N");
        return text;
    }

    [GeneratedRegex(@"[a-z0-9.@%]+(?::|%3a|%3A)[A-Za-z0-9_]{16}(?::|%3a|%3A)[A-Za-z_]+(?:,|%2c|%2C)[0-9a-f]{32}")]
    private static partial Regex SessionString();

    [GeneratedRegex(@"/cpsess[0-9]{10}")]
    private static partial Regex SecurityToken();

    [GeneratedRegex("\"expiresAt\":\"[^\"]*\"")]
    private static partial Regex ExpiresAt();

    [GeneratedRegex("\"checkedAt\":\"[^\"]*\"")]
    private static partial Regex CheckedAt();

    [GeneratedRegex("\"latencyMs\":[0-9]+")]
    private static partial Regex Latency();

    [GeneratedRegex(@"nonce-[A-Za-z0-9+/=]+")]
    private static partial Regex Nonce();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NonceAttribute();
}
