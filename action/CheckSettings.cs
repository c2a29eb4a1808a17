using System.Globalization;

namespace CpanelSessionOps.Action;

/// <summary>What to check and how, from the Action's inputs or the command line; every problem names its input.</summary>
internal sealed class CheckSettings
{
    public static readonly string[] ReportKinds = ["summary", "check-run", "deployment-status", "pr-comment"];

    public string? Server { get; init; }
    public int CpanelPort { get; init; } = 2083;
    public int WhmPort { get; init; } = 2087;
    public int WebmailPort { get; init; } = 2096;
    public IReadOnlyList<string> CertificatePins { get; init; } = [];
    public string? FleetFile { get; init; }
    public string Auth { get; init; } = "whm-token";
    public string? UserName { get; init; }

    /// <summary>Where the token is: an <c>env:</c> reference (the Action's INPUT_API-TOKEN, the CLI's --api-token-env) or a Key Vault URI.</summary>
    public string? SecretReference { get; init; }

    public string? ClientId { get; init; }
    public string? TenantId { get; init; }

    /// <summary>The audience of GitHub's OIDC token; Entra ID's token exchange expects <c>api://AzureADTokenExchange</c>
    /// (other clouds document their own).</summary>
    public string Audience { get; init; } = GitHubOidcToken.DefaultAudience;

    /// <summary>The Entra ID authority: <c>https://login.microsoftonline.com/</c>, or a sovereign cloud's
    /// (<c>https://login.microsoftonline.us/</c>, <c>https://login.chinacloudapi.cn/</c>).</summary>
    public Uri AuthorityHost { get; init; } = Azure.Identity.AzureAuthorityHosts.AzurePublicCloud;
    public IReadOnlyList<string> Mailboxes { get; init; } = [];
    public bool VerifyLogin { get; init; } = true;
    public string? Locale { get; init; }
    public int Concurrency { get; init; } = 4;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public IReadOnlyList<string> Reports { get; init; } = ["summary"];
    public bool FailOnError { get; init; } = true;
    public bool ExposeLink { get; init; }
    public string? GitHubToken { get; init; }

    /// <summary>Reads the Action's inputs (<c>INPUT_NAME</c>, upper case, hyphens kept), which the runner does not validate.</summary>
    public static (CheckSettings? Settings, IReadOnlyList<string> Problems) FromInputs(IReadOnlyDictionary<string, string> environment)
    {
        string? Input(string name) => environment.GetValueOrDefault("INPUT_" + name.ToUpperInvariant()) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        var problems = new List<string>();
        string? secret = null;
        if (Input("api-token") is not null)
        {
            secret = "env:INPUT_API-TOKEN";
        }
        else if (Input("key-vault-url") is { } vault)
        {
            if (Input("secret-name") is not { } name)
            {
                problems.Add("input secret-name is required with key-vault-url: the name of the secret that holds the token.");
            }
            else
            {
                secret = vault.TrimEnd('/') + "/secrets/" + name;
            }
        }

        var settings = new CheckSettings
        {
            Server = Input("server"),
            CpanelPort = Port(Input("cpanel-port"), 2083, "cpanel-port", problems),
            WhmPort = Port(Input("whm-port"), 2087, "whm-port", problems),
            WebmailPort = Port(Input("webmail-port"), 2096, "webmail-port", problems),
            CertificatePins = List(Input("certificate-sha256")),
            FleetFile = Input("fleet"),
            Auth = Input("auth") ?? "whm-token",
            UserName = Input("username"),
            SecretReference = secret,
            ClientId = Input("client-id"),
            TenantId = Input("tenant-id"),
            Audience = Input("audience") ?? GitHubOidcToken.DefaultAudience,
            AuthorityHost = AuthorityHostInput(Input("authority-host"), problems),
            Mailboxes = List(Input("mailboxes")),
            VerifyLogin = Bool(Input("verify-login"), true, "verify-login", problems),
            Locale = Input("locale"),
            Concurrency = Int(Input("concurrency"), 4, 1, 64, "concurrency", problems),
            Timeout = TimeSpan.FromSeconds(Int(Input("timeout"), 60, 1, 3600, "timeout", problems)),
            Reports = Input("report") is { } report ? List(report) : ["summary"],
            FailOnError = Bool(Input("fail-on-error"), true, "fail-on-error", problems),
            ExposeLink = Bool(Input("expose-link"), false, "expose-link", problems),
            GitHubToken = Input("github-token"),
        };
        problems.AddRange(settings.Validate(inAction: true));
        return (problems.Count == 0 ? settings : null, problems);
    }

