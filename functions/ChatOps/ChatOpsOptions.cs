namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>The chat webhooks' secrets (as secret references: <c>keyvault:NAME</c>, <c>env:NAME</c>) and settings; section <c>ChatOps</c>.</summary>
public sealed class ChatOpsOptions
{
    /// <summary>Slack's signing secret (Basic Information › App Credentials).</summary>
    public string? SlackSigningSecret { get; set; }

    /// <summary>Hosts a Slack <c>response_url</c> may point at (https, port 443); anything else is refused (no requests to
    /// arbitrary hosts). None listed means <c>hooks.slack.com</c>; configured hosts replace it (the list starts empty so that
    /// binding never adds to a default).</summary>
    public List<string> SlackResponseHosts { get; set; } = [];

    /// <summary><see cref="SlackResponseHosts"/>, or <c>hooks.slack.com</c> when none are configured.</summary>
    internal IReadOnlyList<string> EffectiveSlackResponseHosts => SlackResponseHosts.Count == 0 ? ["hooks.slack.com"] : SlackResponseHosts;

    /// <summary>How long the Slack command waits before answering "working on it" and delivering to <c>response_url</c>. Default 2.5 s.</summary>
    public TimeSpan SlackInlineBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>The Teams outgoing webhook's security token (base64, shown once when the webhook is created).</summary>
    public string? TeamsSecurityToken { get; set; }

    /// <summary>The GitHub webhook's secret.</summary>
    public string? GitHubWebhookSecret { get; set; }

    /// <summary>A GitHub token that may comment and react on issues (a GitHub App installation token or a fine-grained PAT).</summary>
    public string? GitHubToken { get; set; }

    /// <summary>The GitHub API, <c>https://api.github.com</c> or GitHub Enterprise's <c>https://HOST/api/v3</c>.</summary>
    public Uri GitHubApiUrl { get; set; } = new("https://api.github.com");
}
