using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The <c>BackgroundWork</c> settings as the app binds them: bad ones stop it at start, naming the setting.</summary>
public sealed class BackgroundWorkOptionsTests
{
    private static BackgroundWorkOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCpanelSessionOpsFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BackgroundWorkOptions>>().Value;
    }

    [Fact]
    public void QueueServiceUri_IsEnough_AndTheDefaultsApply()
    {
        var options = Bind(new() { ["BackgroundWork:QueueServiceUri"] = "https://stexample.queue.core.windows.net/" });

        Assert.Equal(("chatops-work", "chatops-work-poison", 5), (options.QueueName, options.PoisonQueueName, options.MaxDequeueCount));
    }

    [Theory]
    [InlineData(null, null, null, null, "BackgroundWork:QueueServiceUri")]
    [InlineData("http://stexample.queue.core.windows.net/", null, null, null, "BackgroundWork:QueueServiceUri")]
    [InlineData(null, "UseDevelopmentStorage=true", "Chat_Work", null, "BackgroundWork:QueueName")]
    [InlineData(null, "UseDevelopmentStorage=true", "chat--work", null, "BackgroundWork:QueueName")]
    [InlineData(null, "UseDevelopmentStorage=true", "cw", null, "BackgroundWork:QueueName")]
    [InlineData(null, "UseDevelopmentStorage=true", null, "0", "BackgroundWork:MaxDequeueCount")]
    [InlineData(null, "UseDevelopmentStorage=true", null, "21", "BackgroundWork:MaxDequeueCount")]
    public void BadSetting_FailsAtStartNamingIt(string? uri, string? connectionString, string? queueName, string? maxDequeueCount, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BackgroundWork:QueueServiceUri"] = uri,
            ["BackgroundWork:ConnectionString"] = connectionString,
            ["BackgroundWork:QueueName"] = queueName,
            ["BackgroundWork:MaxDequeueCount"] = maxDequeueCount,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Bind(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
