using System.Globalization;
using System.Text;
using CpanelSessionOps.Cpanel.Internal;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// A session minted on a cPanel server, ready for one login within five minutes. The session string and the login
/// link are secrets (whoever holds them is logged in) and are kept apart as <see cref="SensitiveString"/>s.
/// </summary>
public sealed class MintedSession
{
    internal MintedSession(
        CpanelServer server, string function, SessionService service, string user, string securityToken, SensitiveString secret,
        string? hostname, DateTimeOffset expiresAt, string? locale, SensitiveString? whmUrl)
    {
        ServerName = server.Name;
        Function = function;
        Service = service;
        User = user;
        SecurityToken = securityToken;
        Secret = secret;
        Hostname = hostname;
        ExpiresAt = expiresAt;
        Locale = locale;
        Server = server;
        if (whmUrl is not null && Uri.TryCreate(whmUrl.Reveal(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            // WHM's url may carry its public IP or another of its names rather than the host that was called: log in where
            // it says (the cookie and every redirect belong to that host), unless the server names the host users must see.
            LoginHost = server.LoginHost ?? url.IdnHost;
            LoginPort = url.Port;
            _whmUrl = server.LoginHost is null ? whmUrl : new SensitiveString(WithHost(whmUrl.Reveal(), url, server.LoginHost));
        }
        else
        {
            LoginHost = hostname ?? server.LoginHost ?? server.Host;
            LoginPort = server.PortOf(service);
            _whmUrl = whmUrl;
        }
    }

    // Replaces only the host of WHM's url, keeping its port, path and query exactly as WHM encoded them.
    private static string WithHost(string text, Uri url, string host)
    {
        var pathStart = text.IndexOf('/', url.Scheme.Length + 3);
        return $"{url.Scheme}://{CpanelClient.UriHost(host)}:{url.Port.ToString(CultureInfo.InvariantCulture)}{(pathStart < 0 ? "/" : text[pathStart..])}";
    }

    // Built on first use: most callers need one way to log in, and minting stays cheap.
    private readonly SensitiveString? _whmUrl;
    private Uri? _loginFormTarget;
    private SensitiveString? _loginLink;

    private string LoginBase => $"https://{CpanelClient.UriHost(LoginHost)}:{LoginPort.ToString(CultureInfo.InvariantCulture)}{SecurityToken}/login";

    internal CpanelServer Server { get; }

    /// <summary>The name of the server that minted it.</summary>
    public string ServerName { get; }

    /// <summary>The API function that minted it.</summary>
    public string Function { get; }

    /// <summary>The service the session logs in to.</summary>
    public SessionService Service { get; }

    /// <summary>Whose session it is: a mailbox address, a cPanel user or a WHM user.</summary>
    public string User { get; }

    /// <summary>The session's security token, <c>/cpsessNNNNNNNNNN</c> (not a secret on its own).</summary>
    public string SecurityToken { get; }

    /// <summary>The session string: a bearer secret.</summary>
    public SensitiveString Secret { get; }

    /// <summary>The remote mail node that holds the mailbox, or <see langword="null"/> when the server itself does.</summary>
    public string? Hostname { get; }

    /// <summary>The host the login goes to: the server's <see cref="CpanelServer.LoginHost"/> when set; otherwise WHM's url's
    /// host as given, or for UAPI <see cref="Hostname"/> (a remote mail node, which wins over the login host) or the server's host.</summary>
    public string LoginHost { get; }

    /// <summary>The port the login goes to: WHM's url's, or for UAPI the server's Webmail port (2096 unless configured).</summary>
    public int LoginPort { get; }

    /// <summary>When the session stops being usable for its first login (WHM's <c>expires</c>; for UAPI five minutes after minting).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The session's locale when the server reported it.</summary>
    public string? Locale { get; }

    /// <summary>Where to POST the login form (<see cref="LoginFormBody"/>); carries no secret itself.</summary>
    public Uri LoginFormTarget => _loginFormTarget ??= new Uri(LoginBase);

    /// <summary>The form body to POST to <see cref="LoginFormTarget"/>: <c>session=...</c>, URL-encoded. A secret.</summary>
    public SensitiveString LoginFormBody => new("session=" + CpanelUriEncoding.Encode(Secret.Reveal()));

    /// <summary>A clickable login link (<c>https://HOST:PORT/cpsessN/login/?session=...</c>; WHM's <c>url</c> as given). A secret.</summary>
    public SensitiveString LoginLink =>
        _loginLink ??= _whmUrl ?? new SensitiveString(LoginBase + "/?session=" + CpanelUriEncoding.Encode(Secret.Reveal()));

    /// <summary>Describes the session without its secret.</summary>
    public override string ToString() =>
        new StringBuilder().Append(Service).Append(" session for ").Append(User).Append(" on ").Append(ServerName)
            .Append(" (").Append(SecurityToken).Append(", expires ").Append(ExpiresAt.ToString("u", CultureInfo.InvariantCulture)).Append(')')
            .ToString();
}
