using System.Globalization;
using System.Text;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>WHM API 1 <c>create_user_session</c>, with root and reseller ownership and cPanel's failure reasons in order.</summary>
internal sealed class WhmSessionEndpoint(EmulatorDirectory directory, SessionStore sessions, Func<SessionService, int> portOf)
{
    public const string Function = "create_user_session";

    /// <summary>The applications a session may open (<c>app</c>), per service, with the page each goes to.</summary>
    private static readonly Dictionary<(string Service, string App), string> Applications = new()
    {
        [("cpaneld", "Email_Accounts")] = "frontend/jupiter/email_accounts/index.html",
        [("cpaneld", "FileManager_Home")] = "frontend/jupiter/filemanager/index.html",
        [("cpaneld", "Cron")] = "frontend/jupiter/cron/index.html",
        [("webmaild", "roundcube")] = "3rdparty/roundcube/index.php",
        [("webmaild", "Email_Accounts")] = "frontend/jupiter/mail/manage.html",
        [("whostmgrd", "ListAccts")] = "scripts4/listaccts",
        [("whostmgrd", "create_acct")] = "scripts5/wwwacctform",
    };

    public async Task HandleAsync(HttpContext context, Caller caller, string function)
    {
        var parameters = await RequestParameters.ReadAsync(context.Request);
        if (parameters.Get("api.version") != "1")
        {
            await Pages.WriteWhmFailureAsync(context, function, CpanelText.WhmVersionRequired);
            return;
        }

        if (!string.Equals(function, Function, StringComparison.Ordinal))
        {
            await Pages.WriteWhmFailureAsync(context, function, CpanelText.WhmUnknownFunction(function));
            return;
        }

        var user = parameters.Get("user");
        if (string.IsNullOrEmpty(user))
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmParameterRequired("user"));
            return;
        }

        var service = parameters.Get("service");
        if (string.IsNullOrEmpty(service))
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmParameterRequired("service"));
            return;
        }

        SessionService sessionService;
        switch (service)
        {
            case "cpaneld":
                sessionService = SessionService.Cpanel;
                break;
            case "webmaild":
                sessionService = SessionService.Webmail;
                break;
            case "whostmgrd":
                sessionService = SessionService.Whm;
                break;
            default:
                await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmServiceInvalid);
                return;
        }

        var target = Resolve(user);
        if (target is null)
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmUserMissing(user));
            return;
        }

        if (target.Suspended)
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmUserSuspended(user));
            return;
        }

        if (!MayCreateFor(caller, target))
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmNoPermission(user));
            return;
        }

        if (sessionService == SessionService.Whm && !target.IsWhmUser)
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmNotReseller(user));
            return;
        }

        if (target.Mailbox is not null && sessionService != SessionService.Webmail)
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmMailboxNeedsWebmail(user));
            return;
        }

        string? gotoUri = null;
        if (parameters.Get("app") is { Length: > 0 } app && !Applications.TryGetValue((service, app), out gotoUri))
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.WhmInvalidApp(app));
            return;
        }

        var locale = parameters.Get("locale");
        if (string.IsNullOrEmpty(locale))
        {
            locale = target.Locale;
        }
        else if (!CpanelText.Locales.Contains(locale))
        {
            await Pages.WriteWhmFailureAsync(context, Function, CpanelText.UnknownLocale(locale));
            return;
        }

        var session = sessions.Mint(
            target.Name, sessionService, "create_user_session", locale, UapiSessionEndpoint.ClientAddress(context), target.Mailbox?.Address);
        var host = parameters.Get("preferred_domain") is { Length: > 0 } preferred ? preferred : context.Request.Host.Host;
        var url = BuildLoginUrl(host, portOf(sessionService), session, gotoUri);

        await Pages.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteString("cp_security_token", session.SecurityToken);
            writer.WriteNumber("expires", session.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteString("locale", locale);
            writer.WriteString("service", service);
            writer.WriteString("session", session.Secret);
            writer.WriteString("url", url);
            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            writer.WriteString("command", Function);
            writer.WriteString("reason", "Created session");
            writer.WriteNumber("result", 1);
            writer.WriteNumber("version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary><c>https://HOST:PORT/cpsessN/login/?goto_uri=..&amp;locale=..&amp;session=..</c>: keys sorted, values encoded.</summary>
    internal static string BuildLoginUrl(string host, int port, MintedSession session, string? gotoUri)
    {
        var url = new StringBuilder("https://").Append(host).Append(':').Append(port.ToString(CultureInfo.InvariantCulture))
            .Append(session.SecurityToken).Append("/login/?");
        if (gotoUri is not null)
        {
            url.Append("goto_uri=").Append(CpanelText.UriEncode(gotoUri)).Append('&');
        }

        url.Append("locale=").Append(CpanelText.UriEncode(session.Locale));
        url.Append("&session=").Append(CpanelText.UriEncode(session.Secret));
        return url.ToString();
    }

    private Target? Resolve(string user)
    {
        if (user.Contains('@', StringComparison.Ordinal))
        {
            return directory.TryFindMailbox(user, out var owner, out var mailbox)
                ? new Target(mailbox.Address, owner, null, mailbox, owner.Suspended || mailbox.SuspendedLogin, owner.Locale)
                : null;
        }

        var account = directory.FindAccount(user);
        var whmUser = directory.FindWhmUser(user);
        if (account is null && whmUser is null && user != "root")
        {
            return null;
        }

        return new Target(user, account, whmUser ?? (user == "root" ? new SeedWhmUser { User = "root" } : null), null,
            account?.Suspended ?? false, account?.Locale ?? "en");
    }

    private static bool MayCreateFor(Caller caller, Target target)
    {
        if (caller.User == "root")
        {
            return true;
        }

        // A reseller may act for itself and for the accounts it owns (and so for their mailboxes).
        return target.Name == caller.User || target.Account?.Owner == caller.User || target.Account?.User == caller.User;
    }

    private sealed record Target(string Name, SeedAccount? Account, SeedWhmUser? WhmUser, SeedMailbox? Mailbox, bool Suspended, string Locale)
    {
        public bool IsWhmUser => WhmUser is not null && Mailbox is null;
    }
}
