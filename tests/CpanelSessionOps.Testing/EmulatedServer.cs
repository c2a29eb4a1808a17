using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CpanelSessionOps.Testing;

/// <summary>
/// An emulator on loopback plus the Core client registered as an application would (<c>AddCpanelClient</c>), with
/// short retry delays, a log collector and a server description that pins the emulator's certificate.
/// </summary>
public sealed class EmulatedServer : IAsyncDisposable
{
    private EmulatedServer(CpanelEmulator emulator, ServiceProvider services, FakeLogCollector logs)
    {
        Emulator = emulator;
        Services = services;
        Logs = logs;
        Server = Describe(emulator);
    }

    public CpanelEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>The emulator as a <see cref="CpanelServer"/>, its certificate pinned; a unique name per instance.</summary>
    public CpanelServer Server { get; }

    public CpanelClientFactory Factory => Services.GetRequiredService<CpanelClientFactory>();

    public CpanelLoginVerifier Verifier => Services.GetRequiredService<CpanelLoginVerifier>();

    public static CpanelApiTokenCredential DemoToken { get; } = new(DefaultSeed.DemoUser, new SensitiveString(DefaultSeed.DemoToken));

    public static WhmApiTokenCredential RootToken { get; } = new("root", new SensitiveString(DefaultSeed.RootToken));

    public static async Task<EmulatedServer> StartAsync(
        CpanelEmulatorOptions? emulatorOptions = null, Action<CpanelClientOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var emulator = await CpanelEmulator.StartAsync(emulatorOptions);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddCpanelClient(options =>
        {
            options.RetryDelay = TimeSpan.FromMilliseconds(20);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.TotalTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(options);
        });
        return new EmulatedServer(emulator, services.BuildServiceProvider(validateScopes: true), logs);
    }

    /// <summary>The emulator as a <see cref="CpanelServer"/> (from its fleet settings), its certificate pinned unless
    /// <paramref name="pins"/> or <paramref name="caBundle"/> say otherwise; a unique name per call.</summary>
    public static CpanelServer Describe(
        CpanelEmulator emulator, IReadOnlyList<string>? pins = null, string? caBundle = null, string host = "127.0.0.1", string? loginHost = null)
    {
        var server = emulator.ToFleetSettings().ToCpanelServer("emu-" + Guid.NewGuid().ToString("N")[..8]);
        return new(server.Name, host)
        {
            LoginHost = loginHost,
            CpanelPort = server.CpanelPort,
            WhmPort = server.WhmPort,
            WebmailPort = server.WebmailPort,
            PinnedCertificateSha256 = pins ?? (caBundle is null ? server.PinnedCertificateSha256 : []),
            CaBundlePath = caBundle,
        };
    }

    public CpanelClient Client(CpanelCredential credential) => Factory.CreateClient(Server, credential);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
