using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>The answers that need settings of their own (limits, an unreadable secret, a short timeout), on every host.</summary>
public sealed class ApiSettingsTests
{
    private static readonly Dictionary<string, string> Portal = new() { ["X-Api-Key"] = TestSettings.PortalKey };

    public static TheoryData<HostKind> Hosts => [HostKind.Plugin, HostKind.Sample, HostKind.Functions];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task PostWebmail_OverTheMailboxLimit_Returns429WithRetryAfter(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator, new() { ["Policy:TargetLimit"] = "1" });

        var first = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: Portal);
        var limited = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: Portal);

        Assert.Equal(201, first.Status);
        ApiAssert.Problem(limited, 429, "rate-limited");
        Assert.True(int.Parse(limited.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_SecretCannotBeRead_Returns503NamingTheReferenceAndHealthSaysUnhealthy(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator,
            new() { ["Fleet:Servers:web1:Secret"] = "env:CPANEL_SESSION_OPS_TESTS_NEVER_SET" });

        var minted = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: Portal);
        var health = await ApiResponse.SendAsync(host.Client, "GET", "/api/health");
        var details = await ApiResponse.SendAsync(host.Client, "GET", "/api/health/details", headers: Portal);

        ApiAssert.Problem(minted, 503, "credentials-unavailable");
        Assert.Contains("CPANEL_SESSION_OPS_TESTS_NEVER_SET", minted.Body, StringComparison.Ordinal);
        Assert.Equal((503, """{"status":"unhealthy"}"""), (health.Status, health.Body));
        Assert.Equal(503, details.Status);
        Assert.Contains("CPANEL_SESSION_OPS_TESTS_NEVER_SET", details.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task PostWebmail_CpanelNeverAnswers_Returns504(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator,
            new() { ["Cpanel:AttemptTimeout"] = "00:00:01", ["Cpanel:MaxRetryAttempts"] = "0" });
        // Far longer than the attempt timeout: the client gives up (and drops the connection, ending the delay) first.
        emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMinutes(5) });

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: Portal);

        ApiAssert.Problem(response, 504, "cpanel-timeout");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Launch_AppServicePrincipalWhenNotTrusted_Returns401NamingTheSetting(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator, new() { ["Api:TrustAppServiceAuthentication"] = "false" });

        var response = await ApiResponse.SendAsync(host.Client, "GET", "/api/webmail/launch?email=alice%40example.com", headers: new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL"] = ClientPrincipal.For(TestSettings.UserObjectId, TestSettings.HelpdeskGroup),
        });

        ApiAssert.Problem(response, 401, "unauthenticated");
        Assert.Contains("Api:TrustAppServiceAuthentication", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, emulator.Requests.Total);
    }
}
