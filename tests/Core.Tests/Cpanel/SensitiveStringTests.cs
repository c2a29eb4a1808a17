using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class SensitiveStringTests
{
    [Fact]
    public void ToString_AnyValue_IsRedacted()
    {
        var secret = new SensitiveString("hunter2");

        Assert.Equal("[redacted]", secret.ToString());
        Assert.Equal("[redacted]", $"{secret}");
        Assert.Equal("hunter2", secret.Reveal());
    }

    [Fact]
    public void Equals_SameAndDifferentValues_ComparesTheSecret()
    {
        Assert.Equal(new SensitiveString("a"), new SensitiveString("a"));
        Assert.NotEqual(new SensitiveString("a"), new SensitiveString("b"));
    }

    [Fact]
    public void Record_HoldingASecret_PrintsItRedacted()
    {
        var request = new CheckPasswordSessionRequest("alice", "example.com", new SensitiveString("pw-123"));

        Assert.DoesNotContain("pw-123", request.ToString(), StringComparison.Ordinal);
    }
}
