using CpanelSessionOps.Diagnostics;

namespace CpanelSessionOps.Core.Tests.Diagnostics;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("name:bench")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")]
    [InlineData("bücher.example")]
    public void Neutralise_CleanText_ReturnsTheSameString(string text)
    {
        Assert.Same(text, UntrustedText.Neutralise(text));
    }

    [Theory]
    [InlineData("alice\u007f@example.com", "alice\uFFFD@example.com")]
    [InlineData("alice\t@example.com", "alice\uFFFD@example.com")]
    [InlineData("alice\u202e@example.com", "alice\uFFFD@example.com")]
    [InlineData("alice\u00a0x", "alice\u00a0x")]
    public void Neutralise_ForgingCharacters_AreReplacedEvenAmongAscii(string text, string expected)
    {
        Assert.Equal(expected, UntrustedText.Neutralise(text));
    }

    [Fact]
    public void Neutralise_LongAsciiText_IsCut()
    {
        Assert.Equal(new string('a', 256), UntrustedText.Neutralise(new string('a', 300)));
    }
}
