using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Action.Tests;

public sealed class CheckHostTests
{
    private static CheckSettings Settings(string? clientId, string? tenantId, string audience = GitHubOidcToken.DefaultAudience) =>
        new() { ClientId = clientId, TenantId = tenantId, Audience = audience };

    [Theory]
    [InlineData(null, "tenant")]
    [InlineData("client", null)]
    [InlineData(null, null)]
    public void FederatedCredential_WithoutClientAndTenant_FallsBackToTheStandardChain(string? clientId, string? tenantId)
    {
        var environment = new Dictionary<string, string> { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:1/token" };

        Assert.Null(CheckHost.FederatedCredential(Settings(clientId, tenantId), environment));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void FederatedCredential_ClientAndTenantWithoutTheRunnersOidcVariables_IsAnErrorNamingTheIdTokenPermission(bool url, bool token)
    {
        // Issue #15: without `id-token: write` the runner sets neither variable; falling back to DefaultAzureCredential
        // would silently use another identity (a self-hosted runner's managed identity).
        var environment = new Dictionary<string, string>();
        if (url)
        {
            environment["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:1/token";
        }

        if (token)
        {
            environment["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "runtime-token";
        }

        var error = Assert.Throws<InvalidDataException>(() => CheckHost.FederatedCredential(Settings("client", "tenant"), environment));
        Assert.Contains("id-token: write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_TenThousandMailboxesOnTwoDomains_ThePolicyHasOnePatternPerDomainAndRefusesOtherDomains()
    {
        // Issue #21: a pattern per mailbox made a check of N mailboxes cost N²/2 pattern matches. The rule now grows with
        // the domains checked, so the policy's work for each mint does not grow with the number of mailboxes.
        var mailboxes = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? $"user{i}@example.com" : $"user{i}@Example.ORG").ToList();
        var settings = new CheckSettings
        {
            Server = "127.0.0.1",
            WhmPort = 1,
            UserName = "root",
            SecretReference = "env:WHM_TOKEN",
            Mailboxes = mailboxes,
        };
        var caller = new CallerIdentity(CallerKind.Name, "ops");
        var environment = new Dictionary<string, string> { ["WHM_TOKEN"] = "t" };
        var context = new CommandContext(TextWriter.Null, TextWriter.Null, environment, new WorkflowCommands(TextWriter.Null, environment), Terminal.None,
            TimeProvider.System, null, CancellationToken.None);
        await using var services = CheckHost.Build(context, settings, caller, MintChannel.Cli);

        var rule = Assert.Single(services.GetRequiredService<IOptions<MintPolicyOptions>>().Value.Rules);
        Assert.Equal(["*@example.com", "*@Example.ORG"], rule.Targets);
        var minting = services.GetRequiredService<LinkMintingService>();
        var refused = await Assert.ThrowsAsync<MintRefusedException>(() =>
            minting.MintAsync(new MintRequest("carol@elsewhere.net", LoginKind.Webmail, caller, MintChannel.Cli)));
        Assert.Equal(RefusalReason.Policy, refused.Reason);
    }

    [Theory]
    [InlineData("alice@*.example.com", "*@.example.com")]
    [InlineData("alice@*", "alice@")]
    [InlineData("not-an-address", "not-an-address")]
    public void TargetPatterns_AWildcardTypedInAMailbox_CannotWidenTheGrant(string mailbox, string pattern)
    {
        Assert.Equal([pattern], CheckHost.TargetPatterns([mailbox]));
    }

    [Fact]
    public void FederatedCredential_WithClientTenantAndOidc_IsAClientAssertion()
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:1/token",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "runtime-token",
        };

        Assert.IsType<Azure.Identity.ClientAssertionCredential>(CheckHost.FederatedCredential(Settings("client", "tenant"), environment));
    }

    [Fact]
    public async Task Action_ClientAndTenantWithoutIdTokenPermission_FailsNamingThePermissionAndReadsNoSecret()
    {
        await using var emulator = await CpanelSessionOps.Emulator.Hosting.CpanelEmulator.StartAsync();
        using var run = new ActionRun(emulator, new Dictionary<string, string>
        {
            ["INPUT_API-TOKEN"] = "",
            ["INPUT_KEY-VAULT-URL"] = "https://vault.example.net",
            ["INPUT_SECRET-NAME"] = "whm-token",
            ["INPUT_CLIENT-ID"] = "00000000-0000-0000-0000-000000000001",
            ["INPUT_TENANT-ID"] = "00000000-0000-0000-0000-000000000002",
        });

        Assert.Equal(ExitCodes.BadUsage, await run.RunAsync());

        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("::error", StringComparison.Ordinal) && l.Contains("id-token: write", StringComparison.Ordinal));
        Assert.Equal(0, emulator.Requests.Total);
    }
}

public sealed class GitHubOidcTokenTests
{
    [Fact]
    public async Task GetAsync_AsksWithTheExchangeAudienceAndRuntimeTokenAndMasksTheToken()
    {
        await using var github = await LocalGitHub.StartAsync();
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);
        var masked = new List<string>();

        var token = await new GitHubOidcToken(url, "runtime-token", GitHubOidcToken.DefaultAudience, masked.Add).GetAsync(CancellationToken.None);

        Assert.Equal("oidc-for-api://AzureADTokenExchange", token);
        Assert.Equal("Bearer runtime-token", Assert.Single(github.Requests).Authorization);
        Assert.Equal([token], masked);
    }

    [Fact]
    public async Task GetAsync_SovereignCloudAudience_IsAskedFor()
    {
        await using var github = await LocalGitHub.StartAsync();
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);

        var token = await new GitHubOidcToken(url, "runtime-token", "api://AzureADTokenExchangeUSGov", _ => { }).GetAsync(CancellationToken.None);

        Assert.Equal("oidc-for-api://AzureADTokenExchangeUSGov", token);
    }

