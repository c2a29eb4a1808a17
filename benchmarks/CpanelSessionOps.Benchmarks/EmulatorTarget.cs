using System.Text.Json;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The emulator a benchmark calls: in-process by default, or one already running (e.g. pinned to another core with
/// taskset) when <c>CPANEL_EMULATOR_INFO</c> names the info file it wrote with <c>--info-file</c>.
/// </summary>
internal sealed class EmulatorTarget : IAsyncDisposable
{
    private readonly CpanelEmulator? _owned;

    private EmulatorTarget(CpanelEmulator? owned, Uri cpanel, Uri whm, Uri webmail, string fingerprint)
    {
        _owned = owned;
        CpanelUri = cpanel;
        WhmUri = whm;
        WebmailUri = webmail;
        CertificateSha256 = fingerprint;
    }

    public Uri CpanelUri { get; }

    public Uri WhmUri { get; }

    public Uri WebmailUri { get; }

    public string CertificateSha256 { get; }

    /// <summary>The emulator as a server for the Core client, certificate pinned: from its fleet settings when it runs in
    /// this process, from its info file otherwise.</summary>
    public CpanelServer Server(string name) => _owned is not null
        ? _owned.ToFleetSettings().ToCpanelServer(name)
        : new CpanelServer(name, CpanelUri.Host)
        {
            CpanelPort = CpanelUri.Port,
            WhmPort = WhmUri.Port,
            WebmailPort = WebmailUri.Port,
            PinnedCertificateSha256 = [CertificateSha256],
        };

    /// <summary>The emulator as a fleet server minting with root's WHM token (inline): from its fleet settings when it runs
    /// in this process; from its info file and the built-in seed's root token otherwise.</summary>
    public FleetServerOptions FleetServer() => _owned is not null
        ? _owned.ToFleetSettings().ToFleetServerOptions()
        : new FleetServerOptions
        {
            Host = CpanelUri.Host,
            CpanelPort = CpanelUri.Port,
            WhmPort = WhmUri.Port,
            WebmailPort = WebmailUri.Port,
            PinnedCertificateSha256 = [CertificateSha256],
            Auth = FleetAuthKind.WhmToken,
            UserName = "root",
            Secret = "inline:" + DefaultSeed.RootToken,
        };

    public static EmulatorTarget Start()
    {
        if (Environment.GetEnvironmentVariable("CPANEL_EMULATOR_INFO") is { Length: > 0 } path)
        {
            using var info = JsonDocument.Parse(File.ReadAllText(path));
            var root = info.RootElement;
            return new EmulatorTarget(null, new Uri(root.GetProperty("cpanelUrl").GetString()!), new Uri(root.GetProperty("whmUrl").GetString()!),
                new Uri(root.GetProperty("webmailUrl").GetString()!), root.GetProperty("certificateSha256").GetString()!);
        }

        var emulator = CpanelEmulator.StartAsync().GetAwaiter().GetResult();
        return new EmulatorTarget(emulator, emulator.CpanelUri, emulator.WhmUri, emulator.WebmailUri, emulator.CertificateSha256);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
