using Aspire.Hosting.ApplicationModel;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>The sample app host, started once for every test of <see cref="SampleAppHostGroup"/> (a start costs
/// about 25 s): two emulators, the consumer and the API host, all healthy before the first test runs.</summary>
public sealed class SampleAppHostFixture : IAsyncLifetime
{
    /// <summary>A hang guard for the whole fixture; every wait below ends on an event long before it.</summary>
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(8));
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host has not started.");

    public CancellationToken Timeout => _timeout.Token;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CpanelSessionOps_AppHost>(Timeout);
        _app = await builder.BuildAsync(Timeout);
        await _app.StartAsync(Timeout);
        foreach (var resource in new[] { "cpanel", "cpanel-eu", "consumer", "api" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Timeout);
        }
    }

    public Task<ResourceEvent> WaitForHealthAsync(string resource, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.HealthStatus == status, Timeout);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(Timeout);
            await _app.DisposeAsync();
        }

        _timeout.Dispose();
    }
}

[CollectionDefinition(nameof(SampleAppHostGroup))]
public sealed class SampleAppHostGroup : ICollectionFixture<SampleAppHostFixture>;
