using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CpanelSessionOps.Emulator.Internal;

/// <summary>
/// The exact texts and formats a cPanel &amp; WHM server uses. cPanel prints typographic quotes (“ ” and ’), so do we.
/// </summary>
internal static class CpanelText
{
    public static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal)
    {
        "ar", "bg", "cs", "da", "de", "el", "en", "es", "es_419", "es_es", "fi", "fil", "fr", "he", "hu", "i_cpanel_snowmen",
        "id", "it", "ja", "ko", "ms", "nb", "nl", "no", "pl", "pt", "pt_br", "ro", "ru", "sl", "sv", "th", "tr", "uk", "vi",
        "zh", "zh_cn", "zh_tw",
    };

    public static string Quote(string value) => "“" + value + "”";

    /// <summary>“login”, “login” and “domain”, “a”, “b”, and “c”: cPanel's list wording.</summary>
    public static string MissingArguments(IReadOnlyList<string> names)
    {
        var quoted = names.Select(Quote).ToList();
        return quoted.Count switch
        {
            1 => $"Provide the {quoted[0]} argument.",
            2 => $"Provide the {quoted[0]} and {quoted[1]} arguments.",
            _ => $"Provide the {string.Join(", ", quoted.Take(quoted.Count - 1))}, and {quoted[^1]} arguments.",
        };
    }

    /// <summary>“login”, or “login” and “domain”, ...: every empty argument is named (cPanel's Cpanel::Args).</summary>
    public static string EmptyArguments(IReadOnlyList<string> names)
    {
        var quoted = names.Select(Quote).ToList();
        return quoted.Count switch
        {
            1 => $"The {quoted[0]} argument cannot be empty.",
            2 => $"The {quoted[0]} and {quoted[1]} arguments cannot be empty.",
            _ => $"The {string.Join(", ", quoted.Take(quoted.Count - 1))}, and {quoted[^1]} arguments cannot be empty.",
        };
    }

    public static string InvalidIp(string value) => $"{Quote(value)} is not a valid IP address.";

    public static string UnknownLocale(string value) => $"{Quote(value)} does not refer to any of this system’s locales.";

    public static string NoSuchMailUser(string address) => $"You do not have a user named {Quote(address)}.";

    public static string MailUserSuspended(string address) => $"Logins for {Quote(address)} are suspended.";

    public const string BadPassword = "The provided password is incorrect.";

    public static string RequestFailed(string errorId) =>
        $"The request failed. (Error ID: {errorId}) Ask your hosting provider to research this error in cPanel & WHM’s main error log.";

    /// <summary>The text cpsrvd builds around Perl's own <c>require</c> failure (straight apostrophe: Perl's); the tail
    /// after "in @INC" lists the server's include path, which the emulator shortens.</summary>
    public static string UnknownUapiModule(string module) =>
        $"Failed to load module {Quote(module)}: The system failed to load the module {Quote("Cpanel::API::" + module)} because of an error: " +
        $"Can't locate Cpanel/API/{module}.pm in @INC (you may need to install the Cpanel::API::{module} module).";

    public static string UnknownUapiFunction(string module, string function) =>
        $"The system could not find the function {Quote(function)} in the module {Quote(module)}.";

    public const string TokenPathRestriction = "Token authentication allows access to UAPI or API 2 calls only.";

    public static string WhmParameterRequired(string name) => $"The {Quote(name)} parameter is required.";

    public const string WhmServiceInvalid =
        "The “service” parameter is invalid. The only supported services for this API call are “cpaneld”, “webmaild”, and “whostmgrd”.";

    public static string WhmUserMissing(string user) => $"You cannot create a session for the user {Quote(user)} because they do not exist.";

    public static string WhmUserSuspended(string user) =>
        $"You cannot create a session for the user {Quote(user)} because they are currently suspended.";

    public static string WhmNoPermission(string user) => $"You do not have permission to create sessions for the user {Quote(user)}.";

    public static string WhmNotReseller(string user) =>
        $"You cannot create a {Quote("whostmgrd")} session for the user {Quote(user)} because they are not a reseller.";

    /// <summary>Not observed on a real server: the emulator's own wording for a mailbox asked for a non-webmail session.</summary>
    public static string WhmMailboxNeedsWebmail(string user) =>
        $"The {Quote("service")} parameter must be {Quote("webmaild")} for the mail user {Quote(user)}.";

    public static string WhmInvalidApp(string app) => $"The requested application, {app}, is invalid.";

    public static string WhmLocaleTooLong(string value) =>
        $"The {Quote(value)} parameter is invalid. The {Quote(value)} parameter may not be longer than 16 characters.";

    public static string WhmPreferredDomainInvalid(string value) =>
        $"The {Quote(value)} parameter is invalid. The {Quote(value)} parameter must be a valid domain name or IP address.";

    public static string WhmPreferredDomainNotHere(string value) =>
        $"The {Quote(value)} parameter is invalid. The {Quote(value)} parameter must be a domain or IP address on this server.";

    /// <summary>The emulator's own wording: cPanel's exact warning text for an unresolvable host name is not public.</summary>
    public static string WhmHostNotResolving(string host, string address) =>
        $"The system could not confirm that {Quote(host)} resolves to this server, so the URL uses the IP address {Quote(address)}.";

    public static string WhmUnknownFunction(string function) =>
        $"Unknown app ({Quote(function)}) requested for this version (1) of the API.";

    public const string WhmVersionRequired = "The emulator answers WHM API 1 only: add “api.version=1” to the query.";

    /// <summary>A strict IPv4 dotted quad or an IPv6 address; <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone accepts “1.2.3”.</summary>
    public static bool IsValidIpAddress(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0') ||
                int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>URI-encodes as cPanel does: everything but unreserved characters, with lower-case hex.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 3 / 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private const string SessionAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

    /// <summary><c>/cpsess</c> and ten digits, zero padded.</summary>
    public static string NewSecurityToken() => "/cpsess" + RandomNumberGenerator.GetString("0123456789", 10);

    /// <summary><c>user:16 of [A-Za-z0-9_]:TAG,32 lower-case hex</c>.</summary>
    public static string NewSessionString(string user, string tag) =>
        user + ":" + RandomNumberGenerator.GetString(SessionAlphabet, 16) + ":" + tag + "," + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The name a logged-in session carries in its cookie: <c>user:16 of [A-Za-z0-9_],32 lower-case hex</c>.</summary>
    public static string NewLoggedInSessionName(string user) =>
        user + ":" + RandomNumberGenerator.GetString(SessionAlphabet, 16) + "," + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string NewTempUser(string user) =>
        "cpses_" + user[..Math.Min(2, user.Length)] + RandomNumberGenerator.GetString("0123456789abcdefghijklmnopqrstuvwxyz", 8);

    /// <summary>Six lower-case letters and digits, as in cPanel's “(Error ID: 3y67mz)”.</summary>
    public static string NewErrorId() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 6);

    /// <summary>The cookie value of a fresh unauthenticated session, as a failed login sets it: <c>:16 of [A-Za-z0-9_],32 hex</c>
    /// URI-encoded (the emulator's rendering; a real server's unauthenticated session names are not public).</summary>
    public static string NewUnauthenticatedSessionName() =>
        UriEncode(":" + RandomNumberGenerator.GetString(SessionAlphabet, 16) + "," + RandomNumberGenerator.GetHexString(32, lowercase: true));

    /// <summary>The digits of <c>post_login=</c> on the landing page.</summary>
    public static string NewPostLogin() => RandomNumberGenerator.GetString("0123456789", 14);
}
