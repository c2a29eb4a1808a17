using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Emulator.Tests.Support;

/// <summary>
/// Base for test classes whose tests change an emulator (faults, switches) or move its clock: each test gets its own
/// emulator with the default seed, a fake clock and a pinned client.
/// </summary>
public abstract class FreshEmulatorTest : IAsyncLifetime
{
    /// <summary>The emulator's clock: a fake one that also tells when the emulator sets a timer (a latency fault's wait).</summary>
    protected SignalingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    protected CpanelEmulator Emulator { get; private set; } = null!;

    internal EmulatorTestClient Client { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Emulator = await CpanelEmulator.StartAsync(new CpanelEmulatorOptions { TimeProvider = Time });
        Client = new EmulatorTestClient(Emulator);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
