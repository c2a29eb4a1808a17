using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Core.Tests.Credentials;

public sealed class SecretReferenceTests
{
    [Theory]
    [InlineData("keyvault:web1-whm-token", SecretSourceKind.KeyVault, "web1-whm-token", null, null)]
    [InlineData("https://myvault.vault.azure.net/secrets/web1-whm-token", SecretSourceKind.KeyVault, "web1-whm-token", "https://myvault.vault.azure.net/", null)]
    [InlineData("https://myvault.vault.azure.net/secrets/web1/0123abcd", SecretSourceKind.KeyVault, "web1", "https://myvault.vault.azure.net/", "0123abcd")]
    [InlineData("env:WEB1_TOKEN", SecretSourceKind.Environment, "WEB1_TOKEN", null, null)]
    [InlineData("inline:s3cret", SecretSourceKind.Inline, "inline", null, null)]
    public void Parse_AcceptedForms_AreRead(string text, SecretSourceKind kind, string name, string? vault, string? version)
    {
        var reference = SecretReference.Parse(text);

        Assert.Equal((kind, name, vault, version), (reference.Kind, reference.Name, reference.VaultUri?.ToString(), reference.Version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("web1-token")]
    [InlineData("keyvault:")]
    [InlineData("keyvault:bad_name!")]
    [InlineData("env:")]
    [InlineData("inline:")]
    [InlineData("http://myvault.vault.azure.net/secrets/x")]
    [InlineData("https://myvault.vault.azure.net/keys/x")]
    public void TryParse_NotAReference_SaysWhatIsAccepted(string text)
    {
        Assert.False(SecretReference.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void ToString_Inline_NeverShowsTheValue()
    {
        var reference = SecretReference.Parse("inline:hunter2-value");

        Assert.Equal("inline:[redacted]", reference.ToString());
        Assert.False(SecretReference.TryParse("inline:", out _, out var problem));
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }
}
