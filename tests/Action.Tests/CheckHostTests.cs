using CpanelSessionOps.Action.Tests.Support;

namespace CpanelSessionOps.Action.Tests;

public sealed class CheckHostTests
{
    private static CheckSettings Settings(string? clientId, string? tenantId) => new() { ClientId = clientId, TenantId = tenantId };

    [Theory]
    [InlineData(null, "tenant", true)]
    [InlineData("client", null, true)]
    [InlineData("client", "tenant", false)]
    public void FederatedCredential_WithoutEveryPiece_FallsBackToTheStandardChain(string? clientId, string? tenantId, bool withoutOidc)
    {
        var environment = withoutOidc
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:1/token" };

        Assert.Null(CheckHost.FederatedCredential(Settings(clientId, tenantId), environment));
    }

    [Fact]
    public void FederatedCredential_WithClientTenantAndOidc_IsAClientAssertion()
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:1/token", ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "runtime-token",
        };

        Assert.IsType<Azure.Identity.ClientAssertionCredential>(CheckHost.FederatedCredential(Settings("client", "tenant"), environment));
    }

    [Fact]
    public async Task FetchGitHubOidcTokenAsync_AsksWithTheExchangeAudienceAndRuntimeToken()
    {
        await using var github = await LocalGitHub.StartAsync();
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);

        var token = await CheckHost.FetchGitHubOidcTokenAsync(url, "runtime-token", CancellationToken.None);

        Assert.Equal("oidc-for-api://AzureADTokenExchange", token);
        Assert.Equal("Bearer runtime-token", Assert.Single(github.Requests).Authorization);
    }
}
