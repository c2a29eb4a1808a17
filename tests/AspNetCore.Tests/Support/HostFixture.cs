using CpanelSessionOps.Emulator.Hosting;

namespace CpanelSessionOps.AspNetCore.Tests.Support;

/// <summary>One emulator and one host of a kind, shared by a test class (tests in a class run one at a time). Limits are
/// raised so the class's mints do not run into each other; tests that need other settings start their own host.</summary>
public abstract class HostFixture(HostKind kind) : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> SharedOverrides = new()
    {
        ["Policy:CallerLimit"] = "1000",
        ["Policy:TargetLimit"] = "1000",
    };

    private ApiHostUnderTest? _host;
    private CpanelEmulator? _emulator;

    public HostKind Kind { get; } = kind;

    public ApiHostUnderTest Host => _host ?? throw new InvalidOperationException("not started");

    public CpanelEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _emulator = await CpanelEmulator.StartAsync();
        _host = await ApiHostUnderTest.StartAsync(Kind, _emulator, SharedOverrides);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}

public sealed class PluginHostFixture() : HostFixture(HostKind.Plugin);

public sealed class SampleHostFixture() : HostFixture(HostKind.Sample);

public sealed class FunctionsHostFixture() : HostFixture(HostKind.Functions);
