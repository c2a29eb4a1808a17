using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CpanelSessionOps.Fleet;

namespace CpanelSessionOps.Links.Internal;

/// <summary>
/// Checks a mint request before anything leaves the process. Strict on purpose: a mailbox address here becomes part of
/// a cPanel API call, so anything that could smuggle a path, query or header (<c>: / ? # %</c>, control characters,
/// whitespace) or pass as another address (mixed scripts, invisible characters) is refused.
/// </summary>
internal static class MintRequestValidator
{
    private static readonly System.Buffers.SearchValues<char> Smuggling = System.Buffers.SearchValues.Create(":/?#%\\\"<>[]();,");

    private static readonly System.Buffers.SearchValues<char> LoginCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+'");

    private static readonly System.Buffers.SearchValues<char> CpanelUserCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly HashSet<string> Locales = new(StringComparer.Ordinal)
    {
        "ar", "bg", "cs", "da", "de", "el", "en", "es", "es_419", "es_es", "fi", "fil", "fr", "he", "hu", "id", "it", "ja", "ko",
        "ms", "nb", "nl", "no", "pl", "pt", "pt_br", "ro", "ru", "sl", "sv", "th", "tr", "uk", "vi", "zh", "zh_cn", "zh_tw",
    };

    /// <summary>The validated request: the target in canonical form (domain lower-case punycode), and the correlation id
    /// (<paramref name="generatedCorrelationId"/> when the request has none).</summary>
    public static (string Target, string CorrelationId) Validate(MintRequest request, string generatedCorrelationId)
    {
        // Built only when something is wrong: a valid request allocates no error bookkeeping.
        Dictionary<string, List<string>>? errors = null;
        static void Add(ref Dictionary<string, List<string>>? errors, string field, string message)
        {
            errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        }

        string? target = null;
        if (!Enum.IsDefined(request.Kind))
        {
            Add(ref errors, "kind", "must be webmail or cpanel.");
        }
        else if (request.Kind == LoginKind.Webmail)
        {
            target = ValidateAddress(request.Target, out var error);
            if (error is not null)
            {
                Add(ref errors, "target", error);
            }
        }
        else if (string.IsNullOrEmpty(request.Target) || request.Target.Length > 16 || !IsCpanelUser(request.Target))
        {
            Add(ref errors, "target", "must be a cPanel user name: 1 to 16 lower-case letters and digits, starting with a letter.");
        }
        else
        {
            target = request.Target;
        }

        if (!Enum.IsDefined(request.Channel))
        {
            Add(ref errors, "channel", "must be http, slack, teams, github, action or cli.");
        }

        if (request.Caller is null || string.IsNullOrWhiteSpace(request.Caller.Id) || !Enum.IsDefined(request.Caller.Kind) ||
            request.Caller.Id.Length > 256 || HasControl(request.Caller.Id))
        {
            Add(ref errors, "caller", "the caller's identity is missing or malformed.");
        }

        if (request.Locale is { } locale)
        {
            if (locale.Length == 0 || locale.Length > 16 || !IsLowerLettersOrUnderscores(locale))
            {
                Add(ref errors, "locale", "must be a lower-case cPanel locale such as en, de or pt_br.");
            }
            else if (!Locales.Contains(locale))
            {
                Add(ref errors, "locale", $"“{locale}” is not a cPanel locale; use one such as en, de, fr, es, ja or pt_br.");
            }
        }

        if (request.EndUserAddress is { } address && !IsIpAddress(address))
        {
            Add(ref errors, "endUserAddress", "must be an IPv4 address (four numbers 0-255) or an IPv6 address, without a zone or port.");
        }

        var correlationId = request.CorrelationId;
        if (correlationId is null)
        {
            correlationId = generatedCorrelationId;
        }
        else if (!CorrelationIds.IsValid(correlationId))
        {
            Add(ref errors, "correlationId", "must be " + CorrelationIds.Rule);
        }

        if (errors is not null)
        {
            throw new MintValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return (target!, correlationId);
    }

    /// <summary>The canonical address, or null with <paramref name="error"/> saying what is wrong.</summary>
    private static string? ValidateAddress(string? address, out string? error)
    {
        error = Check(address, out var ascii);
        return error is null ? Canonical(address!, ascii!) : null;
    }

    private static string? Check(string? address, out string? ascii)
    {
        ascii = null;
        if (string.IsNullOrEmpty(address))
        {
            return "a mailbox address (login@domain) is required.";
        }

        if (address.Length > 254)
        {
            return "is longer than 254 characters.";
        }

        // Visible ASCII (a vectorised check, the common case) holds none of these and no other script; anything else is looked
        // at rune by rune.
        var visibleAscii = !address.AsSpan().ContainsAnyExceptInRange('!', '~');
        if (!visibleAscii)
        {
            foreach (var rune in address.EnumerateRunes())
            {
                var category = Rune.GetUnicodeCategory(rune);
                if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                {
                    return "contains a control, invisible or whitespace character.";
                }
            }
        }

        if (address.AsSpan().IndexOfAny(Smuggling) >= 0)
        {
            return "contains a character not allowed in a mailbox address (: / ? # % \\ \" < > [ ] ( ) ; ,).";
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != address.LastIndexOf('@'))
        {
            return "must contain exactly one @: login@domain.";
        }

        var login = address.AsSpan(0, at);
        var domain = address.AsSpan(at + 1);
        if (login.Length is 0 or > 64)
        {
            return "the part before @ must be 1 to 64 characters.";
        }

        if (login.ContainsAnyExcept(LoginCharacters) || login[0] == '.' || login[^1] == '.' || login.Contains("..", StringComparison.Ordinal))
        {
            return "the part before @ may hold ASCII letters, digits and . _ - + ' (no leading, trailing or double dot).";
        }

        if (!visibleAscii)
        {
            foreach (var label in domain.Split('.'))
            {
                if (MixesScripts(domain[label]))
                {
                    return "the domain mixes Latin letters with another script (a possible look-alike); write it in one script.";
                }
            }
        }

        ascii = DomainName.ToAscii(address[(at + 1)..]);
        if (ascii is null || ascii.Length > 253 || !HasValidLabels(ascii))
        {
            return "the part after @ is not a valid domain name.";
        }

        // IDNA maps full-width, compatibility and ignorable characters (ｅ, K, U+034F) onto other letters: such an address
        // would silently become another, real mailbox. Accept only a domain already written the way it is read.
        if (!EqualsAsciiLowered(domain, ascii) && (DomainName.ToUnicode(ascii) is not { } unicode || !EqualsAsciiLowered(domain, unicode)))
        {
            return "the part after @ contains full-width, compatibility or invisible characters that stand for other letters; type the domain in plain characters.";
        }

        return null;
    }

    /// <summary>cPanel keeps mailbox logins in lower case; one canonical form also keeps per-mailbox limits honest. An address
    /// already in that form is returned as it is.</summary>
    private static string Canonical(string address, string ascii)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var login = address.AsSpan(0, at);
        return !login.ContainsAnyInRange('A', 'Z') && address.AsSpan(at + 1).SequenceEqual(ascii)
            ? address
            : string.Concat(address[..at].ToLowerInvariant(), "@", ascii);
    }

