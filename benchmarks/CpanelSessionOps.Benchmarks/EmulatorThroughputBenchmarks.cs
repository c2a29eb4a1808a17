using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// Sessions the emulator mints per second over keep-alive HTTPS on loopback, client and server sharing the machine.
/// One operation is one complete mint (request, validation, session, JSON, response read).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class EmulatorThroughputBenchmarks
{
    private const int MintsPerInvoke = 256;

    private EmulatorTarget _emulator = null!;
    private HttpClient _http = null!;
    private Uri _uapi = null!;
    private Uri _whm = null!;

    /// <summary>Concurrent keep-alive connections, each minting in turn.</summary>
    [Params(1, 8)]
    public int Connections { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _emulator = EmulatorTarget.Start();
        var pinned = _emulator.CertificateSha256;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && Convert.ToHexString(SHA256.HashData(c.GetRawCertData())) == pinned,
            },
        });
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("cpanel", $"{DefaultSeed.DemoUser}:{DefaultSeed.DemoToken}");
        _uapi = new Uri(_emulator.CpanelUri, "execute/Session/create_webmail_session_for_mail_user?login=alice&domain=example.com");
        _whm = new Uri(_emulator.WhmUri, "json-api/create_user_session?api.version=1&user=alice%40example.com&service=webmaild");
        // Open every connection once so the TLS handshakes are not measured.
        Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => _http.GetStringAsync(_uapi))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = MintsPerInvoke, Description = "UAPI create_webmail_session_for_mail_user")]
    public Task UapiMint() => RunAsync(_uapi, null);

    [Benchmark(OperationsPerInvoke = MintsPerInvoke, Description = "WHM create_user_session (webmaild)")]
    public Task WhmMint() => RunAsync(_whm, new AuthenticationHeaderValue("whm", $"root:{DefaultSeed.RootToken}"));

    private Task RunAsync(Uri uri, AuthenticationHeaderValue? auth) =>
        Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            for (var i = 0; i < MintsPerInvoke / Connections; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (auth is not null)
                {
                    request.Headers.Authorization = auth;
                }

                using var response = await _http.SendAsync(request).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || body.Length < 100)
                {
                    throw new InvalidOperationException($"mint failed: HTTP {(int)response.StatusCode}");
                }
            }
        }));

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
