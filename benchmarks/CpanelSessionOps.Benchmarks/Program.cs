using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

// `pipeline` and `startup` are this project's own throughput runs (PipelineThroughput); `check-floor` is the CLI check's
// floor (CheckFloor, run by benchmarks/action-check.sh); anything else is BenchmarkDotNet's.
if (args is ["pipeline" or "startup", ..])
{
    return await PipelineThroughput.RunAsync(args).ConfigureAwait(false);
}

if (args is ["overhead", var layers, .. var rest])
{
    // PipelineOverheadBenchmarks' layers in turn (comma-separated), CPU per call; one layer alone for a profiler (dotnet-trace).
    return await PipelineOverheadBenchmarks.LoopAsync(layers.Split(','), rest is [var rounds] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 5)
        .ConfigureAwait(false);
}

if (args is ["check-floor", .. var floorArgs])
{
    return await CheckFloor.RunAsync(floorArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
return 0;
