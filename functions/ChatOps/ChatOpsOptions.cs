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

    /// <summary>How long a Teams check may run before the answer is "still checking, try again": Teams waits about 5 seconds
    /// for an outgoing webhook's answer. Default 4 s; more than zero and at most 4.5 s.</summary>
    public TimeSpan TeamsBudget { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The Teams outgoing webhook's security token (base64, shown once when the webhook is created).</summary>
    public string? TeamsSecurityToken { get; set; }

    /// <summary>The GitHub webhook's secret.</summary>
    public string? GitHubWebhookSecret { get; set; }

    /// <summary>The simple option: a fine-grained personal access token with Issues (and Pull requests) read and write on
    /// the repositories. It expires on the date it was given; an expired or revoked token is logged and audited as
    /// <c>github-credential-refused</c>. Not an installation token: those expire after an hour (use the app settings).</summary>
    public string? GitHubToken { get; set; }

    /// <summary>The GitHub App's id (App settings › About › App ID); with <see cref="GitHubAppPrivateKey"/>, replies are
    /// made as the app with installation tokens renewed before they expire. Takes precedence over <see cref="GitHubToken"/>.</summary>
    public string? GitHubAppId { get; set; }

    /// <summary>The GitHub App's private key, the whole PEM file GitHub generated, as a secret reference (<c>keyvault:NAME</c>).</summary>
    public string? GitHubAppPrivateKey { get; set; }

    /// <summary>The app's installation to use when a webhook carries no <c>installation.id</c>; without it the
    /// installation is looked up for the repository.</summary>
    public long? GitHubAppInstallationId { get; set; }

    /// <summary>The GitHub API root, used as given: <c>https://api.github.com</c>, GHE.com's <c>https://api.SUBDOMAIN.ghe.com</c>,
    /// or GitHub Enterprise Server's <c>https://HOST/api/v3</c>.</summary>
    public Uri GitHubApiUrl { get; set; } = new("https://api.github.com");
}
