namespace CpanelSessionOps.Cpanel;

/// <summary>Where a cPanel &amp; WHM server answers and how its TLS certificate is trusted.</summary>
public sealed class CpanelServer
{
    /// <summary>Describes a server.</summary>
    /// <param name="name">A short name for messages, logs and metrics (never a secret), e.g. <c>web1</c>.</param>
    /// <param name="host">The host name or IP address the API is called on.</param>
    /// <exception cref="ArgumentException">A name or host is empty, or the host is not a host name or address.</exception>
    public CpanelServer(string name, string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (!IsValidHost(host))
        {
            throw new ArgumentException($"“{host}” is not a host name or IP address; give the server's host name, e.g. web1.example.com.", nameof(host));
        }

        Name = name;
        Host = host;
    }

    /// <summary>The server's short name.</summary>
    public string Name { get; }

    /// <summary>The host name or address.</summary>
    public string Host { get; }

    /// <summary>
    /// The public host users' links must carry, e.g. <c>webmail.example.com</c> when WHM answers with its IP address; null
    /// (default) uses the host WHM's url gives, or <see cref="Host"/> for UAPI sessions. Links, form targets and login checks
    /// all use it, so a check logs in where a user would.
    /// </summary>
    public string? LoginHost
    {
        get => _loginHost;
        init => _loginHost = value is null || IsValidHost(value)
            ? value
            : throw new ArgumentException($"LoginHost “{value}” is not a host name or IP address; give the public name, e.g. webmail.example.com.", nameof(LoginHost));
    }

    private readonly string? _loginHost;

    /// <summary>The cPanel (UAPI) TLS port. Default 2083.</summary>
    public int CpanelPort { get; init; } = DefaultCpanelPort;

    /// <summary>The WHM TLS port. Default 2087.</summary>
    public int WhmPort { get; init; } = DefaultWhmPort;

    /// <summary>The Webmail TLS port. Default 2096.</summary>
    public int WebmailPort { get; init; } = DefaultWebmailPort;

    /// <summary>
    /// SHA-256 fingerprints (hex, any case, colons allowed) of certificates to trust as they are, for the self-signed
    /// certificates common on cPanel servers. When set, a certificate that matches none is refused.
    /// </summary>
    public IReadOnlyList<string> PinnedCertificateSha256 { get; init; } = [];

    /// <summary>A PEM file of CA certificates to trust for this server instead of the system's store.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>cPanel's (UAPI) TLS port on a stock server: 2083. Every default port in the product comes from here
    /// (the Aspire hosting package keeps a copy, checked against these by its tests).</summary>
    public const int DefaultCpanelPort = 2083;

    /// <summary>WHM's TLS port on a stock server: 2087.</summary>
    public const int DefaultWhmPort = 2087;

    /// <summary>Webmail's TLS port on a stock server: 2096.</summary>
    public const int DefaultWebmailPort = 2096;

    /// <summary>The ports in words, for messages: "cPanel 2083, WHM 2087, Webmail 2096".</summary>
    public const string DefaultPortsText = "cPanel 2083, WHM 2087, Webmail 2096";

    /// <summary>The one host-name rule: whether <paramref name="host"/> is a DNS name or an IP address (what the server's
    /// host, a login host and every host setting must be).</summary>
    public static bool IsValidHost(string? host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host) is not (UriHostNameType.Unknown or UriHostNameType.Basic);

    /// <summary>Whether <paramref name="fingerprint"/> is a SHA-256 fingerprint as <see cref="PinnedCertificateSha256"/> takes
    /// it: 64 hex digits, any case, colons allowed.</summary>
    public static bool IsValidFingerprint(string? fingerprint) =>
        fingerprint is not null && Internal.CertificateTrust.Normalize(fingerprint) is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    /// <summary>The port of <paramref name="service"/> on this server.</summary>
    public int PortOf(SessionService service) => service switch
    {
        SessionService.Webmail => WebmailPort,
        SessionService.Whm => WhmPort,
        _ => CpanelPort,
    };

    /// <summary>The server's name and host, never anything secret.</summary>
    public override string ToString() => $"{Name} ({Host})";
}
