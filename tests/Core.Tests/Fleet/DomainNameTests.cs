using System.Globalization;
using CpanelSessionOps.Fleet;

namespace CpanelSessionOps.Core.Tests.Fleet;

public sealed class DomainNameTests
{
    public static TheoryData<string> Names() =>
    [
        // Plain names, the fast path: lower-cased, nothing else.
        "example.com", "EXAMPLE.COM", "Mail.Example.Org", "a.b", "a-b.example", "123.example", "example.123", "x1-2-3.example",
        new string('a', 63) + ".example",
        // Labels IDNA looks at itself (or refuses): they must keep its answer.
        new string('a', 64) + ".example", "xn--bcher-kva.example", "XN--BCHER-KVA.EXAMPLE", "xn--.example", "xn--zz.example", "ab--cd.example",
        "-example.com", "example-.com", "a..b", "localhost", "exa_mple.com", "exa mple.com", "exa$mple.com", "bücher.example", "ＥＸＡＭＰＬＥ.com",
        "mail.bücher.example", "a.-b", "a.b-",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void ToAscii_AnyName_AgreesWithIdnMapping(string domain)
    {
        Assert.Equal(ThroughIdnMapping(domain), DomainName.ToAscii(domain));
    }

    [Fact]
    public void ToAscii_CanonicalName_ReturnsTheSameString()
    {
        // Routing relies on it to reuse a validated address instead of building it again.
        var domain = string.Concat("example", ".com");

        Assert.Same(domain, DomainName.ToAscii(domain));
    }

    // What ToAscii did for every name before plain names skipped ICU: the reference its answers must keep.
    private static string? ThroughIdnMapping(string domain)
    {
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || domain.EndsWith('.') || domain.StartsWith('.'))
        {
            return null;
        }

        try
        {
            var ascii = new IdnMapping { UseStd3AsciiRules = true, AllowUnassigned = false }.GetAscii(domain).ToLowerInvariant();
            return ascii.Contains('.', StringComparison.Ordinal) && ascii.Split('.').All(l => l.Length is > 0 and <= 63) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
