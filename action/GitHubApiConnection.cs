using Octokit;

namespace CpanelSessionOps.Action;

/// <summary>
/// An Octokit client whose base address is exactly <c>GITHUB_API_URL</c>. <c>new GitHubClient(header, uri)</c> appends
/// <c>/api/v3/</c> to every host but github.com, which breaks GitHub Enterprise Cloud with data residency
/// (<c>https://api.SUBDOMAIN.ghe.com</c>, no <c>/api/v3</c>); the runner already gives the full API root on every product.
/// </summary>
internal static class GitHubApiConnection
{
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The API root with a trailing slash, so Octokit's relative paths (<c>repos/...</c>) keep every segment of it.</summary>
    public static Uri BaseAddress(string? apiUrl)
    {
        var text = string.IsNullOrWhiteSpace(apiUrl) ? DefaultApiUrl : apiUrl.Trim();
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    public static GitHubClient Create(string? apiUrl, string token) =>
        new(new Connection(new ProductHeaderValue("CpanelSessionOps"), BaseAddress(apiUrl), new Octokit.Internal.InMemoryCredentialStore(new Octokit.Credentials(token))));
}
