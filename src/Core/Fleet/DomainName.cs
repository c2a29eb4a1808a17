using System.Globalization;

namespace CpanelSessionOps.Fleet;

/// <summary>Domain names as the fleet compares them: lower case, internationalised names in punycode.</summary>
internal static class DomainName
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The ASCII (punycode) lower-case form, or null when <paramref name="domain"/> is not a valid domain name.</summary>
    public static string? ToAscii(string domain)
    {
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || domain.EndsWith('.') || domain.StartsWith('.'))
        {
            return null;
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
