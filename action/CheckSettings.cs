using System.Globalization;
using System.Text.Json;
using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Action;

/// <summary>
/// What to check and how, from the Action's inputs or the command line. One reading and one validation for both front
/// doors: every problem names the input (<c>input timeout</c>) or option (<c>--timeout</c>) the user gave, with the fix.
/// </summary>
internal sealed class CheckSettings
{
    public static readonly string[] ReportKinds = ["summary", "check-run", "deployment-status", "pr-comment"];

    /// <summary>Mailboxes checked at once.</summary>
    public static readonly (int Min, int Max) ConcurrencyRange = (1, 64);

    /// <summary>Seconds one mailbox's check may take: the login step's own limit in Core is five minutes.</summary>
    public static readonly (int Min, int Max) TimeoutRange = (1, 300);

    public string? Server { get; init; }
    public int CpanelPort { get; init; } = CpanelServer.DefaultCpanelPort;
    public int WhmPort { get; init; } = CpanelServer.DefaultWhmPort;
    public int WebmailPort { get; init; } = CpanelServer.DefaultWebmailPort;
    public IReadOnlyList<string> CertificatePins { get; init; } = [];
    public string? CaBundle { get; init; }
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

    /// <summary>The file the mailboxes were (also) read from, if any.</summary>
    public string? MailboxesFile { get; init; }
    public bool VerifyLogin { get; init; } = true;
    public string? Locale { get; init; }
    public int Concurrency { get; init; } = 4;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public IReadOnlyList<string> Reports { get; init; } = ["summary"];
    public bool FailOnError { get; init; } = true;
    public bool ExposeLink { get; init; }
    public string? GitHubToken { get; init; }

    /// <summary>Whether names in messages are the Action's inputs (<c>input server</c>) or the CLI's options (<c>--server</c>).</summary>
    public bool InAction { get; init; }

