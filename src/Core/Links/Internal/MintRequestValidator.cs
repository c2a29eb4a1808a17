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

    private static readonly HashSet<string> Locales = new(StringComparer.Ordinal)
    {
        "ar", "bg", "cs", "da", "de", "el", "en", "es", "es_419", "es_es", "fi", "fil", "fr", "he", "hu", "id", "it", "ja", "ko",
        "ms", "nb", "nl", "no", "pl", "pt", "pt_br", "ro", "ru", "sl", "sv", "th", "tr", "uk", "vi", "zh", "zh_cn", "zh_tw",
    };

    /// <summary>The validated request: the target in canonical form (domain lower-case punycode).</summary>
    public static (string Target, string CorrelationId) Validate(MintRequest request)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        string? target = null;
        if (!Enum.IsDefined(request.Kind))
        {
            Add("kind", "must be webmail or cpanel.");
        }
        else if (request.Kind == LoginKind.Webmail)
        {
            target = ValidateAddress(request.Target, m => Add("target", m));
        }
        else if (string.IsNullOrEmpty(request.Target) || request.Target.Length > 16 || !IsCpanelUser(request.Target))
        {
            Add("target", "must be a cPanel user name: 1 to 16 lower-case letters and digits, starting with a letter.");
        }
        else
        {
            target = request.Target;
        }

        if (!Enum.IsDefined(request.Channel))
        {
            Add("channel", "must be http, slack, teams, github, action or cli.");
        }

        if (request.Caller is null || string.IsNullOrWhiteSpace(request.Caller.Id) || !Enum.IsDefined(request.Caller.Kind) ||
            request.Caller.Id.Length > 256 || request.Caller.Id.Any(char.IsControl))
        {
            Add("caller", "the caller's identity is missing or malformed.");
        }

        if (request.Locale is { } locale)
        {
            if (locale.Length == 0 || locale.Length > 16 || locale.Any(c => !(char.IsAsciiLetterLower(c) || c == '_')))
            {
                Add("locale", "must be a lower-case cPanel locale such as en, de or pt_br.");
            }
            else if (!Locales.Contains(locale))
            {
                Add("locale", $"“{locale}” is not a cPanel locale; use one such as en, de, fr, es, ja or pt_br.");
            }
        }

        if (request.EndUserAddress is { } address && !IsIpAddress(address))
        {
            Add("endUserAddress", "must be an IPv4 address (four numbers 0-255) or an IPv6 address, without a zone or port.");
        }

        var correlationId = request.CorrelationId;
        if (correlationId is null)
        {
            correlationId = Guid.NewGuid().ToString("N");
        }
        else if (!CorrelationIds.IsValid(correlationId))
        {
            Add("correlationId", "must be " + CorrelationIds.Rule);
        }

        if (errors.Count > 0)
        {
            throw new MintValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        return (target!, correlationId);
    }

    private static string? ValidateAddress(string? address, Action<string> error)
    {
        if (string.IsNullOrEmpty(address))
        {
            error("a mailbox address (login@domain) is required.");
            return null;
        }

        if (address.Length > 254)
        {
            error("is longer than 254 characters.");
            return null;
        }

        foreach (var rune in address.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
            {
                error("contains a control, invisible or whitespace character.");
                return null;
            }
        }

        if (address.AsSpan().IndexOfAny(Smuggling) >= 0)
        {
            error("contains a character not allowed in a mailbox address (: / ? # % \\ \" < > [ ] ( ) ; ,).");
            return null;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != address.LastIndexOf('@'))
        {
            error("must contain exactly one @: login@domain.");
            return null;
        }

        var login = address[..at];
        var domain = address[(at + 1)..];
        if (login.Length is 0 or > 64)
        {
            error("the part before @ must be 1 to 64 characters.");
            return null;
        }

        if (!login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '\'') ||
            login.StartsWith('.') || login.EndsWith('.') || login.Contains("..", StringComparison.Ordinal))
        {
            error("the part before @ may hold ASCII letters, digits and . _ - + ' (no leading, trailing or double dot).");
            return null;
        }

        if (domain.Split('.').Any(MixesScripts))
        {
            error("the domain mixes Latin letters with another script (a possible look-alike); write it in one script.");
            return null;
        }

        var ascii = DomainName.ToAscii(domain);
        if (ascii is null || ascii.Length > 253 || ascii.Split('.').Any(l => l.StartsWith('-') || l.EndsWith('-')) ||
            ascii.Split('.')[^1].All(char.IsAsciiDigit))
        {
            error("the part after @ is not a valid domain name.");
            return null;
        }

        // IDNA maps full-width, compatibility and ignorable characters (ｅ, K, U+034F) onto other letters: such an address
        // would silently become another, real mailbox. Accept only a domain already written the way it is read.
        var lower = string.Concat(domain.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c));
        if (!string.Equals(lower, ascii, StringComparison.Ordinal) && !string.Equals(lower, DomainName.ToUnicode(ascii), StringComparison.Ordinal))
        {
            error("the part after @ contains full-width, compatibility or invisible characters that stand for other letters; type the domain in plain characters.");
            return null;
        }

        // cPanel keeps mailbox logins in lower case; one canonical form also keeps per-mailbox limits honest.
        return login.ToLowerInvariant() + "@" + ascii;
    }

    private static bool MixesScripts(string label)
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

    private static bool IsCpanelUser(string user) => char.IsAsciiLetterLower(user[0]) && user.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

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

        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') &&
                                                   int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
