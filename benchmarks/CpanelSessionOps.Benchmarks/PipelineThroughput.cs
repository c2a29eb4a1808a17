using System.Diagnostics;
using System.Globalization;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Cpanel.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Links;
using CpanelSessionOps.Soak;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The whole minting pipeline (<see cref="LinkMintingService"/>: validation, policy, rate limits, routing, secret, client,
/// audit) against a bare <see cref="HttpClient"/> GET of the same cPanel URL with the same header through the same HTTP
/// client and connection pool, in one process, in interleaved rounds. Reports throughput, CPU time per mint (this
/// process only: run the emulator as its own process) and bytes allocated per mint, and their ratios within each round.
/// BenchmarkDotNet measures one call at a time; this measures what a host sees: N callers at once, and CPU.
/// </summary>
/// <remarks>
/// <c>pipeline</c>: steady state. <c>startup</c>: from process start, the same comparison in short slices, reported per
/// second since the process started (what a freshly started Functions instance or Action container gives).
/// </remarks>
internal static class PipelineThroughput
{
    private static readonly CallerIdentity Caller = new(CallerKind.Name, "bench");

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        var concurrency = IntOption(args, "--concurrency", 16);
        var seconds = IntOption(args, "--seconds", mode == "startup" ? 8 : 3);
        var rounds = IntOption(args, "--rounds", 5);
        var policyEntries = IntOption(args, "--policy-entries", 0);
        await using var emulator = EmulatorTarget.Start();
        await using var services = Build(emulator, policyEntries);
        var server = new CpanelServer("bench", "127.0.0.1")
        {
            CpanelPort = emulator.CpanelUri.Port,
            WhmPort = emulator.WhmUri.Port,
            WebmailPort = emulator.WebmailUri.Port,
            PinnedCertificateSha256 = [emulator.CertificateSha256],
        };
        var bare = services.GetRequiredService<CpanelHttpClients>().CreateApiClient(server);
        var url = new Uri(emulator.CpanelUri, "execute/Session/create_webmail_session_for_mail_user?login=alice&domain=example.com").OriginalString;
        var authorization = $"cpanel {DefaultSeed.DemoUser}:{DefaultSeed.DemoToken}";
        var minting = services.GetRequiredService<LinkMintingService>();
        var request = new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, Caller, MintChannel.Http);

        async Task Bare()
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await bare.SendAsync(message).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        async Task Pipeline() => _ = await minting.MintAsync(request).ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mode {mode}, concurrency {concurrency}, processors visible {Environment.ProcessorCount}, policy entries {policyEntries}, load average {LoadAverage()}"));
        if (StringOption(args, "--only") is { } only)
        {
            // One side alone, for a profiler to sample (dotnet-trace): no interleaving, so every sample belongs to it.
            return await OnlyAsync(only == "bare" ? Bare : Pipeline, only, concurrency, seconds, rounds).ConfigureAwait(false);
        }

        return mode == "startup"
            ? await StartupAsync(Bare, Pipeline, concurrency, seconds).ConfigureAwait(false)
            : await SteadyAsync(Bare, Pipeline, concurrency, seconds, rounds).ConfigureAwait(false);
    }

    private static async Task<int> SteadyAsync(Func<Task> bare, Func<Task> pipeline, int concurrency, int seconds, int rounds)
    {
        // Warm both paths (tiering, connections) before measuring.
        await MeasureAsync(bare, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        await MeasureAsync(pipeline, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        var throughput = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        Console.WriteLine("round | bare mints/s | pipeline mints/s | throughput ratio | bare CPU µs/mint | pipeline CPU µs/mint | CPU ratio | bare B/mint | pipeline B/mint | above bare");
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which goes first so drift in the machine's load does not favour one.
            Sample b, p;
            if (round % 2 == 1)
            {
                b = await MeasureAsync(bare, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
                p = await MeasureAsync(pipeline, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            }
            else
            {
                p = await MeasureAsync(pipeline, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
                b = await MeasureAsync(bare, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            }

            throughput.Add(p.PerSecond / b.PerSecond);
            cpu.Add(p.CpuMicroseconds / b.CpuMicroseconds);
            allocated.Add(p.Bytes - b.Bytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round} | {b.PerSecond:F0} | {p.PerSecond:F0} | {p.PerSecond / b.PerSecond:F2} | {b.CpuMicroseconds:F0} | {p.CpuMicroseconds:F0} | {p.CpuMicroseconds / b.CpuMicroseconds:F2} | {b.Bytes:F0} | {p.Bytes:F0} | {p.Bytes - b.Bytes:F0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: throughput {Median(throughput):F2} of bare, CPU {Median(cpu):F2}x bare per mint, {Median(allocated) / 1024:F2} KB allocated per mint above bare"));
        return 0;
    }

    private static async Task<int> OnlyAsync(Func<Task> operation, string name, int concurrency, int seconds, int rounds)
    {
        Console.WriteLine($"round | {name} mints/s | CPU µs/mint | B/mint");
        for (var round = 1; round <= rounds; round++)
        {
            var sample = await MeasureAsync(operation, concurrency, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round} | {sample.PerSecond:F0} | {sample.CpuMicroseconds:F1} | {sample.Bytes:F0}"));
        }

        return 0;
    }

    /// <summary>Slices of 200 ms, bare and pipeline in turn, bucketed by the second since the process started.</summary>
    private static async Task<int> StartupAsync(Func<Task> bare, Func<Task> pipeline, int concurrency, int seconds)
    {
        var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var buckets = new SortedDictionary<int, (double BareOps, double BareTime, double PipelineOps, double PipelineTime)>();
        var slice = TimeSpan.FromMilliseconds(200);
        var turn = 0;
        while ((DateTime.UtcNow - processStart).TotalSeconds < seconds)
        {
            var second = (int)(DateTime.UtcNow - processStart).TotalSeconds;
            var isBare = turn++ % 2 == 0;
            var sample = await MeasureAsync(isBare ? bare : pipeline, concurrency, slice).ConfigureAwait(false);
            buckets.TryGetValue(second, out var bucket);
            buckets[second] = isBare
                ? bucket with { BareOps = bucket.BareOps + sample.Operations, BareTime = bucket.BareTime + sample.Seconds }
                : bucket with { PipelineOps = bucket.PipelineOps + sample.Operations, PipelineTime = bucket.PipelineTime + sample.Seconds };
        }

        Console.WriteLine("second since process start | bare mints/s | pipeline mints/s | pipeline / bare");
        foreach (var (second, b) in buckets)
        {
            if (b.BareTime > 0 && b.PipelineTime > 0)
            {
                var bareRate = b.BareOps / b.BareTime;
                var pipelineRate = b.PipelineOps / b.PipelineTime;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{second}-{second + 1} | {bareRate:F0} | {pipelineRate:F0} | {pipelineRate / bareRate:F2}"));
            }
        }

        return 0;
    }

    private static async Task<Sample> MeasureAsync(Func<Task> operation, int concurrency, TimeSpan duration)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        long operations = 0;
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (watch.Elapsed < duration)
                {
                    await operation().ConfigureAwait(false);
                    Interlocked.Increment(ref operations);
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        return new Sample(operations, elapsed, operations / elapsed, cpu / operations, (double)allocated / operations);
    }

    private static ServiceProvider Build(EmulatorTarget emulator, int policyEntries)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // A policy of the Action's shape when asked for: one exact pattern per mailbox, the minted one last.
        List<string> targets = policyEntries == 0
            ? ["*@" + EmulatorPipeline.Domain]
            : [.. Enumerable.Range(0, policyEntries).Select(i => $"user{i}@{EmulatorPipeline.Domain}"), DefaultSeed.AliceAddress];
        services.AddEmulatorPipeline(emulator.CpanelUri, emulator.WhmUri, emulator.WebmailUri, emulator.CertificateSha256, "bench",
            "inline:" + DefaultSeed.DemoToken, "name:bench", targets);
        return services.BuildServiceProvider();
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private readonly record struct Sample(long Operations, double Seconds, double PerSecond, double CpuMicroseconds, double Bytes);
}
