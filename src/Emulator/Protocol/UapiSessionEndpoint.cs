using System.Net;
using System.Text.Json;
using CpanelSessionOps.Emulator.Internal;
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
            // Only a password-login browser session makes a temporary user; tokens and Basic get "created": 0.
            var acts = caller.Method == AuthMethod.Session;
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
        var checkPassword = function == ForMailUserCheckPassword;
        string? login = null, domain = null, password = null;
        if (function != ForSelf)
        {
            login = parameters.Get("login");
            domain = parameters.Get("domain");
            password = checkPassword ? parameters.Get("password") : "";
            List<string> missing = [];
            if (login is null)
            {
                missing.Add("login");
            }

            if (domain is null)
            {
                missing.Add("domain");
            }

            if (password is null)
            {
                missing.Add("password");
            }

            if (missing.Count > 0)
            {
                await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.MissingArguments(missing));
                return;
            }

            foreach (var (name, value) in new[] { ("login", login!), ("domain", domain!), ("password", password!) })
            {
                if (value.Length == 0 && (name != "password" || checkPassword))
                {
                    await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.EmptyArgument(name));
                    return;
                }
            }
        }

        var remoteAddress = parameters.Get("remote_address");
        if (string.IsNullOrEmpty(remoteAddress))
        {
            remoteAddress = ClientAddress(context);
        }
        else if (!CpanelText.IsValidIpAddress(remoteAddress))
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.InvalidIp(remoteAddress));
            return;
        }

        var locale = parameters.Get("locale");
        if (string.IsNullOrEmpty(locale))
        {
            locale = account.Locale;
        }
        else if (!CpanelText.Locales.Contains(locale))
        {
            await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.UnknownLocale(locale));
            return;
        }

        MintedSession session;
        string? hostname = null;
        if (function == ForSelf)
        {
            session = sessions.Mint(account.User, SessionService.Webmail, "CREATE_WEBMAIL_SESSION_FOR_SELF", locale, remoteAddress, null);
        }
        else
        {
            var address = login + "@" + domain;
            if (!directory.TryFindMailbox(address, out var owner, out var mailbox) || owner.User != account.User)
            {
                await Pages.WriteUapiErrorAsync(context, Module, function, CpanelText.NoSuchMailUser(address), checkPassword ? "UserNotFound" : null);
                return;
            }

            if (checkPassword)
            {
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

            session = sessions.Mint(mailbox.Address, SessionService.Webmail, "CREATE_WEBMAIL_SESSION_FOR_MAIL_USER", locale, remoteAddress, mailbox.Address);
            hostname = mailbox.RemoteHost;
        }

        await Pages.WriteUapiAsync(context, Module, function, writer => WriteSession(writer, hostname, session), null);
    }

    private static void WriteSession(Utf8JsonWriter writer, string? hostname, MintedSession session)
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
