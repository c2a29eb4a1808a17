using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

// `pipeline` and `startup` are this project's own throughput runs (PipelineThroughput); `check-floor` is the CLI check's
// floor (CheckFloor, run by benchmarks/action-check.sh); anything else is BenchmarkDotNet's.
if (args is ["pipeline" or "startup", ..])
{
    return await PipelineThroughput.RunAsync(args).ConfigureAwait(false);
}

if (args is ["overhead", var layer, var seconds])
{
    // One layer of PipelineOverheadBenchmarks in a loop, for a profiler to sample (dotnet-trace); prints µs per call.
    return await PipelineOverheadBenchmarks.LoopAsync(layer, TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)))
        .ConfigureAwait(false);
}

if (args is ["check-floor", .. var floorArgs])
{
    return await CheckFloor.RunAsync(floorArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
return 0;
