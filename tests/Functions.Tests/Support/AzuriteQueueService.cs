using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// Azurite's Queue service on loopback, in memory, started the way Core's tests start its Table service
/// (Core.Tests/Support/AzuriteTable.cs): from <c>~/.cache/cpanel-session-ops/azurite</c>, where <c>.ci/run</c> installs it (or
/// <c>AZURITE_QUEUE_BIN</c>); without it the tests that need it are skipped.
/// </summary>
public sealed class AzuriteQueueService : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteQueueService(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static string? FindBinary()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("AZURITE_QUEUE_BIN"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cpanel-session-ops", "azurite", "node_modules", ".bin", "azurite-queue"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    public static async Task<AzuriteQueueService> StartAsync()
    {
        var binary = FindBinary();
        Skip.If(binary is null, "Azurite is not installed: run .ci/run (it installs azurite from npm) or set AZURITE_QUEUE_BIN.");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo(binary!)
        {
            ArgumentList = { "--queueHost", "127.0.0.1", "--queuePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteQueueService(process, port);
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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
