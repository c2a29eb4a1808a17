using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.Action.Tests;

/// <summary>Reports through Octokit to a local GitHub-compatible endpoint.</summary>
public sealed class GitHubReporterTests : IAsyncLifetime
{
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
            ["INPUT_REPORT"] = report, ["INPUT_MAILBOXES"] = mailboxes, ["INPUT_GITHUB-TOKEN"] = "ghs_testtoken", ["GITHUB_API_URL"] = _github.ApiUrl,
        });
        if (eventJson is not null)
        {
            run.Environment["GITHUB_EVENT_PATH"] = run.WriteFile("event.json", eventJson);
        }

        return run;
    }

    [Fact]
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
    }

    [Fact]
    public async Task DeploymentStatus_OnADeploymentEvent_IsSetToSuccess()
    {
        using var run = Run("deployment-status", eventJson: """{"deployment":{"id":9876}}""");

        Assert.Equal(0, await run.RunAsync());

        var request = Assert.Single(_github.Requests, r => r.Path == "/repos/acme/hosting/deployments/9876/statuses");
        Assert.Contains("\"state\":\"success\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("actions/runs/42", request.Body, StringComparison.Ordinal);
    }

    [Fact]
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
}
