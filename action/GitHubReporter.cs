using System.Text;
using System.Text.Json;
using CpanelSessionOps.Checks;
using Octokit;

namespace CpanelSessionOps.Action;

/// <summary>
/// Reports a check to GitHub through Octokit: a check run, a deployment status, or a pull-request comment updated in
/// place. Base URL from <c>GITHUB_API_URL</c> (GitHub Enterprise works). Links never appear. A reporting failure is a
/// warning naming the permission to add, never a failed check.
/// </summary>
internal sealed class GitHubReporter(IReadOnlyDictionary<string, string> environment, string token, WorkflowCommands commands)
{
    public const string CommentMarker = "<!-- cpanel-session-ops:webmail-check -->";
    private const string CheckName = "cPanel webmail check";

    public async Task ReportAsync(IReadOnlyList<string> kinds, IReadOnlyList<MailboxCheckResult> results)
    {
        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY")?.Split('/');
        if (repository is not [var owner, var name])
        {
            commands.Warning("GITHUB_REPOSITORY is not set: no check run, deployment status or comment was written.");
            return;
        }

        var client = new GitHubClient(new ProductHeaderValue("CpanelSessionOps"),
            new Uri(environment.GetValueOrDefault("GITHUB_API_URL") ?? "https://api.github.com"))
        {
            Credentials = new Octokit.Credentials(token),
        };
        var passed = results.All(r => r.Ok);
        var summary = Markdown(results);
        foreach (var kind in kinds)
        {
            try
            {
                switch (kind)
                {
                    case "check-run":
                        await client.Check.Run.Create(owner, name, new NewCheckRun(CheckName, environment.GetValueOrDefault("GITHUB_SHA") ?? "HEAD")
                        {
                            Status = CheckStatus.Completed,
                            Conclusion = passed ? CheckConclusion.Success : CheckConclusion.Failure,
                            Output = new NewCheckRunOutput(Title(results), summary),
                        }).ConfigureAwait(false);
                        break;
                    case "deployment-status" when DeploymentId() is { } deployment:
                        await client.Repository.Deployment.Status.Create(owner, name, deployment, new NewDeploymentStatus(passed ? DeploymentState.Success : DeploymentState.Failure)
                        {
                            Description = Title(results),
                            LogUrl = RunUrl(),
                        }).ConfigureAwait(false);
                        break;
                    case "deployment-status":
                        commands.Warning("report deployment-status needs a deployment: run the workflow on a deployment event.");
                        break;
                    case "pr-comment" when PullRequestNumber() is { } number:
                        var body = CommentMarker + "\n" + summary;
                        var existing = (await client.Issue.Comment.GetAllForIssue(owner, name, number).ConfigureAwait(false))
                            .FirstOrDefault(c => c.Body?.Contains(CommentMarker, StringComparison.Ordinal) == true);
                        if (existing is null)
                        {
                            await client.Issue.Comment.Create(owner, name, number, body).ConfigureAwait(false);
                        }
                        else
                        {
                            await client.Issue.Comment.Update(owner, name, existing.Id, body).ConfigureAwait(false);
                        }

                        break;
                    case "pr-comment":
                        commands.Warning("report pr-comment needs a pull request: run the workflow on pull_request.");
                        break;
                }
            }
            catch (ApiException ex) when (ex is ForbiddenException or AuthorizationException or NotFoundException || (int)ex.StatusCode is 403 or 404)
            {
                var permission = kind switch
                {
                    "check-run" => "checks: write",
                    "deployment-status" => "deployments: write",
                    _ => "pull-requests: write (and issues: write); on a fork's pull request the token is read-only",
                };
                commands.Warning($"could not write the {kind} report (HTTP {(int)ex.StatusCode}); add `{permission}` to the job's permissions.");
            }
            catch (Exception ex) when (ex is ApiException or HttpRequestException or TaskCanceledException)
            {
                commands.Warning($"could not write the {kind} report: {ex.GetType().Name}.");
            }
        }
    }

    public static string Title(IReadOnlyList<MailboxCheckResult> results) =>
        $"{results.Count(r => r.Ok)} of {results.Count} mailboxes opened";

    public static string Markdown(IReadOnlyList<MailboxCheckResult> results)
    {
        var text = new StringBuilder("### cPanel webmail check\n\n").Append(Title(results)).Append(".\n\n| Mailbox | Result | Time | Details |\n|---|---|---:|---|\n");
        foreach (var result in results)
        {
            text.Append("| ").Append(WorkflowCommands.Cell(result.Mailbox)).Append(" | ").Append(result.Ok ? "✅ passed" : "❌ " + WorkflowCommands.Cell(result.ErrorClass))
                .Append(" | ").Append((long)result.Latency.TotalMilliseconds).Append(" ms | ").Append(WorkflowCommands.Cell(result.Message)).Append(" |\n");
        }

        return text.ToString();
    }

    private string? RunUrl() =>
        environment.GetValueOrDefault("GITHUB_RUN_ID") is { } run && environment.GetValueOrDefault("GITHUB_REPOSITORY") is { } repo
            ? $"{environment.GetValueOrDefault("GITHUB_SERVER_URL") ?? "https://github.com"}/{repo}/actions/runs/{run}"
            : null;

    private long? DeploymentId() => EventValue("deployment", "id");

    private int? PullRequestNumber() => (int?)(EventValue("pull_request", "number") ?? EventValue("issue", "number"));

    private long? EventValue(string objectName, string property)
    {
        if (environment.GetValueOrDefault("GITHUB_EVENT_PATH") is not { Length: > 0 } path || !File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty(objectName, out var value) && value.TryGetProperty(property, out var id) && id.TryGetInt64(out var number)
            ? number
            : null;
    }
}
