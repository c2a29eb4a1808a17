using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>
/// WHM API 1 <c>create_user_session</c> with cPanel's checks in cPanel's order (Whostmgr::API::1::Session): parameters,
/// service, the user exists, suspended, permission, locale, reseller, preferred_domain, app. A mailbox address is mapped to
/// the account that owns its domain, without checking that the mailbox exists or that anything is suspended. Other WHM
/// functions go to <see cref="WhmAccountEndpoint"/>.
/// </summary>
internal sealed partial class WhmSessionEndpoint(
    EmulatorDirectory directory, SessionStore sessions, Func<EmulatedSessionService, int> portOf, string hostName, WhmAccountEndpoint accounts)
{
    public const string Function = "create_user_session";

    /// <summary>The apps the jupiter theme knows, with their pages: only these add <c>goto_uri</c> to the url. The names are
    /// cPanel's documented ones; the pages are the emulator's.</summary>
    private static readonly Dictionary<(string Service, string App), string> ThemeApps = new()
    {
        [("cpaneld", "Backups_Home")] = "frontend/jupiter/backup/index.html",
        [("cpaneld", "Cron_Home")] = "frontend/jupiter/cron/index.html",
        [("cpaneld", "Database_phpMyAdmin")] = "3rdparty/phpMyAdmin/index.php",
        [("cpaneld", "Email_Accounts")] = "frontend/jupiter/email_accounts/index.html",
        [("cpaneld", "FileManager_Home")] = "frontend/jupiter/filemanager/index.html",
        [("whostmgrd", "ListAccts")] = "scripts4/listaccts",
    };

    public async Task HandleAsync(HttpContext context, Caller caller, string function)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request);
        if (parameters.Get("api.version") != "1")
        {
            await Pages.WriteWhmFailureAsync(context, function, CpanelText.WhmVersionRequired);
            return;
        }

        if (WhmAccountEndpoint.IsKnownFunction(function))
        {
            await accounts.HandleAsync(context, caller, function, parameters);
            return;
        }

        if (!string.Equals(function, Function, StringComparison.Ordinal))
        {
            await Pages.WriteWhmFailureAsync(context, function, CpanelText.WhmUnknownFunction(function));
            return;
        }

        var user = parameters.Get("user");
        if (user is null)
        {
            await FailAsync(context, CpanelText.WhmParameterRequired("user"));
            return;
        }

        var service = parameters.Get("service");
        if (service is null)
        {
            await FailAsync(context, CpanelText.WhmParameterRequired("service"));
            return;
        }

        EmulatedSessionService sessionService;
        switch (service)
        {
            case "cpaneld":
                sessionService = EmulatedSessionService.Cpanel;
                break;
            case "webmaild":
                sessionService = EmulatedSessionService.Webmail;
                break;
            case "whostmgrd":
                sessionService = EmulatedSessionService.Whm;
                break;
            default:
                await FailAsync(context, CpanelText.WhmServiceInvalid);
                return;
        }

        var target = Resolve(user);
        if (target is null)
        {
            await FailAsync(context, CpanelText.WhmUserMissing(user));
            return;
        }

        // Only a cPanel user's own suspension counts: for a mailbox address WHM checks neither the mailbox nor its account.
        if (target.Mailbox is null && target.Account is { Suspended: true })
        {
            await FailAsync(context, CpanelText.WhmUserSuspended(user));
            return;
        }

        if (!MayCreateFor(caller, target, sessionService))
        {
            await FailAsync(context, CpanelText.WhmNoPermission(user));
            return;
        }

        var locale = parameters.Get("locale");
        if (locale is { Length: > 16 })
        {
            await FailAsync(context, CpanelText.WhmLocaleTooLong(locale));
            return;
        }

        if (sessionService == EmulatedSessionService.Whm && !target.IsWhmUser)
        {
            await FailAsync(context, CpanelText.WhmNotReseller(user));
            return;
        }

        var preferred = parameters.Get("preferred_domain");
        if (preferred is { Length: > 0 })
        {
            if (!IsDomainOrIp(preferred))
            {
                await FailAsync(context, CpanelText.WhmPreferredDomainInvalid(preferred));
                return;
            }

            if (!IsOnThisServer(preferred))
            {
                await FailAsync(context, CpanelText.WhmPreferredDomainNotHere(preferred));
                return;
            }
        }

        string? gotoUri = null;
        if (parameters.Get("app") is { Length: > 0 } app)
        {
            // The only check is the form; an app the theme does not know still gets a session, just no goto_uri.
            if (!AppName().IsMatch(app))
            {
                await FailAsync(context, CpanelText.WhmInvalidApp(app));
                return;
            }

            if (sessionService != EmulatedSessionService.Webmail)
            {
                ThemeApps.TryGetValue((service, app), out gotoUri);
            }
        }

        if (target.Mailbox is not null && sessionService != EmulatedSessionService.Webmail)
        {
            await FailAsync(context, CpanelText.WhmMailboxNeedsWebmail(user));
            return;
        }

        var sessionLocale = string.IsNullOrEmpty(locale) ? target.Locale : locale;
        var session = sessions.Mint(
            target.Name, sessionService, "create_user_session", sessionLocale, UapiSessionEndpoint.ClientAddress(context), target.Mailbox);
        var (host, warning) = preferred is { Length: > 0 } ? (preferred, null) : UrlHost(context.Request.Host.Host);
        var sentLocale = string.IsNullOrEmpty(locale) ? null : locale;
        var url = BuildLoginUrl(host, portOf(sessionService), session, gotoUri, sentLocale);

        await Pages.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteString("cp_security_token", session.SecurityToken);
            writer.WriteNumber("expires", session.ExpiresAt.ToUnixTimeSeconds());
            if (sentLocale is not null)
            {
                writer.WriteString("locale", sentLocale);
            }

            writer.WriteString("service", service);
            writer.WriteString("session", session.Secret);
            writer.WriteString("url", url);
            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            writer.WriteString("command", Function);
            if (warning is not null)
            {
                writer.WriteStartObject("output");
                writer.WriteStartArray("warnings");
                writer.WriteStringValue(warning);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteString("reason", "Created session");
            writer.WriteNumber("result", 1);
            writer.WriteNumber("version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary><c>https://HOST:PORT/cpsessN/login/?goto_uri=..&amp;locale=..&amp;session=..</c>: keys sorted, values encoded,
    /// <c>locale</c> only when the call sent one.</summary>
    internal static string BuildLoginUrl(string host, int port, IssuedSession session, string? gotoUri, string? locale)
    {
        var url = new StringBuilder("https://").Append(host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host)
            .Append(':').Append(port.ToString(CultureInfo.InvariantCulture)).Append(session.SecurityToken).Append("/login/?");
        if (gotoUri is not null)
        {
            url.Append("goto_uri=").Append(CpanelText.UriEncode(gotoUri)).Append('&');
        }

        if (locale is not null)
        {
            url.Append("locale=").Append(CpanelText.UriEncode(locale)).Append('&');
        }

        url.Append("session=").Append(CpanelText.UriEncode(session.Secret));
        return url.ToString();
    }

    /// <summary>The Host the request came to, unless the server cannot confirm that name resolves to it (then its public IP,
    /// with a warning) or it prefers its SSL domain.</summary>
    private (string Host, string? Warning) UrlHost(string requestedHost)
    {
        var server = directory.Server;
        var isAddress = IPAddress.TryParse(requestedHost, out _);
        if (!isAddress && !server.HostnameResolves)
        {
            return (server.PublicIp, CpanelText.WhmHostNotResolving(requestedHost, server.PublicIp));
        }

        return (server.SslDomain ?? requestedHost, null);
    }

    private static bool IsDomainOrIp(string value) =>
        CpanelText.IsValidIpAddress(value) || SeedLoader.IsDomainName(value.ToLowerInvariant()) || value.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    private bool IsOnThisServer(string value)
    {
        var server = directory.Server;
        return directory.FindDomainOwner(value) is not null ||
            value.Equals(hostName, StringComparison.OrdinalIgnoreCase) ||
            value.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            value == server.PublicIp || value is "127.0.0.1" or "::1" ||
            (server.SslDomain is { } ssl && value.Equals(ssl, StringComparison.OrdinalIgnoreCase));
    }

    private static Task FailAsync(HttpContext context, string reason) => Pages.WriteWhmFailureAsync(context, Function, reason);

    private Target? Resolve(string user)
    {
        var at = user.LastIndexOf('@');
        if (at >= 0)
        {
            // A mailbox address is mapped to the account that owns its domain; the mailbox itself is not looked up.
            return at > 0 && directory.FindDomainOwner(user[(at + 1)..]) is { } owner
                ? new Target(user.ToLowerInvariant(), owner, null, user.ToLowerInvariant(), owner.Locale)
                : null;
        }

        if (user.Length == 0)
        {
            return null;
        }

        var account = directory.FindAccount(user);
        var whmUser = directory.FindWhmUser(user);
        if (account is null && whmUser is null && user != "root")
        {
            return null;
        }

        return new Target(user, account, whmUser ?? (user == "root" ? new SeedWhmUser { User = "root" } : null), null, account?.Locale ?? "en");
    }

    private static bool MayCreateFor(Caller caller, Target target, EmulatedSessionService service)
    {
        // root has no cPanel or Webmail to log in to: cPanel refuses those sessions even to root itself.
        if (target.Name == "root" && service != EmulatedSessionService.Whm)
        {
            return false;
        }

        if (caller.User == "root")
        {
            return true;
        }

        // A reseller may act for itself and for the accounts it owns (and so for their mailboxes).
        return target.Name == caller.User || target.Account?.Owner == caller.User || target.Account?.User == caller.User;
    }

    // cPanel's check is ^[0-9a-z-_]+$; its documented app names (Backups_Home, Cron_Home) have capitals, so case is ignored.
    [GeneratedRegex("^[0-9a-z_-]+$", RegexOptions.IgnoreCase)]
    private static partial Regex AppName();

    private sealed record Target(string Name, SeedAccount? Account, SeedWhmUser? WhmUser, string? Mailbox, string Locale)
    {
        public bool IsWhmUser => WhmUser is not null && Mailbox is null;
    }
}
