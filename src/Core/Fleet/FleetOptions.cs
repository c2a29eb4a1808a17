namespace CpanelSessionOps.Fleet;

/// <summary>How a server's API calls authenticate.</summary>
public enum FleetAuthKind
{
    /// <summary>A WHM API token of root or a reseller: mints for any of its users' mailboxes (WHM <c>create_user_session</c>).</summary>
    WhmToken,

    /// <summary>A cPanel API token of one account: mints for that account's mailboxes (UAPI).</summary>
    CpanelToken,

    /// <summary>A cPanel account password (with an optional TOTP secret for 2FA): as a cPanel token. Prefer tokens.</summary>
    Password,
}

/// <summary>
/// The fleet: cPanel servers and which domains each serves. Bound from configuration (section <c>Fleet</c>: appsettings,
/// a JSON file or environment variables such as <c>Fleet__Servers__web1__Host</c>) and validated at start.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>The servers, by name.</summary>
    public Dictionary<string, FleetServerOptions> Servers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which domains go to which server. Exact domains win over <c>*.suffix</c> patterns; the longest suffix wins.</summary>
    public List<DomainRouteOptions> Routes { get; set; } = [];
}

/// <summary>One cPanel &amp; WHM server of the fleet.</summary>
public sealed class FleetServerOptions
{
    /// <summary>The host name or address the API is called on.</summary>
    public string? Host { get; set; }

    /// <summary>The public host users' links must carry (e.g. <c>webmail.example.com</c> when WHM answers with its IP address);
    /// leave it out to use the host WHM's url gives (UAPI: <see cref="Host"/>).</summary>
    public string? LoginHost { get; set; }

    /// <summary>The cPanel (UAPI) port. Default 2083.</summary>
    public int CpanelPort { get; set; } = 2083;

    /// <summary>The WHM port. Default 2087.</summary>
    public int WhmPort { get; set; } = 2087;

    /// <summary>The Webmail port. Default 2096.</summary>
    public int WebmailPort { get; set; } = 2096;

    /// <summary>SHA-256 fingerprints of the server's certificate to trust (for self-signed certificates).</summary>
    public List<string> PinnedCertificateSha256 { get; set; } = [];

    /// <summary>A PEM file of CA certificates to trust for this server.</summary>
    public string? CaBundlePath { get; set; }

    /// <summary>How calls authenticate.</summary>
    public FleetAuthKind Auth { get; set; } = FleetAuthKind.WhmToken;

    /// <summary>The user the credential belongs to: <c>root</c> or a reseller for WHM tokens, the cPanel account otherwise.</summary>
    public string? UserName { get; set; }

    /// <summary>Where the token or password lives: <c>keyvault:NAME</c>, a secret URI, <c>env:NAME</c> or <c>inline:VALUE</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>For <see cref="FleetAuthKind.Password"/> accounts with 2FA: where the base32 TOTP secret lives.</summary>
    public string? TotpSecret { get; set; }
}

/// <summary>Routes a domain (or every subdomain of one) to a server.</summary>
public sealed class DomainRouteOptions
{
    /// <summary><c>example.com</c>, <c>*.example.com</c> for its subdomains (not the domain itself), or <c>*</c> for every
    /// domain no other route matches (a one-server fleet). Unicode or punycode.</summary>
    public string? Domain { get; set; }

    /// <summary>The name of a server in <see cref="FleetOptions.Servers"/>.</summary>
    public string? Server { get; set; }

    /// <summary>The cPanel account that owns the domain; for cPanel-token and password servers it must be the server's
    /// user (defaults to it). WHM-token servers need none.</summary>
    public string? Owner { get; set; }
}
