using CpanelSessionOps.Audit;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.DependencyInjection;

public sealed class CpanelSessionOpsServiceCollectionExtensionsTests
{
    private static readonly Dictionary<string, string?> OneServer = new()
    {
        ["Fleet:Servers:web1:Host"] = "web1.example.com",
        ["Fleet:Servers:web1:Auth"] = "WhmToken",
        ["Fleet:Servers:web1:UserName"] = "root",
        ["Fleet:Servers:web1:Secret"] = "env:WEB1_TOKEN",
        ["Fleet:Routes:0:Domain"] = "*",
        ["Fleet:Routes:0:Server"] = "web1",
    };

    private static IConfiguration Configuration(Dictionary<string, string?>? extra = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(OneServer.Concat(extra ?? [])).Build();

    [Fact]
    public void AddCpanelSessionOps_WithoutAddDeployChecks_LeavesTheRunnerToTheChecks()
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration());
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DeployCheckRunner)));
        Assert.True(provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(LinkMintingService)));
    }

    [Fact]
    public void AddDeployChecks_RegistersTheRunnerOverTheMintingService()
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration()).AddDeployChecks();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<DeployCheckRunner>());
    }

    [Fact]
    public void AddCpanelSessionOps_ILinkMinter_IsTheRegisteredMintingService()
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration());
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<LinkMintingService>(), provider.GetRequiredService<ILinkMinter>());
    }

    [Fact]
    public void ConfigurePolicyAndAudit_RunAfterConfigurationIsBound()
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration(new() { ["Policy:CallerLimit"] = "7", ["Audit:TableName"] = "FromConfig" }))
            .ConfigurePolicy(policy => policy.TargetLimit = 3)
            .ConfigureAudit(audit => audit.FailureMode = AuditFailureMode.FailOpen);
        using var provider = services.BuildServiceProvider();

        var policy = provider.GetRequiredService<IOptions<MintPolicyOptions>>().Value;
        var audit = provider.GetRequiredService<IOptions<AuditOptions>>().Value;

        Assert.Equal((7, 3), (policy.CallerLimit, policy.TargetLimit));
        Assert.Equal(("FromConfig", AuditFailureMode.FailOpen), (audit.TableName, audit.FailureMode));
    }

    [Fact]
    public async Task AddAuditSink_EveryRecordReachesTheAddedSinkBesideTheConfiguredOne()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpanelSessionOps(Configuration()).AddAuditSink<CollectingSink>();
        using var provider = services.BuildServiceProvider();

        var trail = provider.GetRequiredService<IAuditTrail>();
        var failure = await trail.RecordAsync(new AuditRecord(DateTimeOffset.UnixEpoch, "name:alice", MintChannel.Cli, LoginKind.Webmail,
            "alice@example.com", null, AuditOutcome.Refused, "policy", null, "c1", TimeSpan.Zero), CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal(2, provider.GetServices<IAuditSink>().Count());
        Assert.Equal("c1", Assert.Single(provider.GetServices<IAuditSink>().OfType<CollectingSink>().Single().Records).CorrelationId);
    }

    [Theory]
    [InlineData("Policy:CallerLimit", "0", "Policy: CallerLimit and TargetLimit must be at least 1 and RateLimitWindow positive.")]
    [InlineData("Policy:RateLimitWindow", "00:00:00", "Policy: CallerLimit and TargetLimit must be at least 1 and RateLimitWindow positive.")]
    [InlineData("Policy:Rules:0:Callers:0", "name:alice", "Policy:Rules: every rule needs at least one caller and one target pattern")]
    [InlineData("Audit:TableName", "audit-table", "Audit:TableName must be 3 to 63 letters and digits.")]
    [InlineData("Fleet:Secrets:VaultUri", "http://vault.example/", "Fleet:Secrets:VaultUri must be an https URI")]
    [InlineData("Fleet:Secrets:CacheDuration", "00:00:00", "Fleet:Secrets: CacheDuration and RetryAfterFailure must be positive")]
    public void StartupValidation_InvalidSetting_FailsAtStartNamingTheSetting(string key, string value, string expected)
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration(new() { [key] = value }));
        using var provider = services.BuildServiceProvider();

        // What a host runs before it starts: every options class registered with ValidateOnStart is checked here.
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_ValidSettings_Passes()
    {
        var services = new ServiceCollection();
        services.AddCpanelSessionOps(Configuration());
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private sealed class CollectingSink : IAuditSink
    {
        public List<AuditRecord> Records { get; } = [];

        public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }
    }
}
