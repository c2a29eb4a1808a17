using CpanelSessionOps.Checks;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>The client integration: what a service gets from a connection string and its settings.</summary>
public sealed class CpanelSessionOpsExtensionsTests
{
    private const string Token = "SECRETTOKEN;0000000000000000001";
    private const string ConnectionString =
        "Host=web1.example.com;CpanelPort=2083;WhmPort=2087;WebmailPort=2096;Auth=WhmToken;UserName=root;Token=SECRETTOKEN%3B0000000000000000001;Pins=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    [Fact]
    public void AddCpanelSessionOps_ConnectionString_AddsTheServerToTheFleetWithHealthAndTelemetry()
    {
        var builder = Builder(new() { ["ConnectionStrings:cpanel"] = ConnectionString });

        builder.AddCpanelSessionOps("cpanel");
        using var host = builder.Build();
        var services = host.Services;

        var fleet = services.GetRequiredService<IOptions<FleetOptions>>().Value;
        var server = fleet.Servers["cpanel"];
        Assert.Equal("web1.example.com", server.Host);
        Assert.Equal((2083, 2087, 2096), (server.CpanelPort, server.WhmPort, server.WebmailPort));
        Assert.Equal(FleetAuthKind.WhmToken, server.Auth);
        Assert.Equal("root", server.UserName);
        Assert.Equal("inline:" + Token, server.Secret);
        Assert.Equal([new string('A', 64), new string('B', 64)], server.PinnedCertificateSha256);
        Assert.Contains(fleet.Routes, r => r.Domain == "*" && r.Server == "cpanel");
        Assert.NotNull(services.GetService<LinkMintingService>());
        Assert.NotNull(services.GetService<DeployCheckRunner>());
        Assert.Contains(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "CpanelSessionOps");
        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddCpanelSessionOps_SettingsSection_RoutesItsDomainsAndHonoursTheSwitches()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:cpanel"] = ConnectionString,
            ["Aspire:CpanelSessionOps:cpanel:Domains:0"] = "example.com",
            ["Aspire:CpanelSessionOps:DisableHealthChecks"] = "true",
            ["Aspire:CpanelSessionOps:DisableTracing"] = "true",
            ["Aspire:CpanelSessionOps:cpanel:DisableMetrics"] = "true",
        });

        builder.AddCpanelSessionOps("cpanel");
        using var host = builder.Build();
        var services = host.Services;

        var fleet = services.GetRequiredService<IOptions<FleetOptions>>().Value;
        Assert.Equal([("example.com", "cpanel")], fleet.Routes.Select(r => (r.Domain, r.Server)));
        Assert.DoesNotContain(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "CpanelSessionOps");
        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddCpanelSessionOps_SecretReference_TheFleetReadsTheTokenWhereItLives()
    {
        var builder = Builder(new() { ["ConnectionStrings:web1"] = "Host=web1.example.com;Auth=WhmToken;UserName=root;Secret=keyvault:web1-whm-token" });

        builder.AddCpanelSessionOps("web1");
        using var host = builder.Build();

        Assert.Equal("keyvault:web1-whm-token", host.Services.GetRequiredService<IOptions<FleetOptions>>().Value.Servers["web1"].Secret);
    }

    [Fact]
    public void AddCpanelSessionOps_NoConnectionString_ThrowsNamingTheSetting()
    {
        var builder = Builder([]);

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddCpanelSessionOps("cpanel"));

        Assert.Contains("ConnectionStrings:cpanel", error.Message, StringComparison.Ordinal);
        Assert.Contains("WithReference(cpanel)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(LinkMintingService));
    }

    [Theory]
    [InlineData("Host=web1.example.com;UserName=root;Token=SECRETTOKEN;Colour=blue", "'Colour'")]
    [InlineData("UserName=root;Token=SECRETTOKEN", "Host is required")]
    [InlineData("Host=web1.example.com;UserName=root;Token=SECRETTOKEN;WhmPort=99999", "WhmPort '99999'")]
    [InlineData("Host=web1.example.com;UserName=root;Token=SECRETTOKEN;Auth=Kerberos", "Auth 'Kerberos'")]
    [InlineData("Host=web1.example.com;Token=SECRETTOKEN", "UserName is required")]
    [InlineData("Host=web1.example.com;UserName=root", "Token or Secret is required")]
    [InlineData("Host=web1.example.com;UserName=root;Token=SECRETTOKEN;Secret=env:WEB1_TOKEN", "not both")]
    [InlineData("Host=web1.example.com;UserName=root;Secret=somewhere", "Secret is not a secret reference")]
    [InlineData("Host=web1.example.com;UserName=root;Token=\"SECRETTOKEN", "KEY=VALUE")]
    public void AddCpanelSessionOps_BadConnectionString_ThrowsNamingTheKeyAndNeverTheToken(string connectionString, string expected)
    {
        var builder = Builder(new() { ["ConnectionStrings:web1"] = connectionString });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddCpanelSessionOps("web1"));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ConnectionStrings:web1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETTOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyedCpanelSessionOps_TwoServers_EachGetsAFleetOfItsOwn()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:web1"] = ConnectionString,
            ["ConnectionStrings:web2"] = ConnectionString.Replace("web1.example.com", "web2.example.com", StringComparison.Ordinal),
        });

        builder.AddKeyedCpanelSessionOps("web1");
        builder.AddKeyedCpanelSessionOps("web2", settings => settings.DisableHealthChecks = true);
        using var host = builder.Build();
        var services = host.Services;

        Assert.Equal(["web1"], services.GetRequiredKeyedService<CpanelFleet>("web1").ServerNames);
        Assert.Equal(["web2"], services.GetRequiredKeyedService<CpanelFleet>("web2").ServerNames);
        Assert.NotSame(services.GetRequiredKeyedService<LinkMintingService>("web1"), services.GetRequiredKeyedService<LinkMintingService>("web2"));
        Assert.NotNull(services.GetRequiredKeyedService<DeployCheckRunner>("web2"));
        Assert.Null(services.GetService<LinkMintingService>());
        var checks = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
        Assert.Contains("CpanelSessionOps_web1", checks);
        Assert.DoesNotContain("CpanelSessionOps_web2", checks);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
