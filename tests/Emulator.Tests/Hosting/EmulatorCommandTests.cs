using System.Text.Json;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Emulator.Tests.Hosting;

public sealed class EmulatorCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-command-").FullName;

    [Fact]
    public async Task RunAsync_WithInfoFile_ServesUntilCancelledThenExitsZero()
    {
        var info = Path.Combine(_directory, "info.json");
        var cert = Path.Combine(_directory, "cert.pem");
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = EmulatorCommand.RunAsync(["--info-file", info, "--cert-file", cert, "--hostname", "panel.test"], output, stop.Token);
        var written = await WaitForFileAsync(info, run);
        using var document = JsonDocument.Parse(written);
        var cpanelUrl = new Uri(document.RootElement.GetProperty("cpanelUrl").GetString()!);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == document.RootElement.GetProperty("certificateSha256").GetString() },
        });
        using var page = await http.GetAsync(cpanelUrl);
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("BEGIN CERTIFICATE", await File.ReadAllTextAsync(cert), StringComparison.Ordinal);
        var printed = output.ToString();
        Assert.Contains(cpanelUrl.ToString(), printed, StringComparison.Ordinal);
        Assert.Contains("CN=panel.test", printed, StringComparison.Ordinal);
        Assert.Contains(DefaultSeed.DemoToken, printed, StringComparison.Ordinal);
        Assert.Contains("Stopping.", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CustomSeed_DoesNotPrintItsCredentials()
    {
        var seed = Path.Combine(_directory, "seed.json");
        var info = Path.Combine(_directory, "info.json");
        await File.WriteAllTextAsync(seed, """{"accounts":[{"user":"shop","password":"S3cretPass","domains":["shop.test"],"tokens":["SHOPSECRETTOKEN"]}]}""");
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = EmulatorCommand.RunAsync(["--seed", seed, "--info-file", info], output, stop.Token);
        await WaitForFileAsync(info, run);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("1 account(s)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SHOPSECRETTOKEN", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("S3cretPass", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cpanel-port", "70000")]
    [InlineData("--whm-port", "-3")]
    [InlineData("--webmail-port", "abc")]
    [InlineData("--no-such-option", "1")]
    public async Task RunAsync_BadUsage_ExitsTwo(string option, string value)
    {
        using var output = new StringWriter();

        var exitCode = await EmulatorCommand.RunAsync([option, value], output).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task RunAsync_InvalidSeedFile_ExitsTwo()
    {
        var seed = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(seed, """{"accounts":[{"user":"BAD USER"}]}""");

        var exitCode = await EmulatorCommand.RunAsync(["--seed", seed], TextWriter.Null).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
    }

    private static async Task<string> WaitForFileAsync(string path, Task<int> run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            Assert.False(run.IsCompleted, "the emulator stopped before writing its info file");
            await Task.Delay(50, timeout.Token);
        }

        return await File.ReadAllTextAsync(path);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
