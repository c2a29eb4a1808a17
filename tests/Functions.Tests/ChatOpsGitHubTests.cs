using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>
/// The GitHub ChatOps webhook fed GitHub's own <c>issue_comment</c> payloads (the example in the npm package @octokit/webhooks-examples, and the
/// variants GitHub sends), answering through the local GitHub-compatible endpoint as a PAT or as a GitHub App.
/// </summary>
public sealed class ChatOpsGitHubTests : IAsyncLifetime
{
    private const string AppId = "123456";
    private readonly RSA _appKey = RSA.Create(2048);
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _appKey.Dispose();
    }

    private async Task<FunctionsHost> StartAsync(bool asApp = false)
    {
        var overrides = new Dictionary<string, string?> { ["Policy:Rules:1:Callers:3"] = "github:Codertocat" };
        if (asApp)
        {
            overrides["ChatOps:GitHubAppId"] = AppId;
            overrides["ChatOps:GitHubAppPrivateKey"] = "keyvault:github-app-key";
        }

        var host = await FunctionsHost.StartAsync(overrides);
        host.Vault.SetSecret("github-app-key", _appKey.ExportRSAPrivateKeyPem());
        host.GitHub.App = (AppId, PublicKey());
        return host;
    }

    private RSA PublicKey()
    {
        var key = RSA.Create();
        key.ImportRSAPublicKey(_appKey.ExportRSAPublicKey(), out _);
        return key;
    }

    /// <summary>The created example from @octokit/webhooks-examples with our command in it, changed the way GitHub's variants differ.</summary>
    private static JsonObject Payload(string body = "/webmail-check alice@example.com", string action = "created")
    {
        var payload = GitHubWebhookExamples.IssueCommentCreated();
        payload["action"] = action;
        payload["comment"]!["body"] = body;
        if (action == "edited")
        {
            payload["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = "You are totally right!" } };
        }

        return payload;
    }

    private static async Task<FunctionResponse> DeliverAsync(FunctionsHost host, JsonObject payload)
    {
        var body = payload.ToJsonString();
        var signature = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsHost.GitHubSecret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        var request = host.Request("POST", "/api/chatops/github", body, headers: new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature,
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
            ["X-GitHub-Event"] = "issue_comment",
            ["User-Agent"] = "GitHub-Hookshot/123abc",
        });
        var response = await FunctionsHost.ExecuteAsync(request, await host.Function<GitHubWebhookFunction>().RunAsync(request, CancellationToken.None));

        // The queue trigger answers after the webhook did (issue #17).
        await host.ProcessWorkAsync();
        return response;
    }

    private static void AssertEveryRequestMatchesGitHubsSchema(LocalGitHub github)
    {
        foreach (var (method, path, body, _) in github.Requests.Where(r => r.Path.StartsWith("/repos/", StringComparison.Ordinal) && r.Method != "GET"))
        {
            Assert.Empty(GitHubRestSchemas.Validate(method, path, body));
        }
    }

    [SkippableFact]
    public async Task GitHub_OctokitCreatedComment_IsAnsweredOnItsIssue()
    {
        var response = await DeliverAsync(_host, Payload());

        Assert.Equal(202, response.Status);
        Assert.Single(_host.GitHub.Requests, r => r.Method == "POST" && r.Path == "/repos/Codertocat/Hello-World/issues/comments/492700400/reactions");
        Assert.Single(_host.GitHub.Requests, r => r.Method == "POST" && r.Path == "/repos/Codertocat/Hello-World/issues/1/comments");
        Assert.StartsWith("✅ Webmail for `alice@example.com` opened", Assert.Single(_host.GitHub.Comments).Value, StringComparison.Ordinal);
        AssertEveryRequestMatchesGitHubsSchema(_host.GitHub);
    }

    [SkippableFact]
    public async Task GitHub_OctokitCreatedCommentOnAPullRequest_IsAnsweredOnThePullRequest()
    {
        var payload = Payload();
        payload["issue"]!["number"] = 2;
        payload["issue"]!["pull_request"] = new JsonObject
        {
            ["url"] = "https://api.github.com/repos/Codertocat/Hello-World/pulls/2",
            ["html_url"] = "https://github.com/Codertocat/Hello-World/pull/2",
            ["diff_url"] = "https://github.com/Codertocat/Hello-World/pull/2.diff",
            ["patch_url"] = "https://github.com/Codertocat/Hello-World/pull/2.patch",
            ["merged_at"] = null,
        };

        Assert.Equal(202, (await DeliverAsync(_host, payload)).Status);

        Assert.Single(_host.GitHub.Requests, r => r.Method == "POST" && r.Path == "/repos/Codertocat/Hello-World/issues/2/comments");
        AssertEveryRequestMatchesGitHubsSchema(_host.GitHub);
    }

    [SkippableTheory]
    [InlineData("edited")]
    [InlineData("deleted")]
    public async Task GitHub_OctokitEditedOrDeletedComment_IsNotACommand(string action)
    {
        var response = await DeliverAsync(_host, Payload(action: action));

        Assert.Equal(202, response.Status);
        Assert.Empty(_host.GitHub.Requests);
        Assert.Equal(0, _host.Emulator.Requests.Total);
    }

    [SkippableFact]
    public async Task GitHub_OurOwnReplyDeliveredBackAsABotComment_StartsNoLoop()
    {
        await DeliverAsync(_host, Payload());
        var reply = Assert.Single(_host.GitHub.Comments).Value;
        var echo = Payload(body: reply);
        echo["comment"]!["user"]!["login"] = "cpanel-session-ops[bot]";
        echo["comment"]!["user"]!["type"] = "Bot";
        echo["sender"]!["login"] = "cpanel-session-ops[bot]";
        echo["sender"]!["type"] = "Bot";
        var before = _host.GitHub.Requests.Count;

        var response = await DeliverAsync(_host, echo);

        Assert.Equal(202, response.Status);
        Assert.Equal(before, _host.GitHub.Requests.Count);
    }

    [SkippableFact]
    public async Task GitHub_AsAGitHubApp_RepliesWithAnInstallationTokenForTheWebhooksInstallation()
    {
        await using var host = await StartAsync(asApp: true);
        var payload = Payload();
        payload["installation"] = new JsonObject { ["id"] = host.GitHub.InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

        Assert.Equal(202, (await DeliverAsync(host, payload)).Status);

        var token = Assert.Single(host.GitHub.IssuedTokens);
        var comment = Assert.Single(host.GitHub.Requests, r => r.Method == "POST" && r.Path == "/repos/Codertocat/Hello-World/issues/1/comments");
        Assert.Equal("token " + token, comment.Authorization, ignoreCase: true);
        Assert.DoesNotContain(host.GitHub.Requests, r => r.Path.EndsWith("/installation", StringComparison.Ordinal));
        AssertEveryRequestMatchesGitHubsSchema(host.GitHub);
    }

    [SkippableFact]
    public async Task GitHub_AsAGitHubAppWithoutInstallationInThePayload_LooksTheInstallationUp()
    {
        await using var host = await StartAsync(asApp: true);

        Assert.Equal(202, (await DeliverAsync(host, Payload())).Status);

        Assert.Single(host.GitHub.Requests, r => r.Method == "GET" && r.Path == "/repos/Codertocat/Hello-World/installation");
        Assert.Single(host.GitHub.Comments);
    }

    [SkippableFact]
    public async Task GitHub_PersonalAccessTokenRotatedInKeyVault_IsReadAgainAfterA401()
    {
        await DeliverAsync(_host, Payload());
        _host.GitHub.RevokedTokens.Add("ghs_chatops");
        _host.Vault.SetSecret("github-token", "github_pat_rotated");

        // A second command: the same comment again would be a replay (#14).
        var second = Payload();
        second["comment"]!["id"] = 492700401;
        Assert.Equal(202, (await DeliverAsync(_host, second)).Status);

        Assert.Equal(2, _host.GitHub.Comments.Count);
        Assert.Contains(_host.GitHub.Requests, r => r.Path.EndsWith("/comments", StringComparison.Ordinal) && string.Equals(r.Authorization, "token github_pat_rotated", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_host.Audit.Records, r => r.Outcome == AuditOutcome.Failed);
    }

    [SkippableFact]
    public async Task GitHub_OnGitHubEnterpriseCloudDataResidency_RepliesAtTheApiRootAsGiven()
    {
        await using var ghe = await LocalGitHub.StartAsync(basePath: "");
        await using var host = await FunctionsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Policy:Rules:1:Callers:3"] = "github:Codertocat",
            ["ChatOps:GitHubApiUrl"] = ghe.ApiUrl,
        });

        Assert.Equal(202, (await DeliverAsync(host, Payload())).Status);

        Assert.Single(ghe.Requests, r => r.Method == "POST" && r.Path == "/repos/Codertocat/Hello-World/issues/1/comments");
        Assert.DoesNotContain(ghe.Requests, r => r.Path.StartsWith("/api/v3", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task GitHub_ExpiredPersonalAccessToken_IsAuditedAndLoggedAsARefusedCredentialNeverShowingIt()
    {
        _host.GitHub.RevokedTokens.Add("ghs_chatops");

        var response = await DeliverAsync(_host, Payload());

        // Queued at once (202); not answered, so the message stays on the queue for another attempt (#17, was #15 item 3's 503).
        Assert.Equal(202, response.Status);
        Assert.Equal(1, _host.Work.PendingCount);
        Assert.Empty(_host.GitHub.Comments);
        var record = Assert.Single(_host.Audit.Records, r => r.Outcome == AuditOutcome.Failed);
        Assert.Equal(("github-credential-refused", "github:Codertocat", "alice@example.com"), (record.ErrorClass, record.Caller, record.Target));
        var logs = _host.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.StructuredState?.Any(kv => kv is { Key: "ErrorClass", Value: "github-credential-refused" }) == true);
        Assert.DoesNotContain(logs, l => l.Message.Contains("ghs_chatops", StringComparison.Ordinal) ||
            l.StructuredState?.Any(kv => kv.Value?.Contains("ghs_chatops", StringComparison.Ordinal) == true) == true);
    }
}

/// <summary>The GitHub App's JWT and installation tokens against the local GitHub-compatible endpoint, on a fake clock.</summary>
public sealed class GitHubAppTokenProviderTests : IAsyncLifetime
{
    private const string AppId = "123456";
    private readonly RSA _appKey = RSA.Create(2048);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private FunctionsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await FunctionsHost.StartAsync();
        _host.Vault.SetSecret("github-app-key", _appKey.ExportRSAPrivateKeyPem());
        var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(_appKey.ExportRSAPublicKey(), out _);
        _host.GitHub.App = (AppId, publicKey);
        _host.GitHub.Clock = _time.GetUtcNow;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _appKey.Dispose();
    }

    private GitHubAppTokenProvider Provider(string appId = AppId, string key = "keyvault:github-app-key") =>
        new(_host.Services.GetRequiredService<SecretStore>(), Options.Create(new ChatOpsOptions
        {
            GitHubAppId = appId,
            GitHubAppPrivateKey = key,
            GitHubApiUrl = new Uri(_host.GitHub.ApiUrl),
        }), _time, NullLogger<GitHubAppTokenProvider>.Instance);

    [Fact]
    public async Task GetTokenAsync_SignsAJwtGitHubAccepts_BackdatedAndShortLived()
    {
        using var provider = Provider();

        var token = await provider.GetTokenAsync("acme", "hosting", 4242);

        Assert.Equal(Assert.Single(_host.GitHub.IssuedTokens), token.Reveal());
        var jwt = Assert.Single(_host.GitHub.Requests, r => r.Path == "/app/installations/4242/access_tokens").Authorization["Bearer ".Length..];
        var parts = jwt.Split('.');
        using var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(_appKey.ExportRSAPublicKey(), out _);
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("RS256", JsonNode.Parse(Base64Url(parts[0]))!["alg"]!.GetValue<string>());
        var claims = JsonNode.Parse(Base64Url(parts[1]))!;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(AppId, claims["iss"]!.GetValue<string>());
        Assert.Equal(now - 60, claims["iat"]!.GetValue<long>());
        Assert.InRange(claims["exp"]!.GetValue<long>() - now, 1, 600);
        Assert.InRange(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>(), 1, 600);
    }

    [Fact]
    public async Task GetTokenAsync_CachedForTheHour_IsReplacedFiveMinutesBeforeItExpires()
    {
        using var provider = Provider();
        var first = await provider.GetTokenAsync("acme", "hosting", 4242);

        _time.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await provider.GetTokenAsync("acme", "hosting", 4242);
        _time.Advance(TimeSpan.FromMinutes(2));
        var second = await provider.GetTokenAsync("acme", "hosting", 4242);

        Assert.Equal(first.Reveal(), stillFirst.Reveal());
        Assert.NotEqual(first.Reveal(), second.Reveal());
        Assert.Equal(2, _host.GitHub.IssuedTokens.Count);
        Assert.Equal(2, _host.GitHub.AcceptedJwtClaims.Count);
    }

    [Fact]
    public async Task GetTokenAsync_WrongAppId_IsARefusedAppNamingTheSetting()
    {
        using var provider = Provider(appId: "999");

        var error = await Assert.ThrowsAsync<GitHubCredentialException>(() => provider.GetTokenAsync("acme", "hosting", 4242));

        Assert.Equal("github-app-refused", error.ErrorCode);
        Assert.Contains("ChatOps:GitHubAppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_KeyThatIsNotAPem_IsAKeyErrorWithoutTheKey()
    {
        _host.Vault.SetSecret("not-a-key", "ghp_this-is-a-token-not-a-key");
        using var provider = Provider(key: "keyvault:not-a-key");

        var error = await Assert.ThrowsAsync<GitHubCredentialException>(() => provider.GetTokenAsync("acme", "hosting", 4242));

        Assert.Equal("github-app-key", error.ErrorCode);
        Assert.DoesNotContain("ghp_this-is-a-token-not-a-key", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_host.GitHub.Requests);
    }

    [Fact]
    public async Task GetTokenAsync_AppNotInstalledThere_SaysToInstallIt()
    {
        using var provider = Provider();

        var error = await Assert.ThrowsAsync<GitHubCredentialException>(() => provider.GetTokenAsync("acme", "hosting", 1));

        Assert.Equal("github-not-installed", error.ErrorCode);
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
