using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Emulator.Tests.Hosting;

/// <summary>The emulator described as a fleet server: what the demo, Aspire, the benchmarks and the tests connect with.</summary>
public sealed class EmulatorFleetSettingsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private CpanelEmulator Emulator => fixture.Emulator;

    [Fact]
    public void ToFleetSettings_Default_IsRootsWhmTokenOnTheListenersWithTheCertificatePinned()
    {
        var fleet = Emulator.ToFleetSettings();

        Assert.Equal(("127.0.0.1", Emulator.CpanelUri.Port, Emulator.WhmUri.Port, Emulator.WebmailUri.Port),
            (fleet.Host, fleet.CpanelPort, fleet.WhmPort, fleet.WebmailPort));
        Assert.Equal(Emulator.CertificateSha256, fleet.CertificateSha256);
        Assert.Equal((EmulatorCredentialKind.WhmToken, "root", DefaultSeed.RootToken), (fleet.Auth, fleet.UserName, fleet.Token));
        Assert.Equal(DefaultSeed.DemoUser, fleet.DomainOwners["example.com"]);
        Assert.Equal(DefaultSeed.OtherUser, fleet.DomainOwners["example.org"]);
    }

    [Fact]
    public void ToFleetSettings_CpanelAccount_IsItsTokenForItsOwnDomainsOnly()
    {
        var fleet = Emulator.ToFleetSettings(DefaultSeed.OtherUser);

        Assert.Equal((EmulatorCredentialKind.CpanelToken, DefaultSeed.OtherUser, DefaultSeed.OtherToken), (fleet.Auth, fleet.UserName, fleet.Token));
        Assert.Equal(["example.org"], fleet.DomainOwners.Keys);
    }

    [Fact]
    public void ToFleetSettings_Reseller_ServesOnlyItsAccountsDomains()
    {
        var fleet = Emulator.ToFleetSettings(DefaultSeed.ResellerUser);

        Assert.Equal((EmulatorCredentialKind.WhmToken, DefaultSeed.ResellerToken), (fleet.Auth, fleet.Token));
        Assert.Equal(["example.org"], fleet.DomainOwners.Keys);
    }

    [Fact]
    public void ToFleetSettings_UserWithoutAnUnexpiredToken_ThrowsNamingTheUser()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Emulator.ToFleetSettings(DefaultSeed.TwoFactorUser));

        Assert.Contains($"'{DefaultSeed.TwoFactorUser}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConfiguration_SecretAndRoutes_GivesTheFleetKeysWithOwnersFromTheSeed()
    {
        var configuration = Emulator.ToFleetSettings().ToConfiguration("web1", "keyvault:web1-whm", "example.com", "*.example.com");

        Assert.Equal("127.0.0.1", configuration["Fleet:Servers:web1:Host"]);
        Assert.Equal(Emulator.WhmUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), configuration["Fleet:Servers:web1:WhmPort"]);
        Assert.Equal(Emulator.CertificateSha256, configuration["Fleet:Servers:web1:PinnedCertificateSha256:0"]);
        Assert.Equal(("WhmToken", "root", "keyvault:web1-whm"),
            (configuration["Fleet:Servers:web1:Auth"], configuration["Fleet:Servers:web1:UserName"], configuration["Fleet:Servers:web1:Secret"]));
        Assert.Equal(("example.com", "web1", "demo"), (configuration["Fleet:Routes:0:Domain"], configuration["Fleet:Routes:0:Server"], configuration["Fleet:Routes:0:Owner"]));
        Assert.Equal("*.example.com", configuration["Fleet:Routes:1:Domain"]);
        Assert.False(configuration.ContainsKey("Fleet:Routes:1:Owner"));
    }

    [Fact]
    public void ToConfiguration_NoSecretReference_CarriesTheTokenInline()
    {
        var configuration = Emulator.ToFleetSettings().ToConfiguration("web1");

        Assert.Equal("inline:" + DefaultSeed.RootToken, configuration["Fleet:Servers:web1:Secret"]);
        Assert.DoesNotContain(configuration.Keys, k => k.StartsWith("Fleet:Routes", StringComparison.Ordinal));
    }
}
