using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.Policy;

/// <summary>The effective policy when rules come from configuration: a configured collection replaces the default.</summary>
public sealed class MintPolicyOptionsBindingTests
{
    private static MintPolicy FromConfiguration(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(configuration);
        return services.BuildServiceProvider().GetRequiredService<MintPolicy>();
    }

    private static readonly CallerIdentity Ops = new(CallerKind.GitHub, "octocat");

    [Fact]
    public void Authorize_RuleBoundWithKindsCpanelOnly_GrantsCpanelAndRefusesWebmail()
    {
        var policy = FromConfiguration(new()
        {
            ["Policy:Rules:0:Name"] = "cpanel-only",
            ["Policy:Rules:0:Callers:0"] = "github:octocat",
            ["Policy:Rules:0:Targets:0"] = "*",
            ["Policy:Rules:0:Kinds:0"] = "Cpanel",
        });

        policy.Authorize(Ops, LoginKind.Cpanel, MintChannel.GitHub, "demo");
        var refused = Assert.Throws<MintRefusedException>(() => policy.Authorize(Ops, LoginKind.Webmail, MintChannel.GitHub, "alice@example.com"));
        Assert.Equal(RefusalReason.Policy, refused.Reason);
        Assert.Contains("webmail", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_RuleBoundWithoutKinds_GrantsWebmailOnly()
    {
        var policy = FromConfiguration(new()
        {
            ["Policy:Rules:0:Callers:0"] = "github:octocat",
            ["Policy:Rules:0:Targets:0"] = "*",
        });

        policy.Authorize(Ops, LoginKind.Webmail, MintChannel.GitHub, "alice@example.com");
        Assert.Throws<MintRefusedException>(() => policy.Authorize(Ops, LoginKind.Cpanel, MintChannel.GitHub, "demo"));
    }

    [Fact]
    public void Options_BoundKinds_HoldExactlyWhatWasConfigured()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Policy:Rules:0:Callers:0"] = "github:octocat",
            ["Policy:Rules:0:Targets:0"] = "*",
            ["Policy:Rules:0:Kinds:0"] = "Cpanel",
        }).Build();
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(configuration);

        var rule = Assert.Single(services.BuildServiceProvider().GetRequiredService<IOptions<MintPolicyOptions>>().Value.Rules);

        Assert.Equal([LoginKind.Cpanel], rule.Kinds);
    }
}
