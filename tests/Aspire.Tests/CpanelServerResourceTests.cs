using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using CoreServer = CpanelSessionOps.Cpanel.CpanelServer;

namespace CpanelSessionOps.Aspire.Tests;

/// <summary>The hosting integration's model, without starting anything: real servers from parameters, the emulator only
/// in run mode.</summary>
public sealed class CpanelServerResourceTests
{
    [Fact]
    public async Task AddCpanelServer_Parameters_ConnectionStringCarriesThemWithTheTokenEncoded()
    {
        var builder = DistributedApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parameters:web1-host"] = "web1.example.com",
            ["Parameters:web1-token"] = "pa;ss=word",
            ["Parameters:web1-pins"] = "AA11,BB22",
            ["Parameters:web1-ca"] = "/etc/ssl/web1.pem",
        });

        var web1 = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), builder.AddParameter("web1-token", secret: true))
            .WithCredentialKind(CpanelAuthKind.Password, "demo")
            .WithServerPorts(12083, 12087, 12096)
            .WithCertificatePins(builder.AddParameter("web1-pins"))
            .WithCaBundle(builder.AddParameter("web1-ca"));
        var value = await web1.Resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None);

        Assert.False(web1.Resource.IsEmulator);
        Assert.Equal(
            "Host=web1.example.com;CpanelPort=12083;WhmPort=12087;WebmailPort=12096;Auth=Password;UserName=demo;Token=pa%3Bss%3Dword;Pins=AA11,BB22;CaBundlePath=/etc/ssl/web1.pem",
            value);
    }

    [Fact]
    public async Task AddCpanelServer_NoPortsGiven_UsesCoresDefaultPorts()
    {
        // The hosting package keeps its own copy of the default ports (it does not reference Core): they must stay Core's.
        var builder = DistributedApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parameters:web1-host"] = "web1.example.com" });

        var web1 = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), "keyvault:web1-token");
        var value = await web1.Resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None);

        Assert.Equal(
            (CoreServer.DefaultCpanelPort, CoreServer.DefaultWhmPort, CoreServer.DefaultWebmailPort),
            (web1.Resource.CpanelPort, web1.Resource.WhmPort, web1.Resource.WebmailPort));
        Assert.Contains(
            $"CpanelPort={CoreServer.DefaultCpanelPort};WhmPort={CoreServer.DefaultWhmPort};WebmailPort={CoreServer.DefaultWebmailPort};",
            value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCpanelServer_SecretReference_ConnectionStringCarriesOnlyTheReference()
    {
        var builder = DistributedApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parameters:web1-host"] = "web1.example.com" });

        var web1 = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), "keyvault:web1-whm-token");
        var value = await web1.Resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None);

        Assert.Null(web1.Resource.Token);
        Assert.Equal("Host=web1.example.com;CpanelPort=2083;WhmPort=2087;WebmailPort=2096;Auth=WhmToken;UserName=root;Secret=keyvault:web1-whm-token", value);
    }

    [Theory]
    [InlineData("inline:ROOTTOKEN")]
    [InlineData("web1-whm-token")]
    [InlineData("keyvault:")]
    public void AddCpanelServer_NotASecretReference_ThrowsSayingWhatIsAcceptedAndChangesNothing(string reference)
    {
        var builder = DistributedApplication.CreateBuilder();

        var error = Assert.Throws<ArgumentException>(() => builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), reference));

        Assert.Equal("secretReference", error.ParamName);
        Assert.Contains("keyvault:NAME", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ROOTTOKEN", error.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Resources.OfType<CpanelServerResource>());
    }

    [Fact]
    public void AddCpanelServer_TokenNotSecret_ThrowsNamingTheParameterAndChangesNothing()
    {
        var builder = DistributedApplication.CreateBuilder();

        var error = Assert.Throws<ArgumentException>(() =>
            builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), builder.AddParameter("web1-token")));

        Assert.Contains("web1-token", error.Message, StringComparison.Ordinal);
        Assert.Contains("secret: true", error.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Resources.OfType<CpanelServerResource>());
    }

    [Fact]
    public void RunAsEmulator_RunMode_GivesTheServerEmulatorEndpointsAndCommands()
    {
        var builder = DistributedApplication.CreateBuilder();

        var server = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), builder.AddParameter("web1-token", secret: true))
            .RunAsEmulator(emulator => emulator.WithEmulatorPorts(adminPort: 0));

        Assert.True(server.Resource.IsEmulator);
        Assert.Equal(["cpanel", "whm", "webmail", "admin"], server.Resource.Annotations.OfType<EndpointAnnotation>().Select(e => e.Name));
        Assert.Equal(
            [CpanelEmulatorResourceBuilderExtensions.InjectHttp503Command, CpanelEmulatorResourceBuilderExtensions.ClearFaultsCommand],
            server.Resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name));
        Assert.DoesNotContain("web1-token", server.Resource.ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAsEmulator_PublishMode_LeavesTheRealServer()
    {
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.Combine(Path.GetTempPath(), "unused.json")]);

        var server = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), builder.AddParameter("web1-token", secret: true))
            .RunAsEmulator(emulator => emulator.WithSeedFile("seed.json"));
        var emulatorOnly = builder.AddCpanelEmulator("dev");

        Assert.False(server.Resource.IsEmulator);
        Assert.Empty(server.Resource.Annotations.OfType<EndpointAnnotation>());
        Assert.False(emulatorOnly.Resource.IsEmulator);
        Assert.Equal("dev-token", emulatorOnly.Resource.Token?.Name);
        Assert.True(emulatorOnly.Resource.Token?.Secret);
    }

    [Fact]
    public void WithSeedFile_ServerNotEmulated_ThrowsSayingHowToFixIt()
    {
        var builder = DistributedApplication.CreateBuilder();
        var server = builder.AddCpanelServer("web1", builder.AddParameter("web1-host"), builder.AddParameter("web1-token", secret: true));

        var error = Assert.Throws<InvalidOperationException>(() => server.WithSeedFile("seed.json"));

        Assert.Contains("RunAsEmulator()", error.Message, StringComparison.Ordinal);
    }
}
