using CpanelSessionOps.AspNetCore.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.AspNetCore.Tests;

/// <summary>In a plain ASP.NET Core host the caller is the host's authenticated user: here JWT bearer tokens shaped as
/// Microsoft Entra ID issues them (oid, azp, groups), on the plugin's own host and the sample's.</summary>
public sealed class BearerCallerTests
{
    public static TheoryData<HostKind> Hosts => [HostKind.Plugin, HostKind.Sample];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_UserInAGrantedGroup_Returns201AndAuditsTheEntraCaller(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator);

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""",
            headers: Bearer(TestTokens.For(TestSettings.UserObjectId, groups: TestSettings.HelpdeskGroup)));

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_UserInNoGrantedGroup_Returns403NamingTheEntraCaller(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator);

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""",
            headers: Bearer(TestTokens.For(TestSettings.UserObjectId, groups: "some-other-group")));

        ApiAssert.Problem(response, 403, "forbidden");
        Assert.Contains("entra:" + TestSettings.UserObjectId, response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_ApplicationToken_IsAnAppCaller(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator);

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""",
            headers: Bearer(TestTokens.For(objectId: null, appId: "11111111-2222-3333-4444-555555555555")));

        ApiAssert.Problem(response, 403, "forbidden");
        Assert.Contains("app:11111111-2222-3333-4444-555555555555", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_TokenWithoutAnEntraId_IsNoCallerEvenWithAName(HostKind kind)
    {
        // A subject or a name is never taken as name:..., which would let any token pose as an API key's caller.
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator);

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""",
            headers: Bearer(TestTokens.For(objectId: null)));

        ApiAssert.Problem(response, 401, "unauthenticated");
        Assert.Equal(0, emulator.Requests.Total);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Launch_BearerUser_IsASignedInUser(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator, new() { ["Api:TrustAppServiceAuthentication"] = "false" });

        var response = await ApiResponse.SendAsync(host.Client, "GET", "/api/webmail/launch?email=alice%40example.com",
            headers: Bearer(TestTokens.For(TestSettings.UserObjectId, groups: TestSettings.HelpdeskGroup)));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("alice@example.com:", LaunchPageHtml.Parse(response.Body).Session, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Mint_ForgedToken_Returns401AndCallsNothing(HostKind kind)
    {
        await using var emulator = await CpanelEmulator.StartAsync();
        await using var host = await ApiHostUnderTest.StartAsync(kind, emulator);
        var token = TestTokens.For(TestSettings.UserObjectId, groups: TestSettings.HelpdeskGroup);
        var forged = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        var response = await ApiResponse.SendAsync(host.Client, "POST", "/api/webmail/sessions", """{"email":"alice@example.com"}""", headers: Bearer(forged));

        ApiAssert.Problem(response, 401, "unauthenticated");
        Assert.Equal(0, emulator.Requests.Total);
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };
}
