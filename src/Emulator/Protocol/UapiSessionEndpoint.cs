using System.Net;
using System.Text.Json;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>UAPI's <c>Session</c> module, <c>/execute/Session/&lt;function&gt;</c>, with cPanel's validation order and texts.</summary>
internal sealed class UapiSessionEndpoint(EmulatorDirectory directory, SessionStore sessions)
{
    public const string Module = "Session";
    public const string ForSelf = "create_webmail_session_for_self";
    public const string ForMailUser = "create_webmail_session_for_mail_user";
    public const string ForMailUserCheckPassword = "create_webmail_session_for_mail_user_check_password";
    public const string CreateTempUser = "create_temp_user";

    public static bool IsKnownFunction(string function) =>
        function is ForSelf or ForMailUser or ForMailUserCheckPassword or CreateTempUser;

    public async Task HandleAsync(HttpContext context, Caller caller, string module, string function)
    {
        if (!string.Equals(module, Module, StringComparison.Ordinal))
        {
            await Pages.WriteUapiErrorAsync(context, module, function, CpanelText.UnknownUapiModule(module));
            return;
        }

        if (!IsKnownFunction(function))
        {
            await Pages.WriteUapiErrorAsync(context, module, function, CpanelText.UnknownUapiFunction(module, function));
            return;
        }

        var account = caller.Account!;
        if (function == CreateTempUser)
        {
            // Only a password-login browser session makes a temporary user, and only once per session (Cpanel::API::Session):
            // later calls in that session, and every call with a token or Basic auth, get "created": 0.
            var acts = caller.Method == AuthMethod.Session && caller.BrowserSession?.TryCreateTempUser() == true;
            await Pages.WriteUapiAsync(context, Module, function, writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("created", acts ? 1 : 0);
                if (acts)
                {
                    writer.WriteString("session_temp_user", CpanelText.NewTempUser(account.User));
                }

                writer.WriteEndObject();
            }, null);
            return;
        }

        var parameters = await RequestParameters.ReadAsync(context.Request);
        if (function == ForSelf)
        {
            var selfAddress = await RemoteAddressAsync(context, parameters, function);
            var selfLocale = selfAddress is null ? null : await LocaleAsync(context, parameters, function, account.Locale);
            if (selfLocale is null)
            {
                return;
            }

            var own = sessions.Mint(account.User, EmulatedSessionService.Webmail, "CREATE_WEBMAIL_SESSION_FOR_SELF", selfLocale, selfAddress!, null);
            await Pages.WriteUapiAsync(context, Module, function, writer => WriteSession(writer, null, own), null);
            return;
        }

        var checkPassword = function == ForMailUserCheckPassword;
        string[] names = checkPassword ? ["login", "domain", "password"] : ["login", "domain"];
        var values = names.Select(parameters.Get).ToArray();
        // cPanel's Cpanel::Args: create_webmail_session_for_mail_user asks for all its arguments at once and names every
        // missing one; the check_password variant asks for them one at a time, so it names only the first missing one.
        var missing = names.Where((_, i) => values[i] is null).ToList();
        if (missing.Count > 0)
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.MissingArguments(checkPassword ? [missing[0]] : missing));
            return;
        }

        var empty = names.Where((_, i) => values[i]!.Length == 0).ToList();
        if (empty.Count > 0)
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.EmptyArguments(empty));
            return;
        }

        var (login, domain, password) = (values[0]!, values[1]!, checkPassword ? values[2]! : null);
        var address = login + "@" + domain;
        SeedMailbox? mailbox = null;
        if (checkPassword)
        {
            // check_password proves the mailbox first: it exists, its login is not suspended, the password is right;
            // only then does it take the common path (remote_address, ownership, locale).
            mailbox = await OwnedMailboxAsync(context, function, account, domain, address, "UserNotFound");
            if (mailbox is null)
            {
                return;
            }

            if (mailbox.SuspendedLogin)
            {
                await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.MailUserSuspended(address), "Suspended");
                return;
            }

            if (mailbox.Password is not { } expected || !Authenticator.PasswordsMatch(expected, password!))
            {
                await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.BadPassword, "BadPassword");
                return;
            }
        }

        var remoteAddress = await RemoteAddressAsync(context, parameters, function);
        if (remoteAddress is null)
        {
            return;
        }

        mailbox ??= await OwnedMailboxAsync(context, function, account, domain, address, null);
        if (mailbox is null)
        {
            return;
        }

        var locale = await LocaleAsync(context, parameters, function, account.Locale);
        if (locale is null)
        {
            return;
        }

        var session = sessions.Mint(mailbox.Address, EmulatedSessionService.Webmail, "CREATE_WEBMAIL_SESSION_FOR_MAIL_USER", locale, remoteAddress, mailbox.Address);
        await Pages.WriteUapiAsync(context, Module, function, writer => WriteSession(writer, mailbox.RemoteHost, session), null);
    }

    /// <summary>The mailbox when the caller's account owns it; otherwise answers (generic failure when the domain is not on
    /// the server at all: cPanel does not pass its DomainDoesNotExist through) and returns null.</summary>
    private async Task<SeedMailbox?> OwnedMailboxAsync(
        HttpContext context, string function, SeedAccount account, string domain, string address, string? errorType)
    {
        if (directory.FindDomainOwner(domain) is null)
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.RequestFailed(CpanelText.NewErrorId()));
            return null;
        }

        if (!directory.TryFindMailbox(address, out var owner, out var mailbox) || owner.User != account.User)
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.NoSuchMailUser(address), errorType);
            return null;
        }

        return mailbox;
    }

    /// <summary>The given <c>remote_address</c> or the caller's; null after answering when it is not a valid IP.</summary>
    private static async Task<string?> RemoteAddressAsync(HttpContext context, RequestParameters parameters, string function)
    {
        var remoteAddress = parameters.Get("remote_address");
        if (string.IsNullOrEmpty(remoteAddress))
        {
            return ClientAddress(context);
        }

        if (!CpanelText.IsValidIpAddress(remoteAddress))
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.InvalidIp(remoteAddress));
            return null;
        }

        return remoteAddress;
    }

    /// <summary>The given <c>locale</c> or the account's; null after answering when the server has no such locale.</summary>
    private static async Task<string?> LocaleAsync(HttpContext context, RequestParameters parameters, string function, string accountLocale)
    {
        var locale = parameters.Get("locale");
        if (string.IsNullOrEmpty(locale))
        {
            return accountLocale;
        }

        if (!CpanelText.Locales.Contains(locale))
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.UnknownLocale(locale));
            return null;
        }

        return locale;
    }

    private static void WriteSession(Utf8JsonWriter writer, string? hostname, IssuedSession session)
    {
        writer.WriteStartObject();
        if (hostname is null)
        {
            writer.WriteNull("hostname");
        }
        else
        {
            writer.WriteString("hostname", hostname);
        }

        writer.WriteString("session", session.Secret);
        writer.WriteString("token", session.SecurityToken);
        writer.WriteEndObject();
    }

    internal static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
