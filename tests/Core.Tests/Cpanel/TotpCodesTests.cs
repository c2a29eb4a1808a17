using CpanelSessionOps.Cpanel;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class TotpCodesTests
{
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public async Task FromBase32Secret_Rfc6238Vectors_GiveTheStandardCodes(long unixSeconds, string code)
    {
        // RFC 6238 appendix B (SHA-1), secret "12345678901234567890", last six of the eight digits.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        var source = TotpCodes.FromBase32Secret(new SensitiveString("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), clock);

        Assert.Equal(code, await source(CancellationToken.None));
    }

    [Theory]
    [InlineData("not base32!")]
    [InlineData("")]
    public void FromBase32Secret_NotBase32_ThrowsWithoutRepeatingIt(string secret)
    {
        var exception = Assert.Throws<ArgumentException>(() => TotpCodes.FromBase32Secret(new SensitiveString(secret)));

        if (secret.Length > 0)
        {
            Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        }
    }
}
