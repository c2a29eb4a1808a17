using System.Net.Http.Json;
using System.Text.Json;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>The sample app host under Aspire's orchestrator: the emulator becomes healthy, the consumer mints and
/// verifies a session through it, and everything stops cleanly.</summary>
public sealed class AppHostTests
{
    [Fact]
    public async Task AppHost_Started_ConsumerMintsAndVerifiesThroughTheEmulator()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CpanelSessionOps_AppHost>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("cpanel", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("consumer", timeout.Token);
        using var http = app.CreateHttpClient("consumer");
        var alice = await http.GetFromJsonAsync<JsonElement>("/check/alice@example.com", timeout.Token);
        var bob = await http.GetFromJsonAsync<JsonElement>("/check/bob@example.com", timeout.Token);
        var health = await http.GetStringAsync("/health", timeout.Token);

        Assert.True(alice.GetProperty("ok").GetBoolean(), alice.ToString());
        Assert.False(bob.GetProperty("ok").GetBoolean());
        Assert.Equal("api", bob.GetProperty("errorClass").GetString());
        Assert.Equal("Healthy", health);
        await app.StopAsync(timeout.Token);
    }
}