    /// <summary>A problem found before anything was run, phrased for the front door in use.</summary>
    public string Name(string input) => InAction ? $"input {input}" : $"--{input}";

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
            InAction = true,
            Server = Input("server"),
            CpanelPort = Int(Input("cpanel-port"), CpanelServer.DefaultCpanelPort, (1, 65535), "input cpanel-port", problems),
            WhmPort = Int(Input("whm-port"), CpanelServer.DefaultWhmPort, (1, 65535), "input whm-port", problems),
            WebmailPort = Int(Input("webmail-port"), CpanelServer.DefaultWebmailPort, (1, 65535), "input webmail-port", problems),
            CertificatePins = List(Input("certificate-sha256")),
            CaBundle = Input("ca-bundle"),
            FleetFile = Input("fleet"),
            Auth = Input("auth") ?? "whm-token",
            UserName = Input("username"),
            SecretReference = secret,
            ClientId = Input("client-id"),
            TenantId = Input("tenant-id"),
            Audience = Input("audience") ?? GitHubOidcToken.DefaultAudience,
            AuthorityHost = AuthorityHostInput(Input("authority-host"), problems),
            Mailboxes = ReadMailboxes(Input("mailboxes"), Input("mailboxes-file"), "input mailboxes-file", problems),
            MailboxesFile = Input("mailboxes-file"),
            VerifyLogin = Bool(Input("verify-login"), true, "input verify-login", problems),
            Locale = Input("locale"),
            Concurrency = Int(Input("concurrency"), 4, ConcurrencyRange, "input concurrency", problems),
            Timeout = TimeSpan.FromSeconds(Int(Input("timeout"), 60, TimeoutRange, "input timeout", problems)),
            Reports = Input("report") is { } report ? List(report) : ["summary"],
            FailOnError = Bool(Input("fail-on-error"), true, "input fail-on-error", problems),
            ExposeLink = Bool(Input("expose-link"), false, "input expose-link", problems),
            GitHubToken = Input("github-token"),
        };
        problems.AddRange(settings.Validate());

        return (problems.Count == 0 ? settings : null, problems);
    }

    /// <summary>Checks the settings; each problem names the input (or option) and the fix, and quotes a value only escaped.</summary>
    public IEnumerable<string> Validate()
    {
        if (FleetFile is null && Server is null)
        {
            yield return $"{Name("server")} is required (or {Name("fleet")}): the cPanel server's host name.";
        }

        if (Server is not null && !CpanelServer.IsValidHost(Server))
        {
            yield return $"{Name("server")} {Quote(Server)} is not a host name or IP address.";
        }

        foreach (var (name, port) in new[] { ("cpanel-port", CpanelPort), ("whm-port", WhmPort), ("webmail-port", WebmailPort) })
        {
            if (port is < 1 or > 65535)
            {
                yield return $"{Name(name)} {port} is not a port; use 1 to 65535 ({CpanelServer.DefaultPortsText}).";
            }
        }

        if (Concurrency < ConcurrencyRange.Min || Concurrency > ConcurrencyRange.Max)
        {
            yield return $"{Name("concurrency")} must be a whole number from {ConcurrencyRange.Min} to {ConcurrencyRange.Max}, not {Concurrency}.";
        }

        if (Timeout < TimeSpan.FromSeconds(TimeoutRange.Min) || Timeout > TimeSpan.FromSeconds(TimeoutRange.Max))
        {
            yield return $"{Name("timeout")} must be a whole number of seconds from {TimeoutRange.Min} to {TimeoutRange.Max}, not {Timeout.TotalSeconds:0}.";
        }

        if (FleetFile is not null && FleetFileProblem(FleetFile) is { } fleetProblem)
        {
            yield return fleetProblem;
        }

        if (CaBundle is not null && !File.Exists(CaBundle))
        {
            yield return $"{Name("ca-bundle")} {Quote(CaBundle)} does not exist; give a PEM file of the CA certificates to trust.";
        }

        if (Auth is not ("whm-token" or "cpanel-token"))
        {
            yield return $"{Name("auth")} must be whm-token or cpanel-token, not {Quote(Auth)}.";
        }

        if (FleetFile is null && UserName is null)
        {
            yield return $"{Name("username")} is required: root or a reseller for whm-token, the cPanel account for cpanel-token.";
        }

        if (FleetFile is null && SecretReference is null)
        {
            yield return InAction
                ? "input api-token (a secret, e.g. ${{ secrets.WHM_TOKEN }}) or key-vault-url with secret-name is required."
                : "--api-token-env NAME (an environment variable holding the token) or --key-vault-url with --secret-name is required.";
        }

        if ((ClientId is null) != (TenantId is null))
        {
            yield return $"{Name("client-id")} and {Name("tenant-id")} go together: give both (the app registration with the federated credential, and its tenant) or neither.";
        }

        if (Mailboxes.Count == 0 && MailboxesFile is null)
        {
            yield return $"{Name("mailboxes")} is required (or {Name("mailboxes-file")}): one or more addresses, separated by commas or new lines.";
        }
        else if (Mailboxes.Count == 0 && File.Exists(MailboxesFile))
        {
            yield return $"{Name("mailboxes-file")} {Quote(MailboxesFile!)} has no mailboxes; write one address per line (# starts a comment).";
        }

        foreach (var pin in CertificatePins)
        {
            if (!CpanelSessionOps.Cpanel.CpanelServer.IsValidFingerprint(pin))
            {
                yield return $"{Name("certificate-sha256")} {Quote(pin)} is not a SHA-256 fingerprint (64 hex digits).";
            }
        }

        foreach (var report in Reports.Where(r => !ReportKinds.Contains(r)))
        {
            yield return $"{Name("report")} {Quote(report)} is not one of: {string.Join(", ", ReportKinds)}.";
        }

        if (ExposeLink && Mailboxes.Count != 1)
        {
            yield return $"{Name("expose-link")} needs exactly one mailbox: a link is exposed only for a single check.";
        }
    }

    /// <summary>Quotes a value the user gave, on one line and unable to start a workflow command (it may be hostile).</summary>
    public static string Quote(string value) => "“" + WorkflowCommands.Plain(value.Length > 200 ? value[..200] + "…" : value) + "”";

    /// <summary>Addresses separated by commas or line breaks, duplicates removed (case-insensitively), order kept.</summary>
    internal static IReadOnlyList<string> List(string? value) =>
        value is null ? [] : [.. value.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The mailboxes given inline and those in a file (one per line or comma separated; blank lines and lines starting
    /// with <c>#</c> ignored), inline ones first.
    /// </summary>
    internal static IReadOnlyList<string> ReadMailboxes(string? inline, string? file, string fileName, List<string> problems)
    {
        var fromFile = "";
        if (file is not null)
        {
            try
            {
                fromFile = string.Join('\n', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith('#')));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add($"{fileName} {Quote(file)} cannot be read ({(ex is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : "no access")}); " +
                             "give a text file with one mailbox per line.");
            }
        }

        return List(string.Join('\n', inline ?? "", fromFile));
    }

    /// <summary>Parses a whole number in a range; the problem names the input or option and the range.</summary>
    internal static int Int(string? value, int fallback, (int Min, int Max) range, string name, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= range.Min && parsed <= range.Max)
        {
            return parsed;
        }

        problems.Add($"{name} must be a whole number from {range.Min} to {range.Max}, not {Quote(value)}.");
        return fallback;
    }

    internal static bool Bool(string? value, bool fallback, string name, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"{name} must be true or false, not {Quote(value)}.");
        return fallback;
    }

    /// <summary>
    /// A fleet file that is missing or not JSON, said with the file, line and position and what to fix; null when it reads.
    /// Read the way the configuration JSON provider reads it (comments and trailing commas allowed).
    /// </summary>
    private string? FleetFileProblem(string path)
    {
        if (!File.Exists(path))
        {
            return $"{Name("fleet")} {Quote(path)} does not exist; give a JSON file with a Fleet section (Servers and Routes).";
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any(p => p.NameEquals("Fleet"))
                ? null
                : $"{Name("fleet")} {Quote(path)} has no \"Fleet\" object at the top; write {{\"Fleet\": {{\"Servers\": {{...}}, \"Routes\": [...]}}}}.";
        }
        catch (JsonException ex)
        {
            var what = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return $"{Name("fleet")} {Quote(path)} is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: " +
                   $"{WorkflowCommands.Plain(what)}. Fix the file there (often a missing comma, quote or closing brace).";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{Name("fleet")} {Quote(path)} cannot be read; check its permissions.";
        }
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

        problems.Add($"input authority-host must be an https URL such as https://login.microsoftonline.us/, not {Quote(value)}.");
        return Azure.Identity.AzureAuthorityHosts.AzurePublicCloud;
    }

}
