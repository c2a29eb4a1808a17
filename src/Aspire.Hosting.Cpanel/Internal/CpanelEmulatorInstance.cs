using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace Aspire.Hosting.Cpanel.Internal;

/// <summary>
/// The emulator behind one resource, hosted in the app host's process: nothing to install, copy or run beside it, and
/// nothing on disk (the certificate lives in memory). It starts when Aspire initialises the resource, never while the
/// model is built or published.
/// </summary>
internal sealed class CpanelEmulatorInstance(string resourceName)
{
    private readonly Lock _gate = new();
    private CpanelEmulator? _emulator;

    public string? SeedPath { get; set; }

    public int CpanelPort { get; set; }

    public int WhmPort { get; set; }

    public int WebmailPort { get; set; }

    public int AdminPort { get; set; }

    /// <summary>The WHM user the connection string names: the seed's first WHM user with a token (root in the built-in seed).</summary>
    public string UserName { get; private set; } = "root";

    public PendingValue TokenValue { get; } = new($"{{{resourceName}.token}}");

    public PendingValue PinValue { get; } = new($"{{{resourceName}.pin}}");

    public CpanelEmulator? Running
    {
        get
        {
            lock (_gate)
            {
                return _emulator;
            }
        }
    }

    public async Task<CpanelEmulator> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var seed = SeedPath is null ? DefaultSeed.Create() : await SeedLoader.LoadAsync(SeedPath, cancellationToken).ConfigureAwait(false);
            var emulator = await CpanelEmulator.StartAsync(
                new CpanelEmulatorOptions
                {
                    Seed = seed,
                    CpanelPort = CpanelPort,
                    WhmPort = WhmPort,
                    WebmailPort = WebmailPort,
                    AdminPort = AdminPort,
                },
                cancellationToken).ConfigureAwait(false);
            EmulatorFleetSettings fleet;
            try
            {
                // The emulator's own translation: which WHM user mints (root first) and the certificate to pin.
                fleet = emulator.ToFleetSettings();
            }
            catch (InvalidOperationException ex)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                throw new SeedException($"Seed file {SeedPath}: services of '{resourceName}' mint with a WHM token. {ex.Message}");
            }

            lock (_gate)
            {
                _emulator = emulator;
            }

            UserName = fleet.UserName;
            TokenValue.Set(fleet.Token);
            PinValue.Set(fleet.CertificateSha256);
            return emulator;
        }
        catch (Exception ex)
        {
            // Services waiting for the connection string fail with the reason instead of waiting forever.
            var failure = new InvalidOperationException($"The cPanel emulator '{resourceName}' did not start: {ex.Message}", ex);
            TokenValue.Fail(failure);
            PinValue.Fail(failure);
            throw;
        }
    }

    public void InjectFault(FaultKind kind) =>
        (Running ?? throw new InvalidOperationException($"The cPanel emulator '{resourceName}' is not running.")).Faults.Add(new FaultRule { Kind = kind });

    public int ClearFaults()
    {
        var emulator = Running ?? throw new InvalidOperationException($"The cPanel emulator '{resourceName}' is not running.");
        var count = emulator.Faults.Rules.Count;
        emulator.Faults.Clear();
        return count;
    }

    public async ValueTask StopAsync()
    {
        CpanelEmulator? emulator;
        lock (_gate)
        {
            emulator = _emulator;
            _emulator = null;
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
