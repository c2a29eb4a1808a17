using System.Text.Json.Nodes;
using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Testing;
using Markdig;

namespace CpanelSessionOps.Action.Tests;

/// <summary>Reports through Octokit to a local GitHub-compatible endpoint; every request body is checked against
/// GitHub's published schema for its operation.</summary>
public sealed class GitHubReporterTests : IAsyncLifetime
{
    private const string MergeSha = "c4295bd74fb0f4fda03689c3df3f2803b658fd85";
    private CpanelEmulator _emulator = null!;
    private LocalGitHub _github = null!;

    public async Task InitializeAsync()
    {
        _emulator = await CpanelEmulator.StartAsync();
        _github = await LocalGitHub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private ActionRun Run(string report, string mailboxes = "alice@example.com", string? eventJson = null)
    {
        var run = new ActionRun(_emulator, new Dictionary<string, string>
        {
            ["INPUT_REPORT"] = report,
            ["INPUT_MAILBOXES"] = mailboxes,
            ["INPUT_GITHUB-TOKEN"] = "ghs_testtoken",
            ["GITHUB_API_URL"] = _github.ApiUrl,
        });
        if (eventJson is not null)
        {
            run.Environment["GITHUB_EVENT_PATH"] = run.WriteFile("event.json", eventJson);
        }

        return run;
    }

    private static string EventFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Events", name + ".json");

    private static Dictionary<string, string> Environment(LocalGitHub github, string? eventName = null) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "acme/hosting",
        ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_WORKFLOW_REF"] = "acme/hosting/.github/workflows/webmail-check.yml@refs/heads/main",
        ["GITHUB_API_URL"] = github.ApiUrl,
        ["GITHUB_EVENT_NAME"] = eventName ?? "push",
        ["GITHUB_EVENT_PATH"] = EventFile(eventName ?? "push"),
    };

    private static async Task<string> ReportAsync(Dictionary<string, string> environment, string kinds, IReadOnlyList<MailboxCheckResult> results,
        TimeProvider? time = null, string token = "ghs_testtoken")
    {
        using var output = new StringWriter();
        await new GitHubReporter(environment, token, new WorkflowCommands(output, environment), time ?? new InstantTimeProvider())
            .ReportAsync([.. CheckSettings.List(kinds).Select(k => ReportKinds.FromInputName(k)!.Value)], results).WaitAsync(TimeSpan.FromMinutes(1));
        return output.ToString();
    }

    private static List<MailboxCheckResult> Results(int count, int failEvery = 0, string message = "Webmail opened: the session logged in and the inbox loaded (cPanel answered 200 from the webmail login).") =>
        [.. Enumerable.Range(0, count).Select(i => failEvery > 0 && i % failEvery == 0
            ? new MailboxCheckResult($"user{i:D4}@example.com", false, TimeSpan.FromMilliseconds(900), "authentication",
                $"cPanel refused the login for user{i:D4}@example.com: The login is invalid, the account is suspended, or the password has expired.")
            : new MailboxCheckResult($"user{i:D4}@example.com", true, TimeSpan.FromMilliseconds(120 + i), null, message))];

    private void AssertEveryRequestMatchesGitHubsSchema()
    {
        foreach (var (method, path, body, _) in _github.Requests)
        {
            Assert.Empty(GitHubRestSchemas.Validate(method, path, body));
        }
    }

