using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>How an emulator starts. Every port defaults to 0: any free port on loopback.</summary>
public sealed class CpanelEmulatorOptions
{
    /// <summary>The host name in the certificate and in WHM login URLs when a request names no other. Default <c>cpanel.test</c>.</summary>
    public string HostName { get; set; } = "cpanel.test";

    /// <summary>The cPanel (UAPI) port; a real server uses 2083. 0 picks a free port.</summary>
    public int CpanelPort { get; set; }

    /// <summary>The WHM (WHM API 1) port; a real server uses 2087. 0 picks a free port.</summary>
    public int WhmPort { get; set; }

    /// <summary>The Webmail (login) port; a real server uses 2096. 0 picks a free port.</summary>
    public int WebmailPort { get; set; }

    /// <summary>The plain-HTTP admin port for fault switches and inspection. 0 picks a free port.</summary>
    public int AdminPort { get; set; }

    /// <summary>A server certificate (with its private key) to serve instead of a freshly generated one, so a host can know
    /// its fingerprint before the emulator starts (the Aspire integration does). The caller keeps ownership.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>The accounts and mailboxes to serve; <see langword="null"/> uses <see cref="DefaultSeed"/>.</summary>
    public EmulatorSeed? Seed { get; set; }

    /// <summary>The clock behind session expiry, token expiry, one-time codes and <see cref="Faults.FaultKind.Latency"/> faults.
    /// Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>When true, a refused password (or missing credentials) is answered with HTTP 200 and the HTML login
    /// page, as some real servers and cPHulk blocks do, instead of HTTP 401.</summary>
    public bool PasswordFailureAsLoginPage { get; set; }

    /// <summary>The status of the login page shown for a failed session login: 401 (default) or 200, both seen in the field.</summary>
    public int LoginFailureStatusCode { get; set; } = 401;

    /// <summary>Where a successful login's 307 points: the theme page (default) or <c>/cpsessN/</c>, which redirects on.
    /// Real servers are not known to do one or the other, so a client must handle both.</summary>
    public Protocol.LoginRedirectTarget LoginRedirect { get; set; } = Protocol.LoginRedirectTarget.ThemePage;

    /// <summary>Whether a session string logs in once only (default true). Whether a real server lets one log in twice is
    /// not public; set false to serve a server that does.</summary>
    public bool SessionsAreSingleUse { get; set; } = true;

    /// <summary>The largest request body accepted, in bytes; larger ones get 413. Default 64 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>How many recent requests <see cref="CpanelEmulator.Requests"/> keeps. Default 1,000.</summary>
    public int RequestLogCapacity { get; set; } = 1000;

    internal void Validate()
    {
        foreach (var (name, port) in new[] { (nameof(CpanelPort), CpanelPort), (nameof(WhmPort), WhmPort), (nameof(WebmailPort), WebmailPort), (nameof(AdminPort), AdminPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new ArgumentOutOfRangeException(name, port, $"{name} must be 0 (any free port) to 65535.");
            }
        }

        // The emulator stands in for the server and references nothing of Core, so it keeps its own copy of Core's
        // host-name rule (CpanelServer.IsValidHost): the name it answers as must be one a client would accept.
        if (string.IsNullOrWhiteSpace(HostName) || Uri.CheckHostName(HostName) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            throw new ArgumentException($"HostName “{HostName}” is not a host name; use one such as cpanel.test.", nameof(HostName));
        }

        if (LoginFailureStatusCode is not (200 or 401))
        {
            throw new ArgumentOutOfRangeException(nameof(LoginFailureStatusCode), LoginFailureStatusCode, "LoginFailureStatusCode must be 200 or 401.");
        }

        if (MaxRequestBodySize < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBodySize), MaxRequestBodySize, "MaxRequestBodySize must be at least 1024 bytes.");
        }

        if (RequestLogCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestLogCapacity), RequestLogCapacity, "RequestLogCapacity must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("Certificate must include its private key.", nameof(Certificate));
        }
    }
}
