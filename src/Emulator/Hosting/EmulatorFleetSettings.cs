using System.Globalization;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Hosting;

/// <summary>
/// A running emulator as one server of a CpanelSessionOps fleet (from <see cref="CpanelEmulator.ToFleetSettings"/>): the
/// address and ports to call, the certificate to pin, the seed's API token that mints and the domains it serves. Hosts
/// that cannot take Core's types read the values; the rest take <see cref="ToConfiguration"/>, the fleet configuration
/// that appsettings and environment variables carry (section <c>Fleet</c>, README "Fleet configuration and secrets").
/// The token is demo data from the seed, never a real secret; <see cref="object.ToString"/> does not show it.
/// </summary>
public sealed class EmulatorFleetSettings
{
    internal EmulatorFleetSettings(CpanelEmulator emulator, EmulatorCredentialKind auth, string userName, string token, IEnumerable<SeedAccount> accounts)
    {
        Host = emulator.CpanelUri.Host;
        CpanelPort = emulator.CpanelUri.Port;
        WhmPort = emulator.WhmUri.Port;
        WebmailPort = emulator.WebmailUri.Port;
        CertificateSha256 = emulator.CertificateSha256;
        CertificatePem = emulator.CertificatePem;
        Auth = auth;
        UserName = userName;
        Token = token;
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
        {
            foreach (var domain in account.Domains)
            {
                owners.TryAdd(domain, account.User);
            }
        }

        DomainOwners = owners;
    }

    /// <summary>The address the API is called on: the loopback address the emulator listens on (<c>127.0.0.1</c>).</summary>
    public string Host { get; }

    /// <summary>The cPanel (UAPI) port.</summary>
    public int CpanelPort { get; }

    /// <summary>The WHM port.</summary>
    public int WhmPort { get; }

    /// <summary>The Webmail port.</summary>
    public int WebmailPort { get; }

    /// <summary>The SHA-256 fingerprint to pin: the emulator's self-signed certificate, upper-case hex.</summary>
    public string CertificateSha256 { get; }

    /// <summary>The certificate as PEM, for clients that trust a CA file instead of a pin.</summary>
    public string CertificatePem { get; }

    /// <summary>How calls authenticate: the fleet configuration's <c>Auth</c>.</summary>
    public EmulatorCredentialKind Auth { get; }

    /// <summary>Whose token it is: the WHM user, or the cPanel account.</summary>
    public string UserName { get; }

    /// <summary>The API token (the seed's, demo data).</summary>
    public string Token { get; }

    /// <summary>The domains this credential can mint for, each with the cPanel account that owns it (a route's <c>Owner</c>).</summary>
    public IReadOnlyDictionary<string, string> DomainOwners { get; }

    /// <summary>
    /// The server as fleet configuration keys (<c>Fleet:Servers:NAME:Host</c>, ports, <c>PinnedCertificateSha256:0</c>,
    /// <c>Auth</c>, <c>UserName</c>, <c>Secret</c>), plus <c>Fleet:Routes:N</c> for <paramref name="routes"/> numbered from 0,
    /// each with its owner when the seed names one: bind them with Core's <c>AddCpanelFleet(configuration.GetSection("Fleet"))</c>.
    /// </summary>
    /// <param name="serverName">The server's name in the fleet.</param>
    /// <param name="secret">Where the token lives (<c>keyvault:NAME</c>, <c>env:NAME</c>); by default the token inline
    /// (<c>inline:TOKEN</c>), which Core accepts with a warning.</param>
    /// <param name="routes">Domains to route to this server: <c>example.com</c>, <c>*.example.com</c> or <c>*</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="serverName"/> is empty.</exception>
    public IReadOnlyDictionary<string, string?> ToConfiguration(string serverName, string? secret = null, params IEnumerable<string> routes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverName);
        ArgumentNullException.ThrowIfNull(routes);
        var server = $"Fleet:Servers:{serverName}:";
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [server + "Host"] = Host,
            [server + "CpanelPort"] = CpanelPort.ToString(CultureInfo.InvariantCulture),
            [server + "WhmPort"] = WhmPort.ToString(CultureInfo.InvariantCulture),
            [server + "WebmailPort"] = WebmailPort.ToString(CultureInfo.InvariantCulture),
            [server + "PinnedCertificateSha256:0"] = CertificateSha256,
            [server + "Auth"] = Auth.ToString(),
            [server + "UserName"] = UserName,
            [server + "Secret"] = secret ?? "inline:" + Token,
        };
        var index = 0;
        foreach (var domain in routes)
        {
            var route = $"Fleet:Routes:{index++}:";
            configuration[route + "Domain"] = domain;
            configuration[route + "Server"] = serverName;
            if (DomainOwners.TryGetValue(domain, out var owner))
            {
                configuration[route + "Owner"] = owner;
            }
        }

        return configuration;
    }
}