    [Fact]
    public async Task GetAsync_RuntimeBusy_RetriesLikeTheToolkitWithItsBackoff()
    {
        await using var github = await LocalGitHub.StartAsync();
        github.Answer("oidc-token", 503, "Service Unavailable", times: 2);
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);
        var time = new InstantTimeProvider();

        var token = await new GitHubOidcToken(url, "runtime-token", GitHubOidcToken.DefaultAudience, _ => { }, time).GetAsync(CancellationToken.None);

        Assert.Equal("oidc-for-api://AzureADTokenExchange", token);
        Assert.Equal(3, github.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], time.Waits);
    }

    [Fact]
    public async Task GetAsync_RuntimeDownForGood_StopsAfterTenRetriesNamingThePermission()
    {
        await using var github = await LocalGitHub.StartAsync();
        github.Answer("oidc-token", 502, "Bad Gateway", times: 20);
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new GitHubOidcToken(url, "runtime-token", GitHubOidcToken.DefaultAudience, _ => { }, new InstantTimeProvider()).GetAsync(CancellationToken.None));

        Assert.Equal(GitHubOidcToken.MaxRetries + 1, github.Requests.Count);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("id-token: write", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("runtime-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Refused_IsNotRetried()
    {
        await using var github = await LocalGitHub.StartAsync();
        github.Answer("oidc-token", 403, "Forbidden");
        var url = github.ApiUrl.Replace("/api/v3", "/oidc-token?api-version=2.0", StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new GitHubOidcToken(url, "runtime-token", GitHubOidcToken.DefaultAudience, _ => { }, new InstantTimeProvider()).GetAsync(CancellationToken.None));

        Assert.Single(github.Requests);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.us/", null)]
    [InlineData("login.microsoftonline.us", "input authority-host must be an https URL")]
    [InlineData("http://login.example/", "input authority-host must be an https URL")]
    public void FromInputs_AuthorityHostAndAudience_AreReadOrNamedWhenWrong(string authority, string? problem)
    {
        var (settings, problems) = CheckSettings.FromInputs(new Dictionary<string, string>
        {
            ["INPUT_SERVER"] = "web1.example.com",
            ["INPUT_USERNAME"] = "root",
            ["INPUT_API-TOKEN"] = "t",
            ["INPUT_MAILBOXES"] = "a@example.com",
            ["INPUT_AUTHORITY-HOST"] = authority,
            ["INPUT_AUDIENCE"] = "api://AzureADTokenExchangeUSGov",
        });

        if (problem is null)
        {
            Assert.Equal(new Uri(authority), settings!.AuthorityHost);
            Assert.Equal("api://AzureADTokenExchangeUSGov", settings.Audience);
        }
        else
        {
            Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FromInputs_ClientIdWithoutTenantId_IsNamed()
    {
        var (_, problems) = CheckSettings.FromInputs(new Dictionary<string, string>
        {
            ["INPUT_SERVER"] = "web1.example.com",
            ["INPUT_USERNAME"] = "root",
            ["INPUT_API-TOKEN"] = "t",
            ["INPUT_MAILBOXES"] = "a@example.com",
            ["INPUT_CLIENT-ID"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Contains(problems, p => p.Contains("client-id", StringComparison.Ordinal) && p.Contains("tenant-id", StringComparison.Ordinal));
    }
}
