using System.Security.Cryptography;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Installation access tokens for the ChatOps GitHub App: the app's private key (PEM) from a secret reference signs a
/// JWT, which buys an installation token (<c>POST /app/installations/{id}/access_tokens</c>; the installation is the
/// webhook's <c>installation.id</c>, the configured one, or looked up for the repository). Tokens last an hour; each is
/// cached per installation and replaced <see cref="RefreshBefore"/> before it expires, by the injected clock.
/// </summary>
internal sealed partial class GitHubAppTokenProvider(SecretStore secrets, IOptions<ChatOpsOptions> options, TimeProvider timeProvider, ILogger<GitHubAppTokenProvider> logger)
    : IDisposable
{
    /// <summary>How long before expiry a cached installation token is replaced.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly ChatOpsOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, (SensitiveString Token, DateTimeOffset ExpiresAt)> _tokens = [];
    private readonly Dictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an app is configured (<c>ChatOps:GitHubAppId</c> and <c>ChatOps:GitHubAppPrivateKey</c>).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.GitHubAppId) && !string.IsNullOrWhiteSpace(_options.GitHubAppPrivateKey);

    /// <summary>A token for the installation that covers <paramref name="owner"/>/<paramref name="repository"/>.</summary>
    /// <exception cref="GitHubCredentialException">No key, a key GitHub refuses, no installation, or GitHub unreachable.</exception>
    public async Task<SensitiveString> GetTokenAsync(string owner, string repository, long? installationId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var installation = installationId ?? _options.GitHubAppInstallationId ?? await InstallationAsync(owner, repository, cancellationToken).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            if (_tokens.TryGetValue(installation, out var cached) && now < cached.ExpiresAt - RefreshBefore)
            {
                return cached.Token;
            }

            var client = await AppClientAsync(cancellationToken).ConfigureAwait(false);
            Octokit.AccessToken token;
            try
            {
                token = await client.GitHubApps.CreateInstallationToken(installation).ConfigureAwait(false);
            }
            catch (Octokit.ApiException ex)
            {
                throw Refused(ex, $"installation {installation}");
            }

            var value = new SensitiveString(token.Token);
            _tokens[installation] = (value, token.ExpiresAt);
            LogInstallationToken(logger, installation, token.ExpiresAt);
            return value;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new GitHubCredentialException("github-unreachable", "GitHub did not answer the GitHub App's token request; check ChatOps:GitHubApiUrl.", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token of an installation (GitHub refused it: revoked, or the app was reinstalled).</summary>
    public void Forget(long? installationId)
    {
        _gate.Wait();
        try
        {
            if (installationId is { } id)
            {
                _tokens.Remove(id);
            }
            else
            {
                _tokens.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> InstallationAsync(string owner, string repository, CancellationToken cancellationToken)
    {
        var key = owner + "/" + repository;
        if (_installations.TryGetValue(key, out var known))
        {
            return known;
        }

        var client = await AppClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var installation = await client.GitHubApps.GetRepositoryInstallationForCurrent(owner, repository).ConfigureAwait(false);
            return _installations[key] = installation.Id;
        }
        catch (Octokit.ApiException ex)
        {
            throw Refused(ex, key);
        }
    }

    private async Task<Octokit.GitHubClient> AppClientAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new GitHubCredentialException("github-no-credential", "No GitHub App is configured: set ChatOps:GitHubAppId and ChatOps:GitHubAppPrivateKey.");
        }

        if (!SecretReference.TryParse(_options.GitHubAppPrivateKey, out var reference, out _))
        {
            throw new GitHubCredentialException("github-app-key",
                "ChatOps:GitHubAppPrivateKey is not a secret reference: use keyvault:NAME (the app's private key, PEM) or env:NAME.");
        }

        SensitiveString pem;
        try
        {
            pem = await secrets.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException ex)
        {
            throw new GitHubCredentialException("github-app-key", $"The GitHub App's private key ({reference}) could not be read: {ex.Failure}.", ex);
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem.Reveal());
        }
        catch (ArgumentException ex)
        {
            throw new GitHubCredentialException("github-app-key",
                $"The GitHub App's private key ({reference}) is not an RSA private key in PEM form: store the .pem file GitHub generated, whole.", ex);
        }

        var jwt = GitHubAppJwt.Create(_options.GitHubAppId!.Trim(), rsa, timeProvider.GetUtcNow());
        return GitHubClients.Create(_options.GitHubApiUrl, new Octokit.Credentials(jwt, Octokit.AuthenticationType.Bearer));
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static GitHubCredentialException Refused(Octokit.ApiException ex, string what) => (int)ex.StatusCode switch
    {
        401 => new GitHubCredentialException("github-app-refused",
            "GitHub refused the GitHub App's JWT (HTTP 401): check ChatOps:GitHubAppId and that the private key is the app's current one.", ex),
        404 => new GitHubCredentialException("github-not-installed",
            $"The GitHub App is not installed on {what} (HTTP 404): install it on the repository, or fix ChatOps:GitHubAppInstallationId.", ex),
        _ => new GitHubCredentialException("github-app-refused", $"GitHub refused the GitHub App's token request for {what} (HTTP {(int)ex.StatusCode}).", ex),
    };

    [LoggerMessage(10, LogLevel.Information, "GitHub App installation {InstallationId}: new installation token, valid until {ExpiresAt}")]
    private static partial void LogInstallationToken(ILogger logger, long installationId, DateTimeOffset expiresAt);
}
