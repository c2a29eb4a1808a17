using System.Text.Json.Nodes;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The response_url client as the app registers it (no redirects, https on 443, allowed hosts only), against a TLS listener.</summary>
public sealed class SlackResponseClientTests : IAsyncLifetime
{
    private FunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SlackResponseClient Client => _host.Services.GetRequiredService<SlackResponseClient>();

    private static JsonObject Message() => new() { ["response_type"] = "ephemeral", ["text"] = "link: https://127.0.0.1/cpsess0000000001/login/?session=secret" };

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task PostAsync_AllowedHostAnswersARedirect_IsNotFollowed(int status)
    {
        _host.Slack.Redirects["/commands/T1/9/r"] = (status, "https://evil.test/steal");

        var outcome = await Client.PostAsync("https://hooks.slack.com/commands/T1/9/r", Message(), "corr-1");

        Assert.Equal(SlackDelivery.Redirected, outcome);
        Assert.Equal([("hooks.slack.com", "/commands/T1/9/r")], _host.Slack.Requests.Select(r => (r.Host, r.Path)));
        Assert.Equal(["hooks.slack.com:443"], _host.Slack.Connections);
    }

    [Fact]
    public async Task PostAsync_AllowedHttpsUrl_IsDelivered()
    {
        var outcome = await Client.PostAsync("https://hooks.slack.com/commands/T1/9/ok", Message(), "corr-2");

        Assert.Equal(SlackDelivery.Delivered, outcome);
        Assert.Contains("cpsess0000000001", Assert.Single(_host.Slack.Requests).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.slack.com/commands/T1/9/x")]
    [InlineData("https://hooks.slack.com:444/commands/T1/9/x")]
    [InlineData("https://hooks.slack.com:80/commands/T1/9/x")]
    [InlineData("https://evil.test/commands/T1/9/x")]
    [InlineData("https://hooks.slack.com.evil.test/x")]
    [InlineData("https://evil.test\\@hooks.slack.com/x")]
    [InlineData("https://a:b@hooks.slack.com/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://[::1]/x")]
    [InlineData("/commands/T1/9/x")]
    [InlineData("")]
    [InlineData(null)]
    public async Task PostAsync_UrlNotHttpsOn443ToAnAllowedHost_IsRefusedWithoutAConnection(string? url)
    {
        var outcome = await Client.PostAsync(url, Message(), "corr-3");

        Assert.Equal(SlackDelivery.Refused, outcome);
        Assert.Empty(_host.Slack.Connections);
    }
}
