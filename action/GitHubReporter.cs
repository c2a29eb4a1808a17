using System.Globalization;
using CpanelSessionOps.Checks;
using Octokit;

namespace CpanelSessionOps.Action;

/// <summary>
/// Reports a check to GitHub through Octokit: a check run (on the pull request's head commit for pull-request events),
/// a deployment status, or a pull-request comment updated in place. The API root is <c>GITHUB_API_URL</c> exactly
/// (github.com, GHE.com data residency, GitHub Enterprise Server). Texts are cut to GitHub's size limits with a link to
/// the full job summary; annotations go 50 to a request. A rate limit is waited out within a bounded budget, honouring
/// <c>retry-after</c> and <c>x-ratelimit-reset</c>. Links never appear. A reporting failure is a warning that says what
/// happened (and which permission to add, when that is the cause), never a failed check.
/// </summary>
internal sealed class GitHubReporter(IReadOnlyDictionary<string, string> environment, string token, WorkflowCommands commands, TimeProvider? timeProvider = null)
{
    public const string CommentMarker = "<!-- cpanel-session-ops:webmail-check -->";

    /// <summary>GitHub takes at most 50 annotations per check-run request (REST description, checks/create).</summary>
    public const int AnnotationsPerRequest = 50;

    private const string CheckName = "cPanel webmail check";
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private TimeSpan _waited;

    /// <summary>Attempts per request when GitHub rate-limits it.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The most this run waits for rate limits, over all its reports.</summary>
    public TimeSpan WaitBudget { get; init; } = TimeSpan.FromMinutes(2);

