using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Fleet;

/// <summary>One cPanel &amp; WHM server of the fleet.</summary>
public sealed class FleetServerOptions
{
    /// <summary>The host name or address the API is called on.</summary>
    public string? Host { get; set; }

    /// <summary>The public host users' links must carry (e.g. <c>webmail.example.com</c> when WHM answers with its IP address);
    /// leave it out to use the host WHM's url gives (UAPI: <see cref="Host"/>).</summary>
    public string? LoginHost { get; set; }

    /// <summary>The cPanel (UAPI) port. Default 2083.</summary>
    public int CpanelPort { get; set; } = CpanelServer.DefaultCpanelPort;

    /// <summary>The WHM port. Default 2087.</summary>
    public int WhmPort { get; set; } = CpanelServer.DefaultWhmPort;

    /// <summary>The Webmail port. Default 2096.</summary>
    public int WebmailPort { get; set; } = CpanelServer.DefaultWebmailPort;

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
