using CpanelSessionOps.Fleet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.Fleet;

public sealed class FleetOptionsValidatorTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Fleet:Servers:web1:Host"] = "web1.example.com",
        ["Fleet:Servers:web1:Auth"] = "WhmToken",
        ["Fleet:Servers:web1:UserName"] = "root",
        ["Fleet:Servers:web1:Secret"] = "keyvault:web1-whm",
        ["Fleet:Servers:shop:Host"] = "web2.example.com",
        ["Fleet:Servers:shop:Auth"] = "CpanelToken",
        ["Fleet:Servers:shop:UserName"] = "shop",
        ["Fleet:Servers:shop:Secret"] = "env:SHOP_TOKEN",
        ["Fleet:Routes:0:Domain"] = "example.com",
        ["Fleet:Routes:0:Server"] = "web1",
        ["Fleet:Routes:1:Domain"] = "*.example.org",
        ["Fleet:Routes:1:Server"] = "shop",
    };

    [Fact]
    public void Validate_WellFormedFleet_Passes()
    {
        var options = Resolve(Valid);

        Assert.Equal(2, options.Servers.Count);
        Assert.Equal(2, options.Routes.Count);
    }

    [Theory]
    [InlineData("Fleet:Routes:0:Server", "web9", "Fleet:Routes:0:Server “web9” is not in Fleet:Servers")]
    [InlineData("Fleet:Routes:1:Domain", "EXAMPLE.com", "Fleet:Routes:1:Domain “EXAMPLE.com” is routed twice (also Fleet:Routes:0)")]
    [InlineData("Fleet:Servers:web1:Secret", "", "Fleet:Servers:web1:Secret: a secret reference is required")]
    [InlineData("Fleet:Servers:web1:Secret", "just-a-token", "Fleet:Servers:web1:Secret: “just-a-token” is not a secret reference")]
    [InlineData("Fleet:Servers:web1:WhmPort", "70000", "Fleet:Servers:web1:WhmPort 70000 is not a port")]
    [InlineData("Fleet:Servers:web1:Host", "not a host", "Fleet:Servers:web1:Host “not a host” is not a host name")]
    [InlineData("Fleet:Servers:web1:UserName", "", "Fleet:Servers:web1:UserName is required")]
    [InlineData("Fleet:Servers:web1:PinnedCertificateSha256:0", "abc", "Fleet:Servers:web1:PinnedCertificateSha256 “abc” is not a SHA-256 fingerprint")]
    [InlineData("Fleet:Routes:0:Domain", "not a domain", "Fleet:Routes:0:Domain “not a domain” is not a domain name")]
    [InlineData("Fleet:Routes:1:Owner", "acme", "Fleet:Routes:1:Owner “acme” differs from Fleet:Servers:shop:UserName “shop”")]
    [InlineData("Fleet:Servers:web1:TotpSecret", "env:TOTP", "Fleet:Servers:web1:TotpSecret applies to Password servers only")]
    public void Validate_BadEntry_FailsAtStartNamingIt(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };

        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(exception.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsThemAllAtOnce()
    {
        var settings = new Dictionary<string, string?>(Valid) { ["Fleet:Servers:web1:Secret"] = "", ["Fleet:Routes:1:Server"] = "nope" };

        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Equal(2, exception.Failures.Count());
    }

    [Fact]
    public void Validate_NoServers_SaysToAddOne()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve([]));

        Assert.Contains(exception.Failures, f => f.StartsWith("Fleet:Servers is empty", StringComparison.Ordinal));
    }

    private static FleetOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddCpanelFleet(configuration.GetSection("Fleet")).BuildServiceProvider();
        return services.GetRequiredService<IOptions<FleetOptions>>().Value;
    }
}
