using System.Globalization;
using CpanelSessionOps.Soak;

// The soak harness (docs/benchmarks.md, "Soak"): dotnet run -c Release --project benchmarks/CpanelSessionOps.Soak --
//   [--mints N (100000)] [--concurrency N (64)] [--duration hh:mm:ss (one batch)] [--report-seconds N (10)]
// Exit code 0 when every batch kept every invariant, 1 otherwise.
var options = new SoakOptions
{
    Mints = IntOption("--mints") ?? 100_000,
    Concurrency = IntOption("--concurrency") ?? 64,
    Duration = Option("--duration") is { } duration ? TimeSpan.Parse(duration, CultureInfo.InvariantCulture) : null,
    ReportEvery = TimeSpan.FromSeconds(IntOption("--report-seconds") ?? 10),
};
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"soak: {options.Mints} mints a batch at concurrency {options.Concurrency}, {(options.Duration is { } d ? $"batches for {d}" : "one batch")}, {Environment.ProcessorCount} processors"));
var reports = await SoakRun.RunAsync(options, Console.WriteLine, stop.Token);
return reports.All(r => r.Passed) ? 0 : 1;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int? IntOption(string name) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
