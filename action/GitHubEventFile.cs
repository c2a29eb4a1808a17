using System.Text.Json;

namespace CpanelSessionOps.Action;

/// <summary>
/// The webhook payload of the event that started the run (<c>GITHUB_EVENT_PATH</c>) and what the reports need from it.
/// On pull-request events <c>GITHUB_SHA</c> is GitHub's test-merge commit, which the pull request never shows checks
/// for; the head commit is <c>pull_request.head.sha</c>
/// (docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request).
/// </summary>
internal sealed class GitHubEventFile
{
    private readonly JsonElement? _root;

    private GitHubEventFile(JsonElement? root) => _root = root;

    /// <summary>Reads the event file named by <c>GITHUB_EVENT_PATH</c>; a missing or unreadable file reads as an empty event.</summary>
    public static GitHubEventFile Read(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.GetValueOrDefault("GITHUB_EVENT_PATH") is not { Length: > 0 } path || !File.Exists(path))
        {
            return new GitHubEventFile(null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return new GitHubEventFile(document.RootElement.Clone());
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return new GitHubEventFile(null);
        }
    }

    /// <summary>The commit a check run belongs on: the pull request's head on pull_request, pull_request_target and the
    /// review events, otherwise <c>GITHUB_SHA</c>.</summary>
    public string? HeadSha(IReadOnlyDictionary<string, string> environment) =>
        String("pull_request", "head", "sha") ?? environment.GetValueOrDefault("GITHUB_SHA");

    /// <summary>The pull request (or issue) to comment on: <c>pull_request.number</c>, or <c>issue.number</c> for issue_comment.</summary>
    public int? PullRequestNumber() => (int?)(Number("pull_request", "number") ?? Number("issue", "number"));

    /// <summary>The deployment of a deployment or deployment_status event.</summary>
    public long? DeploymentId() => Number("deployment", "id");

    private JsonElement? Find(string[] path)
    {
        if (_root is not { } element)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private string? String(params string[] path) => Find(path) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private long? Number(params string[] path) => Find(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;
}
