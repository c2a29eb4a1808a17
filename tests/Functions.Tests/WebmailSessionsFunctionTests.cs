using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Functions.Tests.Support;

namespace CpanelSessionOps.Functions.Tests;

public sealed class WebmailSessionsFunctionTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<FunctionResponse> PostAsync(string json, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var request = _host.Request("POST", "/api/webmail/sessions", json, contentType, headers);
        var result = await _host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None);
        return await FunctionsHost.ExecuteAsync(request, result);
    }

    [Fact]
    public async Task Post_ApiKeyCaller_Returns201WithTheLinkTheFormAndNoStore()
    {
        var response = await PostAsync("""{"email":"alice@example.com","locale":"de","remoteAddress":"203.0.113.5"}""",
            headers: new Dictionary<string, string> { ["X-Api-Key"] = FunctionsHost.PortalKey, ["X-Correlation-Id"] = "portal-req-42" });

        Assert.Equal(201, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("portal-req-42", response.Headers["X-Correlation-Id"].ToString());
        var body = response.Json;
        Assert.StartsWith($"https://127.0.0.1:{_host.Emulator.WebmailUri.Port}/cpsess", body.GetProperty("loginUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("POST", body.GetProperty("form").GetProperty("method").GetString());
        Assert.StartsWith("session=alice%40example.com%3a", body.GetProperty("form").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(("alice@example.com", "web1", "portal-req-42"),
            (body.GetProperty("mailbox").GetString(), body.GetProperty("server").GetString(), body.GetProperty("correlationId").GetString()));
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Post_AppServiceAuthenticatedCallerInAGrantedGroup_Returns201()
    {
        var response = await PostAsync("""{"email":"alice@example.com"}""", headers: new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("3f1c0000-0000-0000-0000-00000000aa01", "helpdesk-group"),
        });

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Post_ClientPrincipalWhenNotTrusted_IsIgnored()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Api:TrustAppServiceAuthentication"] = "false" });
        var request = host.Request("POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("forged", "helpdesk-group"),
        });

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));

        Assert.Equal(401, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Post_NoOrUnknownApiKey_Returns401Problem(string? key)
    {
        var response = await PostAsync("""{"email":"alice@example.com"}""",
            headers: key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Api-Key"] = key });

        AssertProblem(response, 401, "unauthenticated");
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Post_InvalidFields_Returns400WithPerFieldErrorsInApiNames()
    {
        var response = await PostAsync("""{"email":"alice@@example.com","locale":"EN","remoteAddress":"1.2.3"}""");

        AssertProblem(response, 400, "validation");
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("locale", out _));
        Assert.True(errors.TryGetProperty("remoteAddress", out _));
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("{\"email\":", "application/json", 400, "invalid-json")]
    [InlineData("null", "application/json", 400, "invalid-json")]
    [InlineData("[1,2]", "application/json", 400, "invalid-json")]
    [InlineData("email=alice@example.com", "application/x-www-form-urlencoded", 415, "unsupported-media-type")]
    [InlineData("{}", "text/plain", 415, "unsupported-media-type")]
    public async Task Post_MalformedBody_IsRefusedNever500(string body, string contentType, int status, string type)
    {
        var response = await PostAsync(body, contentType);

        AssertProblem(response, status, type);
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413()
    {
        var response = await PostAsync("{\"email\":\"" + new string('a', 20_000) + "@example.com\"}");

        AssertProblem(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task Post_CallerWithoutARule_Returns403SayingWhatIsMissing()
    {
        var response = await PostAsync("""{"email":"alice@example.com"}""", headers: new Dictionary<string, string> { ["X-Api-Key"] = "stranger-key" });

        AssertProblem(response, 403, "forbidden");
        Assert.Contains("name:stranger", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.net", 404, "not-managed")]
    [InlineData("nobody@example.com", 404, "not-found")]
    [InlineData("bob@example.com", 409, "suspended")]
    public async Task Post_TargetProblem_MapsToItsStatus(string email, int status, string type)
    {
        var response = await PostAsync($$"""{"email":"{{email}}"}""");

        AssertProblem(response, status, type);
    }

    [Fact]
    public async Task Post_RateLimited_Returns429WithRetryAfter()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Policy:TargetLimit"] = "1" });
        async Task<FunctionResponse> Post()
        {
            var request = host.Request("POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""");
            return await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));
        }

        Assert.Equal(201, (await Post()).Status);
        var limited = await Post();

        AssertProblem(limited, 429, "rate-limited");
        Assert.True(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
    }

    [Fact]
    public async Task Post_WhmTokenRefused_Returns502()
    {
        _host.Vault.SetSecret("web1-whm", "WRONGTOKEN0000000000000000000001");

        var response = await PostAsync("""{"email":"alice@example.com"}""");

        AssertProblem(response, 502, "cpanel-refused");
    }

    [Fact]
    public async Task Post_CpanelUnavailable_Returns503()
    {
        _host.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503 });

        var response = await PostAsync("""{"email":"alice@example.com"}""");

        AssertProblem(response, 503, "cpanel-unavailable");
    }

    [Fact]
    public async Task Post_KeyVaultDenies_Returns503()
    {
        _host.Vault.DenyAll = true;

        var response = await PostAsync("""{"email":"alice@example.com"}""");

        AssertProblem(response, 503, "credentials-unavailable");
        Assert.Contains("lacks get permission", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CpanelTooSlow_Returns504()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Cpanel:AttemptTimeout"] = "00:00:00.300", ["Cpanel:MaxRetryAttempts"] = "0" });
        host.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(3) });
        var request = host.Request("POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""");

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));

        AssertProblem(response, 504, "cpanel-timeout");
    }

    [Fact]
    public async Task Post_AnyOutcome_NeverLogsBodiesOrLinks()
    {
        var minted = await PostAsync("""{"email":"alice@example.com"}""");
        await PostAsync("""{"email":"bob@example.com"}""");
        var link = minted.Json.GetProperty("loginUrl").GetString()!;
        var session = Uri.UnescapeDataString(link[(link.IndexOf("session=", StringComparison.Ordinal) + 8)..]);

        var logged = _host.Logs.GetSnapshot().SelectMany(r => new[] { r.Message }.Concat(r.StructuredState?.Select(kv => kv.Value ?? "") ?? [])).ToList();

        Assert.DoesNotContain(logged, l => l.Contains(session, StringComparison.Ordinal) || l.Contains(FunctionsHost.PortalKey, StringComparison.Ordinal));
    }

    internal static void AssertProblem(FunctionResponse response, int status, string type)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.StartsWith("application/problem+json", response.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(response.Headers["X-Correlation-Id"].ToString()));
        var json = response.Json;
        Assert.Equal("urn:cpanel-session-ops:problem:" + type, json.GetProperty("type").GetString());
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("""{"email":"alice@example.com","email":"bob@example.com"}""")]
    [InlineData("""{"email":"mallory@example.net","EMAIL":"alice@example.com"}""")]
    [InlineData("""{"email":"alice@example.com","locale":"de","locale":"en"}""")]
    public async Task Post_DuplicateKeys_Returns400AndSendsNothing(string json)
    {
        var response = await PostAsync(json);

        Assert.Equal(400, response.Status);
        Assert.Equal("urn:cpanel-session-ops:problem:invalid-json", response.Json.GetProperty("type").GetString());
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\0")]
    public async Task Post_ServerTokenWithAControlCharacterInside_Returns503NamingTheSecretAuditedAndNever500(string inside)
    {
        _host.Vault.SetSecret("web1-whm", Emulator.Seed.DefaultSeed.RootToken[..6] + inside + Emulator.Seed.DefaultSeed.RootToken[6..]);

        var response = await PostAsync("""{"email":"alice@example.com"}""");

        Assert.Equal(503, response.Status);
        Assert.Equal("urn:cpanel-session-ops:problem:credentials-unavailable", response.Json.GetProperty("type").GetString());
        Assert.Contains("keyvault:web1-whm", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.Seed.DefaultSeed.RootToken[..6], response.Body, StringComparison.Ordinal);
        Assert.Equal("secret-misconfigured", Assert.Single(_host.Audit.Records).ErrorClass);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Post_ServerTokenSavedWithATrailingNewline_IsTrimmedAndMints()
    {
        _host.Vault.SetSecret("web1-whm", Emulator.Seed.DefaultSeed.RootToken + "\n");

        var response = await PostAsync("""{"email":"alice@example.com"}""");

        Assert.Equal(201, response.Status);
    }
}
