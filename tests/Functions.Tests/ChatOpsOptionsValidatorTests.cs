using CpanelSessionOps.Functions.ChatOps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>A mistyped chat secret reference stops the app at start, naming the setting, instead of turning every request of
/// that platform into a 401 later.</summary>
public sealed class ChatOpsOptionsValidatorTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpanelSessionOpsFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("SlackSigningSecret")]
    [InlineData("TeamsSecurityToken")]
    [InlineData("GitHubWebhookSecret")]
    [InlineData("GitHubToken")]
    [InlineData("GitHubAppPrivateKey")]
    public void StartupValidation_SecretSettingNotAReference_FailsNamingTheSettingNeverTheValue(string setting)
    {
        using var services = Build(new() { ["ChatOps:" + setting] = "keyvalt:Pasted-Secret-Value" });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"ChatOps:{setting} is not a secret reference; write keyvault:NAME", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pasted-Secret-Value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SecretReferencesAndUnsetPlatforms_AreAccepted()
    {
        using var services = Build(new()
        {
            ["ChatOps:SlackSigningSecret"] = "keyvault:slack-signing-secret",
            ["ChatOps:GitHubWebhookSecret"] = "env:GITHUB_WEBHOOK_SECRET",
        });

        var options = services.GetRequiredService<IOptions<ChatOpsOptions>>().Value;

        Assert.Equal("keyvault:slack-signing-secret", options.SlackSigningSecret);
        Assert.Null(options.TeamsSecurityToken);
    }
}