    /// <summary>No label starts or ends with a hyphen, and the last is not all digits.</summary>
    private static bool HasValidLabels(string ascii)
    {
        var span = ascii.AsSpan();
        foreach (var range in span.Split('.'))
        {
            var label = span[range];
            if (label.Length > 0 && (label[0] == '-' || label[^1] == '-'))
            {
                return false;
            }
        }

        var last = span[(span.LastIndexOf('.') + 1)..];
        return last.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Whether <paramref name="text"/> with its ASCII capitals lowered equals <paramref name="other"/>.</summary>
    private static bool EqualsAsciiLowered(ReadOnlySpan<char> text, string other)
    {
        if (text.Length != other.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c) != other[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLowerLettersOrUnderscores(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MixesScripts(ReadOnlySpan<char> label)
    {
        bool latin = false, other = false;
        foreach (var c in label)
        {
            if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F')
            {
                latin = true;
            }
            else if (char.IsLetter(c))
            {
                other = true;
            }
        }

        return latin && other;
    }

    private static bool IsCpanelUser(string user) => char.IsAsciiLetterLower(user[0]) && !user.AsSpan().ContainsAnyExcept(CpanelUserCharacters);

    private static bool IsIpAddress(string value)
    {
        if (value.Length is 0 or > 45)
        {
            return false;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return !value.Contains('%', StringComparison.Ordinal) && !value.Contains('[', StringComparison.Ordinal) &&
                   IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // Four numbers 0-255 without leading zeros, read without splitting.
        var span = value.AsSpan();
        var parts = 0;
        foreach (var range in span.Split('.'))
        {
            var part = span[range];
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0') ||
                int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }
}
