using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
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
        var fleet = _services.GetRequiredService<CpanelFleet>();
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

    /// <summary>Calls one layer (<c>bare</c>, <c>client</c> or <c>pipeline</c>) in a loop for <paramref name="duration"/>.</summary>
    public static async Task<int> LoopAsync(string layer, TimeSpan duration)
    {
        var benchmarks = new PipelineOverheadBenchmarks();
        benchmarks.Setup();
        Func<Task> call = layer switch
        {
            "bare" => benchmarks.Bare,
            "client" => benchmarks.Client,
            _ => benchmarks.Pipeline,
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long calls = 0;
        while (watch.Elapsed < duration)
        {
            await call().ConfigureAwait(false);
            calls++;
        }

        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{layer}: {calls} calls, {watch.Elapsed.TotalMicroseconds / calls:F2} µs per call"));
        benchmarks.Cleanup();
        return 0;
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