    /// <summary>Checks the settings; each problem names the input (or option) and the fix.</summary>
    public IEnumerable<string> Validate(bool inAction)
    {
        string Name(string input) => inAction ? $"input {input}" : $"--{input}";
        if (FleetFile is null && Server is null)
        {
            yield return $"{Name("server")} is required (or {Name("fleet")}): the cPanel server's host name.";
        }

        if (Server is not null && Uri.CheckHostName(Server) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            yield return $"{Name("server")} “{Server}” is not a host name or IP address.";
        }

        if (FleetFile is not null && !File.Exists(FleetFile))
        {
            yield return $"{Name("fleet")} “{FleetFile}” does not exist.";
        }

        if (Auth is not ("whm-token" or "cpanel-token"))
        {
            yield return $"{Name("auth")} must be whm-token or cpanel-token, not “{Auth}”.";
        }

        if (FleetFile is null && UserName is null)
        {
            yield return $"{Name("username")} is required: root or a reseller for whm-token, the cPanel account for cpanel-token.";
        }

        if (FleetFile is null && SecretReference is null)
        {
            yield return inAction
                ? "input api-token (a secret, e.g. ${{ secrets.WHM_TOKEN }}) or key-vault-url with secret-name is required."
                : "--api-token-env NAME (an environment variable holding the token) or --key-vault-url with --secret-name is required.";
        }

        if ((ClientId is null) != (TenantId is null))
        {
            yield return $"{Name("client-id")} and {Name("tenant-id")} go together: give both (the app registration with the federated credential, and its tenant) or neither.";
        }

        if (Mailboxes.Count == 0)
        {
            yield return $"{Name("mailboxes")} is required: one or more addresses, separated by commas or new lines.";
        }

        foreach (var pin in CertificatePins)
        {
            if (!CpanelSessionOps.Cpanel.CpanelServer.IsValidFingerprint(pin))
            {
                yield return $"{Name("certificate-sha256")} “{pin}” is not a SHA-256 fingerprint (64 hex digits).";
            }
        }

        foreach (var report in Reports.Where(r => !ReportKinds.Contains(r)))
        {
            yield return $"{Name("report")} “{report}” is not one of: {string.Join(", ", ReportKinds)}.";
        }

        if (ExposeLink && Mailboxes.Count != 1)
        {
            yield return $"{Name("expose-link")} needs exactly one mailbox: a link is exposed only for a single check.";
        }
    }

    internal static IReadOnlyList<string> List(string? value) =>
        value is null ? [] : [.. value.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool Bool(string? value, bool fallback, string name, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"input {name} must be true or false, not “{value}”.");
        return fallback;
    }

    private static int Int(string? value, int fallback, int min, int max, string name, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        problems.Add($"input {name} must be a whole number from {min} to {max}, not “{value}”.");
        return fallback;
    }

    private static Uri AuthorityHostInput(string? value, List<string> problems)
    {
        if (value is null)
        {
            return Azure.Identity.AzureAuthorityHosts.AzurePublicCloud;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri;
        }

        problems.Add($"input authority-host must be an https URL such as https://login.microsoftonline.us/, not “{value}”.");
        return Azure.Identity.AzureAuthorityHosts.AzurePublicCloud;
    }

    private static int Port(string? value, int fallback, string name, List<string> problems) => Int(value, fallback, 1, 65535, name, problems);
}
