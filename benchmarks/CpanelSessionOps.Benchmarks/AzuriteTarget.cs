using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The Table Storage a shared-state benchmark talks to: <c>AZURITE_TABLE_CONNECTION_STRING</c> when set (e.g. an Azurite
/// started on its own core), otherwise Azurite's table service started here on loopback, in memory, from
/// <c>AZURITE_TABLE_BIN</c> or the copy <c>.ci/run</c> installs into <c>~/.cache/cpanel-session-ops/azurite</c>.
/// </summary>
internal sealed class AzuriteTarget : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process? _process;

    private AzuriteTarget(string connectionString, Process? process)
    {
        ConnectionString = connectionString;
        _process = process;
    }

    public string ConnectionString { get; }

    public static AzuriteTarget Start()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_TABLE_CONNECTION_STRING") is { Length: > 0 } given)
        {
            return new AzuriteTarget(given, null);
        }

        var binary = Environment.GetEnvironmentVariable("AZURITE_TABLE_BIN") is { Length: > 0 } bin
            ? bin
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cpanel-session-ops", "azurite", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Azurite is not installed: run .ci/run, set AZURITE_TABLE_BIN, or set AZURITE_TABLE_CONNECTION_STRING.");
        }

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry" },
            UseShellExecute = false,
        })!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                Thread.Sleep(100);
            }
        }

        return new AzuriteTarget(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;", process);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }
}
