using System.Text.Json;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The fields of an <c>issue_comment</c> webhook the commands use, read strictly: a signed payload of another shape
/// (null, an array, a number as a string or with a fraction, a repeated key) is malformed, never half-read.
/// </summary>
internal sealed record GitHubComment(string Action, string? Body, long CommentId, int IssueNumber, string Login, string RepositoryFullName)
{
    /// <summary>The GitHub App installation that delivered the webhook (<c>installation.id</c>), when an app did.</summary>
    public long? InstallationId { get; init; }

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Reads <paramref name="json"/>; returns null when it was read, otherwise what is wrong (for the 400 answer).</summary>
    public static string? TryRead(byte[] json, out GitHubComment comment)
    {
        comment = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException)
        {
            return "the payload is not JSON, or repeats a key.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the payload is not a JSON object.";
            }

            if (String(root, "action") is not { } action)
            {
                return "action must be a string.";
            }

            if (Object(root, "comment") is not { } commentElement || Object(root, "issue") is not { } issue || Object(root, "repository") is not { } repository)
            {
                return "comment, issue and repository must be objects.";
            }

            if (!commentElement.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var commentId) || commentId <= 0)
            {
                return "comment.id must be a positive whole number.";
            }

            if (!issue.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var issueNumber) || issueNumber <= 0)
            {
                return "issue.number must be a positive whole number.";
            }

            string? body = null;
            if (commentElement.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
            {
                if (bodyElement.ValueKind != JsonValueKind.String)
                {
                    return "comment.body must be a string.";
                }

                body = bodyElement.GetString();
            }

            if (Object(commentElement, "user") is not { } user || String(user, "login") is not { Length: > 0 and <= 100 } login)
            {
                return "comment.user.login must be a string.";
            }

            // GitHub's own rules: owners are letters, digits and hyphens; repository names add . and _, but are never . or ..
            if (String(repository, "full_name") is not { } fullName || fullName.Split('/') is not [{ Length: > 0 and <= 39 } owner, { Length: > 0 and <= 100 } name] ||
                !owner.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ||
                name is "." or "..")
            {
                return "repository.full_name must be owner/name.";
            }

            long? installationId = null;
            if (root.TryGetProperty("installation", out var installation) && installation.ValueKind != JsonValueKind.Null)
            {
                if (installation.ValueKind != JsonValueKind.Object || !installation.TryGetProperty("id", out var installationElement) ||
                    installationElement.ValueKind != JsonValueKind.Number || !installationElement.TryGetInt64(out var installationValue) || installationValue <= 0)
                {
                    return "installation.id must be a positive whole number.";
                }

                installationId = installationValue;
            }

            comment = new GitHubComment(action, body, commentId, issueNumber, login, fullName) { InstallationId = installationId };
            return null;
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
