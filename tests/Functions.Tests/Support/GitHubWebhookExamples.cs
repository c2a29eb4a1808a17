using System.Text.Json;
using System.Text.Json.Nodes;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// GitHub's example webhook payloads from the npm package @octokit/webhooks-examples (<see cref="NpmTestData"/>; the
/// tests that use them are skipped without it).
/// </summary>
public static class GitHubWebhookExamples
{
    private const string ExamplesFile = "api.github.com/index.json";
    private static readonly Lazy<string> IssueCommentCreatedText = new(LoadIssueCommentCreated);

    /// <summary>
    /// A fresh copy of the first <c>issue_comment</c> <c>created</c> example on an issue (not a pull request): Codertocat's
    /// comment 492700400 on issue 1 of Codertocat/Hello-World in the pinned version.
    /// </summary>
    public static JsonObject IssueCommentCreated()
    {
        NpmTestData.Require(NpmTestData.WebhooksExamples, ExamplesFile);
        return JsonNode.Parse(IssueCommentCreatedText.Value)!.AsObject();
    }

    private static string LoadIssueCommentCreated()
    {
        using var stream = File.OpenRead(NpmTestData.Require(NpmTestData.WebhooksExamples, ExamplesFile));
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        var issueComment = document.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "issue_comment");
        return issueComment.GetProperty("examples").EnumerateArray()
            .First(e => e.GetProperty("action").GetString() == "created" && !e.GetProperty("issue").TryGetProperty("pull_request", out _))
            .GetRawText();
    }
}
