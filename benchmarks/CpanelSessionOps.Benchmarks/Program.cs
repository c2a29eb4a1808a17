using BenchmarkDotNet.Running;
using CpanelSessionOps.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(EmulatorThroughputBenchmarks).Assembly).Run(args);
