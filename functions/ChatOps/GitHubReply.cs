namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>An answer to a <c>/webmail-check</c> comment: a reaction on the comment and a reply on its issue or pull request.</summary>
/// <param name="Owner">The repository's owner.</param>
/// <param name="Repository">The repository's name.</param>
/// <param name="IssueNumber">The issue or pull request the comment is on.</param>
/// <param name="CommentId">The comment that asked.</param>
/// <param name="Text">The reply.</param>
/// <param name="Ok">Whether the check passed (👍 or 👎).</param>
internal sealed record GitHubReply(string Owner, string Repository, int IssueNumber, long CommentId, string Text, bool Ok)
{
    /// <summary>The GitHub App installation the webhook came from (<c>installation.id</c>), when the app delivered it.</summary>
    public long? InstallationId { get; init; }

    /// <summary>Who asked, for the audit record of a failed reply.</summary>
    public CallerIdentity? Caller { get; init; }

    /// <summary>The mailbox asked about, for the audit record.</summary>
    public string? Target { get; init; }

    /// <summary>Ties the reply to the webhook's logs.</summary>
    public string CorrelationId { get; init; } = "";
}