    [SkippableFact]
    public async Task CheckRun_AfterAFailedMailbox_IsCreatedWithFailureAndNoLink()
    {
        using var run = Run("check-run", "alice@example.com,bob@example.com");

        await run.RunAsync();

        var request = Assert.Single(_github.Requests, r => r.Path == "/repos/acme/hosting/check-runs");
        Assert.Equal("POST", request.Method);
        Assert.Contains("\"conclusion\":\"failure\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"head_sha\":\"0123456789abcdef0123456789abcdef01234567\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("1 of 2 mailboxes opened", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("cpsess", request.Body, StringComparison.Ordinal);
        Assert.Equal("token ghs_testtoken", request.Authorization, ignoreCase: true);
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [SkippableFact]
    public async Task DeploymentStatus_OnADeploymentEvent_IsSetToSuccess()
    {
        using var run = Run("deployment-status", eventJson: """{"deployment":{"id":9876}}""");

        Assert.Equal(0, await run.RunAsync());

        var request = Assert.Single(_github.Requests, r => r.Path == "/repos/acme/hosting/deployments/9876/statuses");
        Assert.Contains("\"state\":\"success\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("actions/runs/42", request.Body, StringComparison.Ordinal);
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [SkippableFact]
    public async Task PrComment_RunTwice_IsCreatedThenUpdatedInPlace()
    {
        const string Event = """{"pull_request":{"number":17}}""";
        using (var first = Run("pr-comment", eventJson: Event))
        {
            await first.RunAsync();
        }

        using (var second = Run("pr-comment", "alice@example.com,dave@example.org", Event))
        {
            await second.RunAsync();
        }

        var comment = Assert.Single(_github.Comments);
        Assert.Contains("2 of 2 mailboxes opened", comment.Value, StringComparison.Ordinal);
        Assert.Single(_github.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/issues/17/comments");
        Assert.Single(_github.Requests, r => r.Method == "PATCH" && r.Path == $"/repos/acme/hosting/issues/comments/{comment.Key}");
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [Fact]
    public async Task Report_Forbidden_IsAWarningNamingThePermissionNotAFailure()
    {
        _github.Forbidden.Add("check-runs");
        using var run = Run("check-run");

        var exit = await run.RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("::warning::", StringComparison.Ordinal) && l.Contains("checks: write", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrComment_WithoutAPullRequest_WarnsAndWritesNothing()
    {
        using var run = Run("pr-comment");

        Assert.Equal(0, await run.RunAsync());
        Assert.Empty(_github.Requests);
        Assert.Contains("needs a pull request", run.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("push", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("workflow_dispatch", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("deployment", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("pull_request", "ec26c3e57ca3a959ca5aad62de7213c562f8c821")]
    [InlineData("pull_request_target", "ec26c3e57ca3a959ca5aad62de7213c562f8c821")]
    [InlineData("issue_comment", "0123456789abcdef0123456789abcdef01234567")]
    public async Task CheckRun_OnEachTrigger_IsCreatedOnTheCommitGitHubShowsItFor(string eventName, string expectedSha)
    {
        var environment = Environment(_github, eventName);
        environment["GITHUB_EVENT_PATH"] = EventFile(eventName == "pull_request_target" ? "pull_request" : eventName);
        if (eventName.StartsWith("pull_request", StringComparison.Ordinal))
        {
            // On pull_request GITHUB_SHA is the test-merge commit; pull_request_target runs on the base branch's head.
            environment["GITHUB_SHA"] = eventName == "pull_request" ? MergeSha : "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
        }

        await ReportAsync(environment, "check-run", Results(2));

        var body = JsonNode.Parse(Assert.Single(_github.Requests, r => r.Path == "/repos/acme/hosting/check-runs").Body)!;
        Assert.Equal(expectedSha, body["head_sha"]!.GetValue<string>());
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [SkippableFact]
    public async Task Reports_OnTheirEvents_FindTheDeploymentAndThePullRequestInGitHubsEventFiles()
    {
        await ReportAsync(Environment(_github, "deployment"), "deployment-status", Results(1));
        await ReportAsync(Environment(_github, "pull_request"), "pr-comment", Results(1));
        await ReportAsync(Environment(_github, "issue_comment"), "pr-comment", Results(1));

        Assert.Single(_github.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/deployments/9876/statuses");
        Assert.Single(_github.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/issues/17/comments");
        Assert.Single(_github.Requests, r => r.Method == "PATCH" && r.Path.StartsWith("/repos/acme/hosting/issues/comments/", StringComparison.Ordinal));
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [Fact]
    public async Task Reports_OnGitHubEnterpriseCloudDataResidency_UseTheApiRootAsGiven()
    {
        // api.SUBDOMAIN.ghe.com serves the REST API at its root, like api.github.com: no /api/v3.
        await using var ghe = await LocalGitHub.StartAsync(basePath: "");

        var output = await ReportAsync(Environment(ghe, "pull_request"), "check-run,pr-comment", Results(3, failEvery: 2));

        Assert.DoesNotContain("::warning::", output, StringComparison.Ordinal);
        Assert.Contains(ghe.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/check-runs");
        Assert.Contains(ghe.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/issues/17/comments");
        Assert.DoesNotContain(ghe.Requests, r => r.Path.StartsWith("/api/v3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.acme.ghe.com", "https://api.acme.ghe.com/repos/acme/hosting/check-runs")]
    [InlineData("https://ghes.example.com/api/v3", "https://ghes.example.com/api/v3/repos/acme/hosting/check-runs")]
    [InlineData("https://ghes.example.com/api/v3/", "https://ghes.example.com/api/v3/repos/acme/hosting/check-runs")]
    [InlineData(null, "https://api.github.com/repos/acme/hosting/check-runs")]
    public void BaseAddress_OfEachGitHubProduct_KeepsThePathGitHubGave(string? apiUrl, string expected)
    {
        Assert.Equal(expected, new Uri(GitHubApiConnection.BaseAddress(apiUrl), "repos/acme/hosting/check-runs").ToString());
    }

    [Fact]
    public async Task CheckRun_SecondaryRateLimitWithRetryAfter_WaitsAsToldAndSucceeds()
    {
        _github.Answer("check-runs", 403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            new Dictionary<string, string> { ["retry-after"] = "30" });
        var time = new InstantTimeProvider();

        var output = await ReportAsync(Environment(_github), "check-run", Results(2), time);

        Assert.DoesNotContain("::warning::", output, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromSeconds(30)], time.Waits);
        Assert.Equal(2, _github.Requests.Count(r => r.Path == "/repos/acme/hosting/check-runs"));
    }

    [Fact]
    public async Task CheckRun_SecondaryRateLimitWithoutRetryAfter_WaitsTheMinuteGitHubAsksFor()
    {
        _github.Answer("check-runs", 403, "You have exceeded a secondary rate limit and have been temporarily blocked from content creation.");
        var time = new InstantTimeProvider();

        var output = await ReportAsync(Environment(_github), "check-run", Results(2), time);

        Assert.DoesNotContain("::warning::", output, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromMinutes(1)], time.Waits);
    }

    [Fact]
    public async Task PrComment_TooManyRequestsEveryTime_GivesUpWithinTheBudgetAndSaysSo()
    {
        _github.Answer("comments", 429, "Too Many Requests", new Dictionary<string, string> { ["retry-after"] = "5" }, times: 10);
        var time = new InstantTimeProvider();

        var output = await ReportAsync(Environment(_github, "pull_request"), "pr-comment", Results(2), time);

        var warning = Assert.Single(output.Split('\n'), l => l.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.Contains("429", warning, StringComparison.Ordinal);
        Assert.Contains("4 attempts", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("pull-requests: write", warning, StringComparison.Ordinal);
        Assert.Equal(3, time.Waits.Count);
        Assert.Equal(4, _github.Requests.Count);
    }

    [Fact]
    public async Task CheckRun_PrimaryRateLimitUsedUpForAnHour_IsSkippedAtOnceNamingTheResetNotAPermission()
    {
        var time = new InstantTimeProvider();
        var reset = time.GetUtcNow().AddHours(1);
        _github.Answer("check-runs", 403, "API rate limit exceeded for installation ID 4242.", new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var output = await ReportAsync(Environment(_github), "check-run", Results(2), time);

        var warning = Assert.Single(output.Split('\n'), l => l.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.Contains("rate limit is used up until 10:00:00 UTC", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("checks: write", warning, StringComparison.Ordinal);
        Assert.Empty(time.Waits);
        Assert.Single(_github.Requests);
    }

    [Fact]
    public async Task Report_TokenRefused_SaysTheTokenIsInvalidOrExpired()
    {
        _github.RevokedTokens.Add("ghs_expired");

        var output = await ReportAsync(Environment(_github), "check-run", Results(1), token: "ghs_expired");

        var warning = Assert.Single(output.Split('\n'), l => l.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.Contains("HTTP 401", warning, StringComparison.Ordinal);
        Assert.Contains("github-token", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_expired", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reports_For700Mailboxes_FitGitHubsLimitsLinkTheFullSummaryAndBatchAnnotations()
    {
        var results = Results(700, failEvery: 5);

        var output = await ReportAsync(Environment(_github, "pull_request"), "check-run,pr-comment", results);

        Assert.DoesNotContain("::warning::", output, StringComparison.Ordinal);
        Assert.True(ReportMarkdown.Render(results).Length > 100_000, "the full report must be far over GitHub's limits, as in issue #15, or this test proves nothing");
        var create = JsonNode.Parse(Assert.Single(_github.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/hosting/check-runs").Body)!;
        var summary = create["output"]!["summary"]!.GetValue<string>();
        Assert.InRange(summary.Length, 60_000, ReportMarkdown.CheckRunSummaryLimit);
        Assert.Contains("https://github.com/acme/hosting/actions/runs/42", summary, StringComparison.Ordinal);
        foreach (var failed in results.Where(r => !r.Ok))
        {
            Assert.Contains(failed.Mailbox, summary, StringComparison.Ordinal);
        }

        var updates = _github.Requests.Where(r => r.Method == "PATCH" && r.Path.StartsWith("/repos/acme/hosting/check-runs/", StringComparison.Ordinal)).ToList();
        var batches = new[] { create }.Concat(updates.Select(u => JsonNode.Parse(u.Body)!)).Select(b => b["output"]!["annotations"]!.AsArray().Count).ToList();
        Assert.All(batches, count => Assert.InRange(count, 1, GitHubReporter.AnnotationsPerRequest));
        Assert.Equal(140, batches.Sum());
        Assert.Equal(".github/workflows/webmail-check.yml", create["output"]!["annotations"]![0]!["path"]!.GetValue<string>());

        var comment = Assert.Single(_github.Comments).Value;
        Assert.InRange(comment.Length, 60_000, ReportMarkdown.CommentLimit);
        Assert.StartsWith(GitHubReporter.CommentMarker, comment, StringComparison.Ordinal);
        Assert.Contains("https://github.com/acme/hosting/actions/runs/42", comment, StringComparison.Ordinal);
        AssertEveryRequestMatchesGitHubsSchema();
    }

    [Fact]
    public async Task PrComment_CpanelMessageWithMarkdownAndHtml_RendersAsTextWithoutLinks()
    {
        const string Hostile = "Log in at [the portal](https://evil.example/login) <a href=\"https://evil.example\">here</a> <img src=x onerror=alert(1)> " +
            "or https://evil.example www.evil.example, ask @octocat about #1 | `code` **now**";
        var results = new List<MailboxCheckResult>
        {
            new("alice@example.com", false, TimeSpan.FromMilliseconds(10), "api", Hostile),
            new("[bob](https://evil.example)@example.com", false, TimeSpan.FromMilliseconds(10), "validation", "not an address"),
        };

        await ReportAsync(Environment(_github, "pull_request"), "pr-comment", results);

        var html = Markdown.ToHtml(Assert.Single(_github.Comments).Value, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>", html, StringComparison.Ordinal);
        Assert.Contains("https://evil.example/login", html, StringComparison.Ordinal);
        Assert.All(html.Split("<tr>").Skip(1), row => Assert.Equal(4, row.Split("<td").Length - 1 + (row.Split("<th").Length - 1)));
    }
}