    public async Task ReportAsync(IReadOnlyList<ReportKind> kinds, IReadOnlyList<MailboxCheckResult> results, CancellationToken cancellationToken = default)
    {
        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY")?.Split('/');
        if (repository is not [var owner, var name])
        {
            commands.Warning("GITHUB_REPOSITORY is not set: no check run, deployment status or comment was written.");
            return;
        }

        var client = GitHubApiConnection.Create(environment.GetValueOrDefault("GITHUB_API_URL"), token);
        var gitHubEvent = GitHubEventFile.Read(environment);
        foreach (var kind in kinds)
        {
            try
            {
                switch (kind)
                {
                    case ReportKind.CheckRun:
                        await CheckRunAsync(client, owner, name, gitHubEvent.HeadSha(environment) ?? "HEAD", results, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReportKind.DeploymentStatus when gitHubEvent.DeploymentId() is { } deployment:
                        var passed = results.All(r => r.Ok);
                        await SendAsync(() => client.Repository.Deployment.Status.Create(owner, name, deployment,
                            new NewDeploymentStatus(passed ? DeploymentState.Success : DeploymentState.Failure)
                            {
                                Description = Title(results),
                                LogUrl = RunUrl(),
                            }), cancellationToken).ConfigureAwait(false);
                        break;
                    case ReportKind.DeploymentStatus:
                        commands.Warning("report deployment-status needs a deployment: run the workflow on a deployment event.");
                        break;
                    case ReportKind.PrComment when gitHubEvent.PullRequestNumber() is { } number:
                        await CommentAsync(client, owner, name, number, results, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReportKind.PrComment:
                        commands.Warning("report pr-comment needs a pull request: run the workflow on pull_request.");
                        break;
                    case ReportKind.Summary:
                        // The job summary is a file the command writes, not an API call.
                        break;
                }
            }
            catch (GitHubRequestFailedException ex)
            {
                commands.Warning(Describe(kind, ex));
            }
        }
    }

    public static string Title(IReadOnlyList<MailboxCheckResult> results) => ReportMarkdown.Title(results);

    private async Task CheckRunAsync(GitHubClient client, string owner, string name, string headSha, IReadOnlyList<MailboxCheckResult> results, CancellationToken cancellationToken)
    {
        var title = Title(results);
        var summary = ReportMarkdown.Render(results, ReportMarkdown.CheckRunSummaryLimit, RunUrl());
        var annotations = Annotations(results);
        var run = await SendAsync(() => client.Check.Run.Create(owner, name, new NewCheckRun(CheckName, headSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = results.All(r => r.Ok) ? CheckConclusion.Success : CheckConclusion.Failure,
            Output = new NewCheckRunOutput(title, summary) { Annotations = annotations.Take(AnnotationsPerRequest).ToList() },
        }), cancellationToken).ConfigureAwait(false);

        // More than 50: each update appends its annotations to the run's (docs.github.com/rest/checks/runs#update-a-check-run).
        foreach (var batch in annotations.Skip(AnnotationsPerRequest).Chunk(AnnotationsPerRequest))
        {
            await SendAsync(() => client.Check.Run.Update(owner, name, run.Id, new CheckRunUpdate
            {
                Output = new NewCheckRunOutput(title, summary) { Annotations = batch },
            }), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CommentAsync(GitHubClient client, string owner, string name, int number, IReadOnlyList<MailboxCheckResult> results, CancellationToken cancellationToken)
    {
        var body = CommentMarker + "\n" + ReportMarkdown.Render(results, ReportMarkdown.CommentLimit - CommentMarker.Length - 1, RunUrl());
        var existing = (await SendAsync(() => client.Issue.Comment.GetAllForIssue(owner, name, number), cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.Body?.Contains(CommentMarker, StringComparison.Ordinal) == true);
        if (existing is null)
        {
            await SendAsync(() => client.Issue.Comment.Create(owner, name, number, body), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendAsync(() => client.Issue.Comment.Update(owner, name, existing.Id, body), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One failure annotation per failed mailbox, on the workflow file (a check has no source line of its own).</summary>
    private List<NewCheckRunAnnotation> Annotations(IReadOnlyList<MailboxCheckResult> results)
    {
        var path = WorkflowFile();
        return [.. results.Where(r => !r.Ok).Select(r => new NewCheckRunAnnotation(path, 1, 1, CheckAnnotationLevel.Failure,
            Cut($"{r.ErrorClass}: {r.Message}", 4096))
        {
            Title = Cut("Webmail check failed: " + r.Mailbox, 255),
        })];
    }

    /// <summary>The workflow file from <c>GITHUB_WORKFLOW_REF</c> (<c>owner/repo/.github/workflows/x.yml@refs/...</c>).</summary>
    private string WorkflowFile()
    {
        var reference = environment.GetValueOrDefault("GITHUB_WORKFLOW_REF") ?? "";
        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY") ?? "";
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var path = at > 0 ? reference[..at] : reference;
        return path.StartsWith(repository + "/", StringComparison.Ordinal) && path.Length > repository.Length + 1 ? path[(repository.Length + 1)..] : ".github";
    }

    /// <summary>Sends one request; a rate limit is waited out (retry-after, x-ratelimit-reset, else GitHub's one minute)
    /// while attempts and the run's wait budget last. Anything else fails at once.</summary>
    private async Task<T> SendAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            GitHubFailure failure;
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                failure = GitHubFailure.From(ex);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = GitHubFailure.Transport(ex);
            }

            if (!failure.IsRateLimit)
            {
                throw new GitHubRequestFailedException(failure, attempt, null);
            }

            var wait = failure.Wait(_time.GetUtcNow());
            if (attempt >= MaxAttempts || _waited + wait > WaitBudget)
            {
                throw new GitHubRequestFailedException(failure, attempt, attempt >= MaxAttempts ? null : wait);
            }

            _waited += wait;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe(ReportKind reportKind, GitHubRequestFailedException failed)
    {
        var failure = failed.Failure;
        var kind = reportKind.InputName();
        var permission = reportKind switch
        {
            ReportKind.CheckRun => "checks: write",
            ReportKind.DeploymentStatus => "deployments: write",
            _ => "pull-requests: write (and issues: write); on a fork's pull request the token is read-only",
        };
        var gaveUp = failed.WaitAsked is { } asked
            ? $"GitHub asked to wait {Seconds(asked)}, beyond the {Seconds(WaitBudget)} this run waits for rate limits"
            : $"still limited after {failed.Attempts} attempts";
        var status = failure.Status.ToString(CultureInfo.InvariantCulture);
        return failure.Kind switch
        {
            GitHubFailureKind.BadCredentials =>
                $"could not write the {kind} report: GitHub refused the token (HTTP 401, {failure.Message}); it is invalid or has expired: check input github-token.",
            GitHubFailureKind.Forbidden => $"could not write the {kind} report (HTTP 403); add `{permission}` to the job's permissions.",
            GitHubFailureKind.NotFound =>
                $"could not write the {kind} report (HTTP 404: GitHub hides what a token may not reach); add `{permission}` to the job's permissions, and check GITHUB_API_URL.",
            GitHubFailureKind.SecondaryRateLimit =>
                $"the {kind} report was skipped: GitHub's secondary rate limit (too many requests at once from this token) answered HTTP {status}, and {gaveUp}. The check itself is unaffected.",
            GitHubFailureKind.PrimaryRateLimit =>
                $"the {kind} report was skipped: this token's GitHub API rate limit is used up until {failure.ResetAt:HH:mm:ss} UTC (HTTP {status}), and {gaveUp}.",
            GitHubFailureKind.TooManyRequests =>
                $"the {kind} report was skipped: GitHub answered HTTP 429 Too Many Requests, and {gaveUp}.",
            GitHubFailureKind.Invalid => $"GitHub rejected the {kind} report as invalid (HTTP 422: {failure.Message}).",
            GitHubFailureKind.ServerError => $"GitHub failed to take the {kind} report (HTTP {status}); re-run the job to report again.",
            GitHubFailureKind.Transport => $"could not reach GitHub for the {kind} report ({failure.Message}); check GITHUB_API_URL.",
            _ => $"could not write the {kind} report (HTTP {status}: {failure.Message}).",
        };
    }

    private static string Seconds(TimeSpan value) => ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private string? RunUrl() =>
        environment.GetValueOrDefault("GITHUB_RUN_ID") is { } run && environment.GetValueOrDefault("GITHUB_REPOSITORY") is { } repo
            ? $"{environment.GetValueOrDefault("GITHUB_SERVER_URL") ?? "https://github.com"}/{repo}/actions/runs/{run}"
            : null;

#pragma warning disable CA1064, CA1032 // Private to the reporter: carries a classified failure out of the retry loop.
    private sealed class GitHubRequestFailedException(GitHubFailure failure, int attempts, TimeSpan? waitAsked) : Exception(failure.Kind.ToString())
#pragma warning restore CA1064, CA1032
    {
        public GitHubFailure Failure { get; } = failure;

        public int Attempts { get; } = attempts;

        public TimeSpan? WaitAsked { get; } = waitAsked;
    }
}
