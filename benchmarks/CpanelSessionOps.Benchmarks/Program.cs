using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

// `pipeline` and `startup` are this project's own throughput runs (PipelineThroughput); `check-floor` is the CLI check's
// floor (CheckFloor, run by benchmarks/action-check.sh); anything else is BenchmarkDotNet's.
if (args is ["pipeline" or "startup", ..])
{
    return await PipelineThroughput.RunAsync(args).ConfigureAwait(false);
}

if (args is ["check-floor", .. var floorArgs])
{
    return await CheckFloor.RunAsync(floorArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
return 0;
