using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>The sample app host under Aspire's orchestrator: the emulators become healthy, the consumer (client
/// integration) mints and verifies sessions through them, and the dashboard commands inject and clear faults.</summary>
[Collection(nameof(SampleAppHostGroup))]
public sealed class AppHostTests(SampleAppHostFixture fixture)
{
    [Fact]
    public async Task AppHost_Started_ConsumerMintsAndVerifiesThroughTheEmulator()
    {
        using var http = fixture.App.CreateHttpClient("consumer");
        var alice = await http.GetFromJsonAsync<JsonElement>("/check/alice@example.com", fixture.Timeout);
        var bob = await http.GetFromJsonAsync<JsonElement>("/check/bob@example.com", fixture.Timeout);
        var health = await http.GetStringAsync("/health", fixture.Timeout);

        Assert.True(alice.GetProperty("ok").GetBoolean(), alice.ToString());
        Assert.False(bob.GetProperty("ok").GetBoolean());
        Assert.Equal("api", bob.GetProperty("errorClass").GetString());
        Assert.Equal("Healthy", health);
    }

    [Fact]
    public async Task AppHost_Started_ApiHostMintsThroughTheEmulatorItReferences()
    {
        using var http = fixture.App.CreateHttpClient("api");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webmail/sessions")
        {
            Content = JsonContent.Create(new { email = "alice@example.com" }),
        };
        request.Headers.Add("X-Api-Key", "sample-api-key-change-me");

        using var response = await http.SendAsync(request, fixture.Timeout);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(fixture.Timeout);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("https://127.0.0.1:", body.GetProperty("loginUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("cpanel", body.GetProperty("server").GetString());
    }

    [Fact]
    public async Task AppHost_TwoEmulatorsReferenced_EachServesItsOwnMailboxes()
    {
        using var http = fixture.App.CreateHttpClient("consumer");

        // cpanel-eu serves only its seed file's example.eu; the default fleet (cpanel) only the built-in seed.
        var erinOnEu = await http.GetFromJsonAsync<JsonElement>("/eu/check/erin@example.eu", fixture.Timeout);
        var aliceOnEu = await http.GetFromJsonAsync<JsonElement>("/eu/check/alice@example.com", fixture.Timeout);
        var erinOnDefault = await http.GetFromJsonAsync<JsonElement>("/check/erin@example.eu", fixture.Timeout);
        var aliceOnDefault = await http.GetFromJsonAsync<JsonElement>("/check/alice@example.com", fixture.Timeout);

        Assert.True(erinOnEu.GetProperty("ok").GetBoolean(), erinOnEu.ToString());
        Assert.False(aliceOnEu.GetProperty("ok").GetBoolean());
        Assert.False(erinOnDefault.GetProperty("ok").GetBoolean());
        Assert.True(aliceOnDefault.GetProperty("ok").GetBoolean(), aliceOnDefault.ToString());
    }

    [Fact]
    public async Task InjectHttp503Command_Executed_TurnsTheEmulatorRedUntilClearFaults()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var http = fixture.App.CreateHttpClient("consumer");

        var injected = await commands.ExecuteCommandAsync("cpanel-eu", CpanelEmulatorResourceBuilderExtensions.InjectHttp503Command, fixture.Timeout);
        var red = await fixture.WaitForHealthAsync("cpanel-eu", HealthStatus.Unhealthy);
        var failing = await http.GetFromJsonAsync<JsonElement>("/eu/check/erin@example.eu", fixture.Timeout);
        var cleared = await commands.ExecuteCommandAsync("cpanel-eu", CpanelEmulatorResourceBuilderExtensions.ClearFaultsCommand, fixture.Timeout);
        await fixture.WaitForHealthAsync("cpanel-eu", HealthStatus.Healthy);
        var working = await http.GetFromJsonAsync<JsonElement>("/eu/check/erin@example.eu", fixture.Timeout);

        Assert.True(injected.Success, injected.Message);
        Assert.Contains(red.Snapshot.Properties, p => p.Name == "cpanel.faults" && Equals(p.Value, "Http503 on *"));
        Assert.False(failing.GetProperty("ok").GetBoolean());
        Assert.True(cleared.Success, cleared.Message);
        Assert.True(working.GetProperty("ok").GetBoolean(), working.ToString());
    }
}
