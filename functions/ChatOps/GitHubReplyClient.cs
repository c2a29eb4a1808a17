using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Answers <c>/webmail-check</c> comments on GitHub as the ChatOps GitHub App (installation tokens, renewed before they
/// expire) or, the simple option, with a fine-grained personal access token. A credential that is missing, expired or
/// refused is a classified error (<see cref="GitHubCredentialException.ErrorCode"/>) in the log and in the audit trail,
/// never a silent 401; no token appears in either.
/// </summary>
internal sealed partial class GitHubReplyClient(
    GitHubAppTokenProvider app, SecretStore secrets, IAuditTrail audit, IOptions<ChatOpsOptions> options, TimeProvider timeProvider, ILogger<GitHubReplyClient> logger)
{
    private readonly ChatOpsOptions _options = options.Value;

    /// <summary>Reacts on the comment and replies on its issue; true when GitHub took both.</summary>
    public async Task<bool> ReplyAsync(GitHubReply reply, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (token, viaApp) = await TokenAsync(reply, refresh: attempt > 1, cancellationToken).ConfigureAwait(false);
                var client = GitHubClients.Create(_options.GitHubApiUrl, new Octokit.Credentials(token.Reveal()));
                try
                {
                    await client.Reaction.IssueComment.Create(reply.Owner, reply.Repository, reply.CommentId,
                        new Octokit.NewReaction(reply.Ok ? Octokit.ReactionType.Plus1 : Octokit.ReactionType.Minus1)).ConfigureAwait(false);
                    await client.Issue.Comment.Create(reply.Owner, reply.Repository, reply.IssueNumber, reply.Text).ConfigureAwait(false);
                    return true;
                }
                catch (Octokit.ApiException ex) when ((int)ex.StatusCode == 401 && attempt == 1)
                {
                    // A revoked installation token, or a PAT rotated in Key Vault since it was cached: one fresh try.
                    if (viaApp)
                    {
                        app.Forget(reply.InstallationId);
                    }
                }
                catch (Octokit.ApiException ex) when ((int)ex.StatusCode == 401)
                {
                    throw new GitHubCredentialException("github-credential-refused", viaApp
                        ? "GitHub refused the GitHub App's installation token (HTTP 401) twice: check the app's installation on the repository."
                        : "GitHub refused ChatOps:GitHubToken (HTTP 401): the personal access token has expired or was revoked; create a new one and update the secret.", ex);
                }
            }
        }
        catch (GitHubCredentialException ex)
        {
            await FailAsync(reply, ex.ErrorCode, started, cancellationToken).ConfigureAwait(false);
            LogCredentialFailed(logger, ex.ErrorCode, reply.CorrelationId, ex.Message);
            return false;
        }
        catch (Octokit.ApiException ex)
        {
            var errorClass = (int)ex.StatusCode switch
            {
                403 when ex is Octokit.RateLimitExceededException or Octokit.SecondaryRateLimitExceededException => "github-rate-limited",
                429 => "github-rate-limited",
                403 or 404 => "github-forbidden",
                _ => "github-api",
            };
            await FailAsync(reply, errorClass, started, cancellationToken).ConfigureAwait(false);
            LogReplyFailed(logger, errorClass, reply.CorrelationId, (int)ex.StatusCode);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(reply, "github-unreachable", started, cancellationToken).ConfigureAwait(false);
            LogReplyFailed(logger, "github-unreachable", reply.CorrelationId, 0);
            return false;
        }
    }

    private async Task<(SensitiveString Token, bool ViaApp)> TokenAsync(GitHubReply reply, bool refresh, CancellationToken cancellationToken)
    {
        if (app.IsConfigured)
        {
            return (await app.GetTokenAsync(reply.Owner, reply.Repository, reply.InstallationId, cancellationToken).ConfigureAwait(false), true);
        }

        if (!SecretReference.TryParse(_options.GitHubToken, out var reference, out _))
        {
            throw new GitHubCredentialException("github-no-credential",
                "No GitHub credential for ChatOps replies: set ChatOps:GitHubAppId with ChatOps:GitHubAppPrivateKey, or ChatOps:GitHubToken (a secret reference).");
        }

        try
        {
            if (refresh)
            {
                await secrets.RefreshAsync(reference, cancellationToken).ConfigureAwait(false);
            }

            // Sent in a header: a line break inside the token is a configuration error, not a crash (#14 item 6).
            return (await secrets.GetSingleLineAsync(reference, cancellationToken).ConfigureAwait(false), false);
        }
        catch (SecretStoreException ex)
        {
            throw new GitHubCredentialException("github-no-credential", $"ChatOps:GitHubToken ({reference}) could not be read: {ex.Failure}.", ex);
        }
    }

    private async Task FailAsync(GitHubReply reply, string errorClass, long started, CancellationToken cancellationToken)
    {
        var caller = reply.Caller?.ToString() ?? "github:unknown";
        await audit.RecordAsync(new AuditRecord(timeProvider.GetUtcNow(), caller, MintChannel.GitHub, LoginKind.Webmail, reply.Target ?? "", null,
            AuditOutcome.Failed, errorClass, null, reply.CorrelationId, timeProvider.GetElapsedTime(started)), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(20, LogLevel.Error, "ChatOps GitHub reply for {CorrelationId} failed: {ErrorClass}: {Reason}")]
    private static partial void LogCredentialFailed(ILogger logger, string errorClass, string correlationId, string reason);

    [LoggerMessage(21, LogLevel.Warning, "ChatOps GitHub reply for {CorrelationId} failed: {ErrorClass} (HTTP {Status})")]
    private static partial void LogReplyFailed(ILogger logger, string errorClass, string correlationId, int status);
}
