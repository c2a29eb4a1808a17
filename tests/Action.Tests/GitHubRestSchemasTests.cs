using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Action.Tests;

/// <summary>
/// The check the GitHub tests rely on: a body is matched to its operation in GitHub's REST description (@octokit/openapi
/// from npm) and what GitHub would refuse is reported, so "every request matches GitHub's schema" can fail.
/// </summary>
public sealed class GitHubRestSchemasTests
{
    [SkippableFact]
    public void Validate_CheckRunMissingHeadShaOrWithAConclusionGitHubLacks_IsReported()
    {
        const string Path = "/repos/acme/hosting/check-runs";

        Assert.Empty(GitHubRestSchemas.Validate("POST", Path, """{"name":"Webmail","head_sha":"0123456789abcdef0123456789abcdef01234567","status":"completed","conclusion":"failure"}"""));
        Assert.NotEmpty(GitHubRestSchemas.Validate("POST", Path, """{"name":"Webmail"}"""));
        Assert.NotEmpty(GitHubRestSchemas.Validate("POST", Path, """{"name":"Webmail","head_sha":"0123","conclusion":"passed"}"""));
    }

    [SkippableFact]
    public void Validate_ReactionOnAComment_IsMatchedToTheCommentReactionOperation()
    {
        const string Path = "/repos/acme/hosting/issues/comments/492700400/reactions";

        Assert.Empty(GitHubRestSchemas.Validate("POST", Path, """{"content":"eyes"}"""));
        Assert.NotEmpty(GitHubRestSchemas.Validate("POST", Path, """{"content":"thumbsup"}"""));
    }

    [SkippableFact]
    public void Validate_BodyOnAnOperationWithoutOne_IsReported()
    {
        Assert.Empty(GitHubRestSchemas.Validate("GET", "/repos/acme/hosting/issues/17/comments", ""));
        Assert.NotEmpty(GitHubRestSchemas.Validate("GET", "/repos/acme/hosting/issues/17/comments", """{"body":"x"}"""));
    }

    [SkippableFact]
    public void Validate_RequestGitHubHasNoOperationFor_Throws() =>
        Assert.Throws<InvalidOperationException>(() => GitHubRestSchemas.Validate("POST", "/repos/acme/hosting/check-runs/1/webmail", "{}"));
}
