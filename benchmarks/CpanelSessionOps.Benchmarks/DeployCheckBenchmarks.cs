using BenchmarkDotNet.Attributes;
using CpanelSessionOps.Action;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Benchmarks;

/// <summary>
/// The Action's check of 200 mailboxes at concurrency 16 against the emulator: mint, log in and confirm each mailbox,
/// outputs and summary written. One operation is the whole run.
/// </summary>
[MemoryDiagnoser]
public class DeployCheckBenchmarks
{
    private CpanelEmulator _emulator = null!;
    private Dictionary<string, string> _environment = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var seed = DefaultSeed.Create();
        var demo = seed.Accounts.Single(a => a.User == DefaultSeed.DemoUser);
        for (var i = 0; i < 200; i++)
        {
            demo.Mailboxes.Add(new SeedMailbox { Login = $"user{i:D3}", Domain = "example.com", Password = "pw" });
        }

        _emulator = CpanelEmulator.StartAsync(new CpanelEmulatorOptions { Seed = seed }).GetAwaiter().GetResult();
        _directory = Directory.CreateTempSubdirectory("deploy-check-bench-").FullName;
        _environment = new Dictionary<string, string>(_emulator.ToFleetSettings().ToActionInputs())
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = Path.Combine(_directory, "output"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_directory, "summary"),
            ["INPUT_MAILBOXES"] = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"user{i:D3}@example.com")),
            ["INPUT_CONCURRENCY"] = "16",
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "check 200 mailboxes, concurrency 16")]
    public async Task<int> Check200()
    {
        var exit = await ActionProgram.RunAsync([], TextWriter.Null, TextWriter.Null, _environment).ConfigureAwait(false);
        return exit == 0 ? exit : throw new InvalidOperationException($"the check failed with exit code {exit}");
    }
}
