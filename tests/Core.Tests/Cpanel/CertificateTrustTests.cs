using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Core.Tests.Cpanel;

/// <summary>The server's certificate trust as a client sees it: pins, CA bundles and the system default, over real TLS.</summary>
public sealed class CertificateTrustTests : IAsyncLifetime
{
    private EmulatedServer _server = null!;

    public async Task InitializeAsync() => _server = await EmulatedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Pin_RightFingerprintWithColonsAndLowerCase_Connects()
    {
        var pin = string.Join(':', _server.Emulator.CertificateSha256.ToLowerInvariant().Chunk(2).Select(c => new string(c)));
        var server = EmulatedServer.Describe(_server.Emulator, pins: [pin]);

        var session = await _server.Factory.CreateClient(server, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync();

        Assert.Equal("demo", session.User);
    }

    [Fact]
    public async Task Pin_WrongFingerprint_FailsWithAClearTlsErrorAndNoRetry()
    {
        var server = EmulatedServer.Describe(_server.Emulator, pins: [new string('A', 64)]);

        var exception = await Assert.ThrowsAsync<CpanelTransportException>(() =>
            _server.Factory.CreateClient(server, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync());

        Assert.Equal(CpanelTransportFailure.Tls, exception.Failure);
        Assert.Contains("certificate is not trusted", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fingerprint", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Emulator.Requests.Total);
    }

    [Fact]
    public async Task NoPinNorBundle_SelfSignedCertificate_IsRefusedByTheSystemTrust()
    {
        var server = EmulatedServer.Describe(_server.Emulator, pins: []);

        var exception = await Assert.ThrowsAsync<CpanelTransportException>(() =>
            _server.Factory.CreateClient(server, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync());

        Assert.Equal(CpanelTransportFailure.Tls, exception.Failure);
    }

    [Fact]
    public async Task CaBundle_ContainingTheCertificate_Connects()
    {
        var bundle = Path.GetTempFileName();
        try
        {
            await _server.Emulator.WriteCertificatePemAsync(bundle);
            var server = EmulatedServer.Describe(_server.Emulator, caBundle: bundle);

            var session = await _server.Factory.CreateClient(server, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync();

            Assert.Equal("demo", session.User);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task CaBundle_OfAnotherCa_IsRefused()
    {
        await using var other = await Emulator.Hosting.CpanelEmulator.StartAsync();
        var bundle = Path.GetTempFileName();
        try
        {
            await other.WriteCertificatePemAsync(bundle);
            var server = EmulatedServer.Describe(_server.Emulator, caBundle: bundle);

            var exception = await Assert.ThrowsAsync<CpanelTransportException>(() =>
                _server.Factory.CreateClient(server, EmulatedServer.DemoToken).CreateWebmailSessionForSelfAsync());

            Assert.Equal(CpanelTransportFailure.Tls, exception.Failure);
        }
        finally
        {
            File.Delete(bundle);
        }
    }
}
