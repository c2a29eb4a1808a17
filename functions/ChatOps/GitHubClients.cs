namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>Octokit clients whose base address is <c>ChatOps:GitHubApiUrl</c> exactly: <c>new GitHubClient(header, uri)</c>
/// would append <c>/api/v3/</c> to GHE.com's <c>https://api.SUBDOMAIN.ghe.com</c>.</summary>
internal static class GitHubClients
{
    public static Octokit.GitHubClient Create(Uri apiUrl, Octokit.Credentials credentials)
    {
        var text = apiUrl.ToString();
        var baseAddress = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
        return new Octokit.GitHubClient(new Octokit.Connection(new Octokit.ProductHeaderValue("CpanelSessionOps"), baseAddress,
            new Octokit.Internal.InMemoryCredentialStore(credentials)));
    }
}
