using System.Globalization;

namespace CpanelSessionOps.Fleet;

/// <summary>Domain names as the fleet compares them: lower case, internationalised names in punycode.</summary>
internal static class DomainName
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private static readonly System.Buffers.SearchValues<char> LetterDigitHyphen =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>The ASCII (punycode) lower-case form, or null when <paramref name="domain"/> is not a valid domain name.</summary>
    public static string? ToAscii(string domain)
    {
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || domain.EndsWith('.') || domain.StartsWith('.'))
        {
            return null;
        }

        if (IsPlainLdh(domain))
        {
            // All IDNA does to such a name is lower-case it; skipping ICU matters on every mint (validation, then routing).
            // An already lower-case name comes back as the same string.
            var lower = domain.ToLowerInvariant();
            return lower.Contains('.', StringComparison.Ordinal) ? lower : null;
        }

        try
        {
            var ascii = Idn.GetAscii(domain).ToLowerInvariant();
            return ascii.Contains('.', StringComparison.Ordinal) && LabelsFit(ascii) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>ASCII letters, digits and hyphens in labels of 1 to 63 characters, none starting or ending with a hyphen or with
    /// hyphens in its third and fourth places (<c>xn--</c> punycode and other labels IDNA checks): a name IDNA maps by lower-casing
    /// it alone. Anything else goes through <see cref="IdnMapping"/>.</summary>
    private static bool IsPlainLdh(string domain)
    {
        var span = domain.AsSpan();
        foreach (var range in span.Split('.'))
        {
            var label = span[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || (label.Length >= 4 && label[2] == '-' && label[3] == '-') ||
                label.ContainsAnyExcept(LetterDigitHyphen))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every label has 1 to 63 characters.</summary>
    private static bool LabelsFit(string ascii)
    {
        var span = ascii.AsSpan();
        foreach (var range in span.Split('.'))
        {
            if (span[range].Length is 0 or > 63)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Unicode form of an ASCII (punycode) domain, or null when it cannot be decoded.</summary>
    public static string? ToUnicode(string asciiDomain)
    {
        try
        {
            return Idn.GetUnicode(asciiDomain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
