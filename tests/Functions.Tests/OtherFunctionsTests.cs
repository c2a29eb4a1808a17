using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Functions.Tests.Support;

namespace CpanelSessionOps.Functions.Tests;

public sealed class CpanelSessionsFunctionTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_GrantedUser_Returns201WithACpanelLink()
    {
        var request = _host.Request("POST", "/api/cpanel/sessions", """{"user":"demo"}""");

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<CpanelSessionsFunction>().RunAsync(request, CancellationToken.None));

        Assert.Equal(201, response.Status);
        Assert.Equal("demo", response.Json.GetProperty("user").GetString());
        Assert.StartsWith($"https://127.0.0.1:{_host.Emulator.CpanelUri.Port}/cpsess", response.Json.GetProperty("loginUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadUserName_Returns400NamingUser()
    {
        var request = _host.Request("POST", "/api/cpanel/sessions", """{"user":"Demo!"}""");

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<CpanelSessionsFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 400, "validation");
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("user", out _));
    }

    [Fact]
    public async Task Post_UserNoServerHolds_Returns404NotManaged()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Policy:Rules:0:Targets:3"] = "ghost" });
        var request = host.Request("POST", "/api/cpanel/sessions", """{"user":"ghost"}""");

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<CpanelSessionsFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 404, "not-managed");
        Assert.Equal("not-managed", Assert.Single(host.Audit.Records).ErrorClass);
    }

    [Fact]
    public async Task Post_UserOnAServerWithoutAWhmToken_Returns503NotConfigured()
    {
        await using var host = await FunctionsHost.StartAsync(new()
        {
            ["Policy:Rules:0:Targets:3"] = "other",
            ["Fleet:Servers:web2:Host"] = "127.0.0.1",
            ["Fleet:Servers:web2:Auth"] = "CpanelToken",
            ["Fleet:Servers:web2:UserName"] = "other",
            ["Fleet:Servers:web2:Secret"] = "keyvault:web2-token",
        });
        host.Vault.SetSecret("web2-token", DefaultSeed.OtherToken);
        var request = host.Request("POST", "/api/cpanel/sessions", """{"user":"other"}""");

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<CpanelSessionsFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 503, "not-configured");
        Assert.Contains("WhmToken", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("unsupported", Assert.Single(host.Audit.Records).ErrorClass);
    }
}

public sealed class WebmailLaunchFunctionTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_SignedInBrowserAskingForTheRedirect_RedirectsToTheLoginLinkWithoutReferrerOrCaching()
    {
        // The page that logs in by POST is the default (tests/AspNetCore.Tests); the 302 stays for callers that ask for it.
        var request = _host.Request("GET", "/api/webmail/launch", query: "email=alice%40example.com&mode=redirect", headers: new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("3f1c0000-0000-0000-0000-00000000aa01", "helpdesk-group"),
        });

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<WebmailLaunchFunction>().RunAsync(request, CancellationToken.None));

        Assert.Equal(302, response.Status);
        Assert.StartsWith($"https://127.0.0.1:{_host.Emulator.WebmailUri.Port}/cpsess", response.Headers.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        var session = Assert.Single(_host.Emulator.Sessions);
        Assert.Equal("alice@example.com", session.User);
    }

    [Fact]
    public async Task Get_NoEmail_Returns400()
    {
        var request = _host.Request("GET", "/api/webmail/launch", headers: SignedIn);

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<WebmailLaunchFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 400, "validation");
    }

    [Fact]
    public async Task Get_ApiKeyWithoutASignedInUser_Returns401AndMintsNothing()
    {
        // The trigger is anonymous (a browser cannot send the function key), so an API key alone must not be enough.
        var request = _host.Request("GET", "/api/webmail/launch", query: "email=alice%40example.com");

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<WebmailLaunchFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 401, "unauthenticated");
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Get_NoCredentialAtAll_Returns401()
    {
        var request = _host.Request("GET", "/api/webmail/launch", query: "email=alice%40example.com", headers: new Dictionary<string, string>());

        var response = await FunctionsHost.ExecuteAsync(request, await _host.Function<WebmailLaunchFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 401, "unauthenticated");
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Get_PrincipalWhenAppServiceAuthenticationIsNotTrusted_Returns401NamingTheSetting()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Api:TrustAppServiceAuthentication"] = "false" });
        var request = host.Request("GET", "/api/webmail/launch", query: "email=alice%40example.com", headers: SignedIn);

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailLaunchFunction>().RunAsync(request, CancellationToken.None));

        WebmailSessionsFunctionTests.AssertProblem(response, 401, "unauthenticated");
        Assert.Contains("Api:TrustAppServiceAuthentication", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Requests.Total);
    }

    private static Dictionary<string, string> SignedIn => new()
    {
        ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("3f1c0000-0000-0000-0000-00000000aa01", "helpdesk-group"),
    };
}

public sealed class HealthFunctionTests
{
    [Fact]
    public async Task Get_EverythingReachable_Returns200Healthy()
    {
        await using var host = await FunctionsHost.StartAsync();
        var request = host.Request("GET", "/api/health/details");

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<HealthFunction>().DetailsAsync(request, CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        Assert.Equal("reachable", response.Json.GetProperty("servers")[0].GetProperty("status").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal(0, host.Emulator.Requests.Entries.Count(e => e.Function is not null));
    }

    [Fact]
    public async Task Get_SecretMissing_Returns503NamingIt()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Fleet:Servers:web1:Secret"] = "keyvault:no-such-secret" });
        var request = host.Request("GET", "/api/health/details");

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<HealthFunction>().DetailsAsync(request, CancellationToken.None));

        Assert.Equal(503, response.Status);
        var secret = response.Json.GetProperty("secrets")[0];
        Assert.Equal("notfound", secret.GetProperty("status").GetString());
        Assert.Contains("no-such-secret", secret.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAnonymous_SecretMissing_Returns503WithTheStatusAlone()
    {
        await using var host = await FunctionsHost.StartAsync(new() { ["Fleet:Servers:web1:Secret"] = "keyvault:no-such-secret" });
        var request = host.Request("GET", "/api/health", headers: new Dictionary<string, string>());

        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<HealthFunction>().RunAsync(request, CancellationToken.None));

        Assert.Equal(503, response.Status);
        Assert.Equal("""{"status":"unhealthy"}""", response.Body);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task GetAnonymousThenDetails_ShareOneProbe()
    {
        await using var host = await FunctionsHost.StartAsync();
        var anonymous = host.Request("GET", "/api/health", headers: new Dictionary<string, string>());
        var summary = await FunctionsHost.ExecuteAsync(anonymous, await host.Function<HealthFunction>().RunAsync(anonymous, CancellationToken.None));
        var keyed = host.Request("GET", "/api/health/details");
        var details = await FunctionsHost.ExecuteAsync(keyed, await host.Function<HealthFunction>().DetailsAsync(keyed, CancellationToken.None));

        Assert.Equal(("""{"status":"healthy"}""", 200), (summary.Body, summary.Status));
        Assert.Equal("healthy", details.Json.GetProperty("status").GetString());
        Assert.Equal(1, host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task Get_Twice_ProbesOnceWithinTheCachePeriod()
    {
        await using var host = await FunctionsHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var request = host.Request("GET", "/api/health");
            await FunctionsHost.ExecuteAsync(request, await host.Function<HealthFunction>().RunAsync(request, CancellationToken.None));
        }

        Assert.Equal(1, host.Emulator.Requests.Total);
    }
}
