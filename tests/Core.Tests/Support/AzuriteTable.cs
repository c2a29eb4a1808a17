using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CpanelSessionOps.Core.Tests.Support;

/// <summary>
/// Azurite's Table service on loopback, in memory, telemetry off. It comes from npm: <c>.ci/run</c> installs it into
/// <c>~/.cache/cpanel-session-ops/azurite</c> (or set <c>AZURITE_TABLE_BIN</c>); without Node.js the tests that need it are skipped.
/// </summary>
public sealed class AzuriteTable : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteTable(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Azurite's well-known development key, for tests that check it never surfaces.</summary>
    public static string AccountKeyForTests => AccountKey;

    public static string? FindBinary()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("AZURITE_TABLE_BIN"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cpanel-session-ops", "azurite", "node_modules", ".bin", "azurite-table"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    public static async Task<AzuriteTable> StartAsync()
    {
        var binary = FindBinary();
        Skip.If(binary is null, "Azurite is not installed: run .ci/run (it installs azurite from npm) or set AZURITE_TABLE_BIN.");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo(binary!)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteTable(process, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return azurite;
            }
            catch (SocketException) when (!timeout.IsCancellationRequested && !process.HasExited)
            {
                await Task.Delay(100, timeout.Token);
            }
            catch
            {
                azurite.Dispose();
                throw;
            }
        }
    }

    /// <summary>Stops Azurite (for a test that needs the table to fail).</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
