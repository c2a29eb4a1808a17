using CpanelSessionOps.Cpanel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.Cpanel;

public sealed class CpanelServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCpanelClient_Defaults_ResolvesFactoryAndVerifierWithSaneOptions()
    {
        using var services = new ServiceCollection().AddCpanelClient().BuildServiceProvider(validateScopes: true);

        var options = services.GetRequiredService<IOptions<CpanelClientOptions>>().Value;

        Assert.NotNull(services.GetRequiredService<CpanelClientFactory>());
        Assert.NotNull(services.GetRequiredService<CpanelLoginVerifier>());
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 3), (options.AttemptTimeout, options.TotalTimeout, options.MaxRetryAttempts));
    }

    [Fact]
    public void AddCpanelClient_ConfigurationSection_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cpanel:AttemptTimeout"] = "00:00:04",
            ["Cpanel:MaxRetryAttempts"] = "1",
        }).Build();
        using var services = new ServiceCollection().AddCpanelClient(configuration.GetSection("Cpanel")).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<CpanelClientOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(4), 1), (options.AttemptTimeout, options.MaxRetryAttempts));
    }

    [Theory]
    [InlineData("MaxRetryAttempts", "11", "MaxRetryAttempts")]
    [InlineData("AttemptTimeout", "00:00:00", "AttemptTimeout")]
    [InlineData("TotalTimeout", "00:00:02", "TotalTimeout")]
    public void AddCpanelClient_InvalidOption_FailsAtStartNamingTheField(string key, string value, string field)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cpanel:" + key] = value }).Build();
        using var services = new ServiceCollection().AddCpanelClient(configuration.GetSection("Cpanel")).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CpanelClientOptions>>().Value);

        Assert.Contains(field, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCpanelClient_Twice_RegistersThePipelineOnceAndKeepsBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddCpanelClient(o => o.MaxRetryAttempts = 1);
        services.AddCpanelClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<CpanelClientOptions>>().Value;

        Assert.Equal((1, TimeSpan.FromSeconds(2)), (options.MaxRetryAttempts, options.AttemptTimeout));
        Assert.Single(services, d => d.ServiceType == typeof(CpanelClientFactory));
    }
}
