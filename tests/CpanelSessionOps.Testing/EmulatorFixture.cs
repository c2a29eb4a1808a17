using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.Testing;

/// <summary>One emulator with the default seed, shared by a test class that neither injects faults nor moves time.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public CpanelEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await CpanelEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
