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
            return ascii.Contains('.', StringComparison.Ordinal) && ascii.Split('.').All(label => label.Length is > 0 and <= 63) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
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
