using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

// `pipeline` and `startup` are this project's own throughput runs (PipelineThroughput); anything else is BenchmarkDotNet's.
if (args is ["pipeline" or "startup", ..])
{
    return await PipelineThroughput.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
return 0;
