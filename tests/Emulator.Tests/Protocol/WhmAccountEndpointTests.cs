using System.Net.Http.Headers;
using System.Text.Json;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

/// <summary>The WHM functions a client uses to check a mailbox before minting, in the shapes of cPanel's documentation.</summary>
public sealed class WhmAccountEndpointTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly AuthenticationHeaderValue Root = EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken);
    private static readonly AuthenticationHeaderValue Reseller = EmulatorTestClient.WhmToken(DefaultSeed.ResellerUser, DefaultSeed.ResellerToken);
    private readonly EmulatorTestClient _client = new(fixture.Emulator);

    [Theory]
    [InlineData("example.com", "root", "demo")]
    [InlineData("example.org", "res1", "other")]
    [InlineData("example.com", "res1", null)]
    [InlineData("nowhere.example", "root", null)]
    public async Task GetDomainOwner_AnswersTheOwnerTheCallerMaySee(string domain, string caller, string? owner)
    {
        var response = await _client.WhmAsync("getdomainowner", "api.version=1&domain=" + domain, caller == "root" ? Root : Reseller);

        var metadata = response.Json.GetProperty("metadata");
        Assert.Equal(("getdomainowner", 1, "OK"), (metadata.GetProperty("command").GetString(), metadata.GetProperty("result").GetInt32(), metadata.GetProperty("reason").GetString()));
        var user = response.Json.GetProperty("data").GetProperty("user");
        Assert.Equal(owner, user.ValueKind == JsonValueKind.Null ? null : user.GetString());
    }

    [Theory]
    [InlineData("user=demo", "demo", 0)]
    [InlineData("user=closed", "closed", 1)]
    [InlineData("domain=example.org", "other", 0)]
    public async Task AccountSummary_KnownAccount_AnswersItsSuspension(string query, string user, int suspended)
    {
        var response = await _client.WhmAsync("accountsummary", "api.version=1&" + query, Root);

        var account = Assert.Single(response.Json.GetProperty("data").GetProperty("acct").EnumerateArray());
        Assert.Equal((user, suspended), (account.GetProperty("user").GetString(), account.GetProperty("suspended").GetInt32()));
        Assert.Equal(1, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    [Theory]
    [InlineData("user=ghost", "root")]
    [InlineData("user=demo", "res1")]
    [InlineData("", "root")]
    public async Task AccountSummary_UnknownOrForeignAccount_AnswersResultZero(string query, string caller)
    {
        var response = await _client.WhmAsync("accountsummary", "api.version=1&" + query, caller == "root" ? Root : Reseller);

        Assert.Equal(0, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        Assert.False(response.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task UapiCpanel_ListPops_AnswersTheAccountsMailboxesWithLoginSuspension()
    {
        var response = await _client.WhmAsync("uapi_cpanel",
            "api.version=1&cpanel.user=demo&cpanel.module=Email&cpanel.function=list_pops&skip_main=1", Root);

        var uapi = response.Json.GetProperty("data").GetProperty("uapi");
        Assert.Equal(1, uapi.GetProperty("status").GetInt32());
        var pops = uapi.GetProperty("data").EnumerateArray()
            .ToDictionary(p => p.GetProperty("email").GetString()!, p => p.GetProperty("suspended_login").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["alice@example.com"] = 0, ["bob@example.com"] = 1, ["carol@example.com"] = 0 }, pops);
        Assert.Equal("uapi_cpanel", response.Json.GetProperty("metadata").GetProperty("command").GetString());
    }

    [Fact]
    public async Task UapiCpanel_ForAnotherResellersAccount_AnswersResultZero()
    {
        var response = await _client.WhmAsync("uapi_cpanel", "api.version=1&cpanel.user=demo&cpanel.module=Email&cpanel.function=list_pops", Reseller);

        Assert.Equal(0, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task UapiCpanel_UnknownFunction_AnswersUapisFailureInside()
    {
        var response = await _client.WhmAsync("uapi_cpanel", "api.version=1&cpanel.user=demo&cpanel.module=Email&cpanel.function=nothing", Root);

        var uapi = response.Json.GetProperty("data").GetProperty("uapi");
        Assert.Equal(0, uapi.GetProperty("status").GetInt32());
        Assert.Equal("The system could not find the function “nothing” in the module “Email”.", uapi.GetProperty("errors")[0].GetString());
    }

    public void Dispose() => _client.Dispose();
}
