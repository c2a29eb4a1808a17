using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>
/// One suite, over real HTTP, run against each way the API is hosted: the plugin in a minimal app, the sample host and the
/// Functions triggers. Every endpoint and every problem type the API answers.
/// </summary>
public abstract class ApiSuite<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : HostFixture
{
    private static readonly Dictionary<string, string> Portal = new() { ["X-Api-Key"] = TestSettings.PortalKey };

    protected ApiHostUnderTest Host => fixture.Host;

    protected CpanelEmulator Emulator => fixture.Emulator;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Emulator.Faults.Clear();
        Host.Audit.Fail = false;
        return Task.CompletedTask;
    }

    protected Task<ApiResponse> SendAsync(string method, string path, string? body = null, string contentType = "application/json",
        IDictionary<string, string>? headers = null) =>
        ApiResponse.SendAsync(Host.Client, method, path, body, contentType, headers ?? Portal);

    private Task<ApiResponse> PostWebmailAsync(string json, IDictionary<string, string>? headers = null, string contentType = "application/json") =>
        SendAsync("POST", "/api/webmail/sessions", json, contentType, headers);

    [Fact]
    public async Task PostWebmail_ApiKeyCaller_Returns201WithTheLinkTheFormAndNoStore()
    {
        var response = await PostWebmailAsync("""{"email":"alice@example.com","locale":"de","remoteAddress":"203.0.113.5"}""",
            new Dictionary<string, string> { ["X-Api-Key"] = TestSettings.PortalKey, ["X-Correlation-Id"] = "portal-req-42" });

        Assert.Equal(201, response.Status);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Equal("portal-req-42", response.Header("X-Correlation-Id"));
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        var body = response.Json;
        Assert.StartsWith($"https://127.0.0.1:{Emulator.WebmailUri.Port}/cpsess", body.GetProperty("loginUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("POST", body.GetProperty("form").GetProperty("method").GetString());
        Assert.StartsWith("session=alice%40example.com%3a", body.GetProperty("form").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(("alice@example.com", "web1", "portal-req-42"),
            (body.GetProperty("mailbox").GetString(), body.GetProperty("server").GetString(), body.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task PostWebmail_AppServicePrincipalInAGrantedGroup_Returns201()
    {
        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""", new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL"] = ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup),
        });

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task PostWebmail_NoOrUnknownApiKey_Returns401AndCallsNothing(string? key)
    {
        var before = Emulator.Requests.Total;

        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""",
            key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Api-Key"] = key });

        ApiAssert.Problem(response, 401, "unauthenticated");
        Assert.Equal(before, Emulator.Requests.Total);
    }

    [Fact]
    public async Task PostWebmail_InvalidFields_Returns400WithPerFieldErrorsInApiNames()
    {
        var response = await PostWebmailAsync("""{"email":"alice@@example.com","locale":"EN","remoteAddress":"1.2.3"}""");

        ApiAssert.Problem(response, 400, "validation");
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("locale", out _));
        Assert.True(errors.TryGetProperty("remoteAddress", out _));
    }

    [Theory]
    [InlineData("{\"email\":", "application/json", 400, "invalid-json")]
    [InlineData("null", "application/json", 400, "invalid-json")]
    [InlineData("""{"email":"alice@example.com","EMAIL":"bob@example.com"}""", "application/json", 400, "invalid-json")]
    [InlineData("email=alice@example.com", "application/x-www-form-urlencoded", 415, "unsupported-media-type")]
    [InlineData("{}", "text/plain", 415, "unsupported-media-type")]
    public async Task PostWebmail_MalformedBody_IsRefusedNever500(string body, string contentType, int status, string type)
    {
        var response = await PostWebmailAsync(body, contentType: contentType);

        ApiAssert.Problem(response, status, type);
    }

    [Fact]
    public async Task PostWebmail_OversizedBody_Returns413()
    {
        var response = await PostWebmailAsync("{\"email\":\"" + new string('a', 20_000) + "@example.com\"}");

        ApiAssert.Problem(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task PostWebmail_CallerWithoutARule_Returns403SayingWhatIsMissing()
    {
        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""", new Dictionary<string, string> { ["X-Api-Key"] = TestSettings.StrangerKey });

        ApiAssert.Problem(response, 403, "forbidden");
        Assert.Contains("name:stranger", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.net", 404, "not-managed")]
    [InlineData("nobody@example.com", 404, "not-found")]
    [InlineData("bob@example.com", 409, "suspended")]
    public async Task PostWebmail_TargetProblem_MapsToItsStatus(string email, int status, string type)
    {
        var response = await PostWebmailAsync($$"""{"email":"{{email}}"}""");

        ApiAssert.Problem(response, status, type);
    }

    [Fact]
    public async Task PostWebmail_CpanelAnswersAFailure_Returns502()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.RequestFailed });

        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""");

        ApiAssert.Problem(response, 502, "cpanel-refused");
    }

    [Fact]
    public async Task PostWebmail_CpanelUnavailable_Returns503WithRetryAfter()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503 });

        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""");

        ApiAssert.Problem(response, 503, "cpanel-unavailable");
        Assert.Equal("30", response.Header("Retry-After"));
    }

    [Fact]
    public async Task PostWebmail_AuditStoreDown_Returns503AndWithholdsTheLink()
    {
        Host.Audit.Fail = true;

        var response = await PostWebmailAsync("""{"email":"alice@example.com"}""");

        ApiAssert.Problem(response, 503, "audit-unavailable");
        Assert.DoesNotContain("cpsess", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCpanel_GrantedUser_Returns201WithACpanelLink()
    {
        var response = await SendAsync("POST", "/api/cpanel/sessions", """{"user":"demo"}""");

        Assert.Equal(201, response.Status);
        Assert.Equal("demo", response.Json.GetProperty("user").GetString());
        Assert.StartsWith($"https://127.0.0.1:{Emulator.CpanelUri.Port}/cpsess", response.Json.GetProperty("loginUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCpanel_BadUserName_Returns400NamingUser()
    {
        var response = await SendAsync("POST", "/api/cpanel/sessions", """{"user":"Demo!"}""");

        ApiAssert.Problem(response, 400, "validation");
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("user", out _));
    }

    [Fact]
    public async Task PostCpanel_UserOnACpanelTokenServer_Returns503NotConfigured()
    {
        var response = await SendAsync("POST", "/api/cpanel/sessions", """{"user":"other"}""");

        ApiAssert.Problem(response, 503, "not-configured");
    }

    [Fact]
    public async Task GetHealth_Anonymous_Returns200WithTheStatusAloneAndNoStore()
    {
        var response = await SendAsync("GET", "/api/health", headers: new Dictionary<string, string>());

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"status":"healthy"}""", response.Body);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.False(string.IsNullOrEmpty(response.Header("X-Correlation-Id")));
    }

    [Fact]
    public async Task GetHealthDetails_EverythingReachable_Returns200PerServer()
    {
        var response = await SendAsync("GET", "/api/health/details");

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        Assert.All(response.Json.GetProperty("servers").EnumerateArray(), s => Assert.Equal("reachable", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task GetLaunch_SignedInBrowser_AnswersThePageThatPostsTheSession()
    {
        var response = await SendAsync("GET", "/api/webmail/launch?email=alice%40example.com", headers: SignedIn);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(("no-store", "no-referrer"), (response.Header("Cache-Control"), response.Header("Referrer-Policy")));
        var policy = response.Header("Content-Security-Policy");
        Assert.Contains($"form-action https://127.0.0.1:{Emulator.WebmailUri.Port};", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        var page = LaunchPageHtml.Parse(response.Body);
        Assert.Equal("post", page.FormMethod);
        Assert.StartsWith($"https://127.0.0.1:{Emulator.WebmailUri.Port}/cpsess", page.FormAction, StringComparison.Ordinal);
        Assert.Matches("/cpsess[0-9]{10}/login$", page.FormAction);
        Assert.StartsWith("alice@example.com:", page.Session, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Session, page.FormAction, StringComparison.Ordinal);
        Assert.Equal(1, page.ScriptCount);
        Assert.Contains($"'nonce-{page.ScriptNonce}'", policy, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLaunch_CallerAsksForTheRedirect_Returns302ToTheGetLink()
    {
        var response = await SendAsync("GET", "/api/webmail/launch?email=alice%40example.com&mode=redirect", headers: SignedIn);

        Assert.Equal(302, response.Status);
        Assert.StartsWith($"https://127.0.0.1:{Emulator.WebmailUri.Port}/cpsess", response.Header("Location"), StringComparison.Ordinal);
        Assert.Equal(("no-store", "no-referrer"), (response.Header("Cache-Control"), response.Header("Referrer-Policy")));
    }

    [Theory]
    [InlineData("email=alice%40example.com&mode=link", "mode")]
    [InlineData("", "email")]
    public async Task GetLaunch_BadQuery_Returns400NamingTheField(string query, string field)
    {
        var response = await SendAsync("GET", "/api/webmail/launch?" + query, headers: SignedIn);

        ApiAssert.Problem(response, 400, "validation");
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    [Fact]
    public async Task GetLaunch_ApiKeyWithoutASignedInUser_Returns401AndMintsNothing()
    {
        var before = Emulator.Requests.Total;

        var response = await SendAsync("GET", "/api/webmail/launch?email=alice%40example.com");

        ApiAssert.Problem(response, 401, "unauthenticated");
        Assert.Equal(before, Emulator.Requests.Total);
    }

    protected static Dictionary<string, string> SignedIn => new()
    {
        ["X-MS-CLIENT-PRINCIPAL"] = ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup),
    };
}

public sealed class PluginApiTests(PluginHostFixture fixture) : ApiSuite<PluginHostFixture>(fixture), IClassFixture<PluginHostFixture>;

public sealed class SampleApiTests(SampleHostFixture fixture) : ApiSuite<SampleHostFixture>(fixture), IClassFixture<SampleHostFixture>;

public sealed class FunctionsApiTests(FunctionsHostFixture fixture) : ApiSuite<FunctionsHostFixture>(fixture), IClassFixture<FunctionsHostFixture>;
