using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

if (args is ["check-floor", .. var floorArgs])
{
    return await CheckFloor.RunAsync(floorArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
return 0;
