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

    public static string EmptyArgument(string name) => $"The {Quote(name)} argument cannot be empty.";

    public static string InvalidIp(string value) => $"{Quote(value)} is not a valid IP address.";

    public static string UnknownLocale(string value) => $"{Quote(value)} does not refer to any of this system’s locales.";

    public static string NoSuchMailUser(string address) => $"You do not have a user named {Quote(address)}.";

    public static string MailUserSuspended(string address) => $"Logins for {Quote(address)} are suspended.";

    public const string BadPassword = "The provided password is incorrect.";

    public static string RequestFailed(string errorId) =>
        $"The request failed. (Error ID: {errorId}) Ask your hosting provider to research this error in cPanel & WHM’s main error log.";

    public static string UnknownUapiModule(string module) =>
        $"Failed to load module {Quote(module)}: Can’t locate Cpanel/API/{module}.pm in @INC.";

    public static string UnknownUapiFunction(string module, string function) =>
        $"Could not find function {Quote(function)} in module {Quote(module)}.";

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

    public static string NewErrorId() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 6);
}
