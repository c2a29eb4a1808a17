using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Emulator.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// What the client adds to a call: a full <see cref="CpanelClient.CreateWebmailSessionForMailUserAsync"/> (URL, credential,
/// resilience, JSON, typed model, telemetry) against a bare GET of the same URL with the same header through the same
/// HTTP client and connection pool, reading the same body. Targets: at most 10% more time, at most 2 KB more allocated.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RatioConfig))]
public class CpanelClientBenchmarks
{
    private EmulatorTarget _emulator = null!;
    private ServiceProvider _services = null!;
    private CpanelClient _client = null!;
    private HttpClient _bare = null!;
    private Uri _url = null!;
    private MailUserSessionRequest _request = null!;
    private string _authorization = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = EmulatorTarget.Start();
        _services = new ServiceCollection().AddCpanelClient().BuildServiceProvider();
        var server = _emulator.Server("bench");
        _client = _services.GetRequiredService<CpanelClientFactory>()
            .CreateClient(server, new CpanelApiTokenCredential(DefaultSeed.DemoUser, new SensitiveString(DefaultSeed.DemoToken)));
        _bare = _services.GetRequiredService<CpanelHttpClients>().CreateApiClient(server);
        _url = new Uri(_emulator.CpanelUri, "execute/Session/create_webmail_session_for_mail_user?login=alice&domain=example.com");
        _authorization = $"cpanel {DefaultSeed.DemoUser}:{DefaultSeed.DemoToken}";
        _request = new MailUserSessionRequest("alice", "example.com");
        ClientMint().GetAwaiter().GetResult();
        BareGet().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient GET")]
    public async Task<int> BareGet()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url.OriginalString);
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _bare.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return body.Length;
    }

    [Benchmark(Description = "CpanelClient mint")]
    public async Task<int> ClientMint()
    {
        var session = await _client.CreateWebmailSessionForMailUserAsync(_request).ConfigureAwait(false);
        return session.SecurityToken.Length;
    }

    private sealed class RatioConfig : ManualConfig
    {
        public RatioConfig() => SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Percentage);
    }
}
