using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Links.Internal;
using CpanelSessionOps.Policy;
using CpanelSessionOps.Soak;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// What the minting pipeline costs on top of the HTTP call, without the network: the same HTTP client and handlers as
/// <c>PipelineThroughput</c> (resilience pipeline, credential handler), but the socket handler replaced by one that answers
/// every request at once with a canned UAPI session (the emulator's shape). <c>Bare</c> is the bare GET through it; the
/// others add the client and then the whole pipeline, so each row's difference to the one before is that layer's own cost,
/// single-threaded and in-process (the machine's load stretches all rows alike).
/// </summary>
[MemoryDiagnoser]
public class PipelineOverheadBenchmarks
{
    private static readonly CallerIdentity Caller = new(CallerKind.Name, "bench");

    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        """{"apiversion":3,"func":"create_webmail_session_for_mail_user","module":"Session","result":{"data":{"hostname":null,"session":"alice@example.com:Vn3f0CqgXG8mU2bJ:CREATE_WEBMAIL_SESSION_FOR_MAIL_USER,4f1c2a0be5d94c7b8e6a3d2f1b0c9e8a","token":"/cpsess4203581765"},"errors":null,"messages":null,"metadata":{},"status":1,"warnings":null}}""");

    private ServiceProvider _services = null!;
    private HttpClient _bare = null!;
    private string _url = null!;
    private string _authorization = null!;
    private CpanelClient _client = null!;
    private LinkMintingService _minting = null!;
    private MintRequest _request = null!;
    private MailUserSessionRequest _clientRequest = null!;
    private CpanelFleet _fleet = null!;
    private MintPolicy _policy = null!;
    private MintRateLimiter _rateLimiter = null!;
    private AuditTrail _audit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cpanel = new Uri("https://127.0.0.1:2083/");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmulatorPipeline(cpanel, new Uri("https://127.0.0.1:2087/"), new Uri("https://127.0.0.1:2096/"), new string('0', 64), "bench",
            "inline:" + DefaultSeed.DemoToken, "name:bench", ["*@" + EmulatorPipeline.Domain]);
        // After the client's own configuration: the credential handler stays, the sockets go.
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(
            static builder => builder.PrimaryHandler = new CredentialHandler(new CannedHandler())));
        _services = services.BuildServiceProvider();
        var fleet = _fleet = _services.GetRequiredService<CpanelFleet>();
        _policy = _services.GetRequiredService<MintPolicy>();
        _rateLimiter = _services.GetRequiredService<MintRateLimiter>();
        _audit = _services.GetRequiredService<AuditTrail>();
        _client = _services.GetRequiredService<CpanelClientFactory>().CreateClient(fleet.GetServer("bench"), fleet.GetCredentialAsync("bench").GetAwaiter().GetResult());
        _bare = _services.GetRequiredService<CpanelHttpClients>().CreateApiClient(fleet.GetServer("bench"));
        _url = new Uri(cpanel, "execute/Session/create_webmail_session_for_mail_user?login=alice&domain=example.com").OriginalString;
        _authorization = $"cpanel {DefaultSeed.DemoUser}:{DefaultSeed.DemoToken}";
        _minting = _services.GetRequiredService<LinkMintingService>();
        _request = new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, Caller, MintChannel.Http);
        _clientRequest = new MailUserSessionRequest("alice", "example.com");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "bare GET")]
    public async Task<byte[]> Bare()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, _url);
        message.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _bare.SendAsync(message).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    [Benchmark(Description = "CpanelClient mint")]
    public Task<MintedSession> Client() => _client.CreateWebmailSessionForMailUserAsync(_clientRequest);

    [Benchmark(Description = "LinkMintingService mint")]
    public Task<MintedLink> Pipeline() => _minting.MintAsync(_request);

    // The pipeline's stages one by one, as LinkMintingService calls them for this request.

    [Benchmark(Description = "stage: correlation id and validation")]
    public string Validate() => MintRequestValidator.Validate(_request, CorrelationIds.OrNew(_request.CorrelationId)).Target;

    [Benchmark(Description = "stage: policy")]
    public void Authorize() => _policy.Authorize(Caller, LoginKind.Webmail, MintChannel.Http, DefaultSeed.AliceAddress);

    [Benchmark(Description = "stage: rate limits (caller and target)")]
    public ValueTask RateLimits() => _rateLimiter.AcquireAsync(Caller.CanonicalKey, DefaultSeed.AliceAddress);

    [Benchmark(Description = "stage: routing")]
    public FleetRoute Route() => _fleet.Route(DefaultSeed.AliceAddress);

    [Benchmark(Description = "stage: audit record (no table, no log provider)")]
    public Task<Exception?> Audit() => _audit.RecordAsync(new AuditRecord(DateTimeOffset.UtcNow, Caller.ToString(), MintChannel.Http, LoginKind.Webmail,
        DefaultSeed.AliceAddress, "bench", AuditOutcome.Minted, null, null, "0123456789abcdef0123456789abcdef", TimeSpan.Zero), CancellationToken.None);

    /// <summary>Calls each of <paramref name="layers"/> (<c>bare</c>, <c>client</c>, <c>pipeline</c> or a stage) in a loop for a
    /// second at a time, in turn, for <paramref name="rounds"/> rounds; prints the median CPU time (this process's, so waiting
    /// for a busy core does not count) and bytes allocated per call. For a profiler, give one layer.</summary>
    public static async Task<int> LoopAsync(IReadOnlyList<string> layers, int rounds)
    {
        var benchmarks = new PipelineOverheadBenchmarks();
        benchmarks.Setup();
        var cpu = layers.ToDictionary(l => l, _ => new List<double>());
        var bytes = layers.ToDictionary(l => l, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var layer in layers)
            {
                var (cpuPerCall, bytesPerCall) = await MeasureAsync(benchmarks.Call(layer), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                if (round > 0)
                {
                    // Round 0 warms up (tiering) and is not counted.
                    cpu[layer].Add(cpuPerCall);
                    bytes[layer].Add(bytesPerCall);
                }
            }
        }

        Console.WriteLine($"load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        foreach (var layer in layers)
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{layer}: {Median(cpu[layer]):F2} µs CPU per call (rounds {string.Join(' ', cpu[layer].Select(c => c.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}), {Median(bytes[layer]):F0} B per call"));
        }

        benchmarks.Cleanup();
        return 0;
    }

    private Func<Task> Call(string layer) => layer switch
    {
        "bare" => Bare,
        "client" => Client,
        "pipeline" => Pipeline,
        "validate" => () => Task.FromResult(Validate()),
        "policy" => AuthorizeAsTask,
        "limits" => () => RateLimits().AsTask(),
        "route" => () => Task.FromResult(Route()),
        "audit" => Audit,
        _ => throw new ArgumentException($"No layer named {layer}.", nameof(layer)),
    };

    private Task AuthorizeAsTask()
    {
        Authorize();
        return Task.CompletedTask;
    }

    private static async Task<(double CpuMicroseconds, double Bytes)> MeasureAsync(Func<Task> call, TimeSpan duration)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long calls = 0;
        while (watch.Elapsed < duration)
        {
            await call().ConfigureAwait(false);
            calls++;
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMicroseconds / calls, (double)allocated / calls);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Answer);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
