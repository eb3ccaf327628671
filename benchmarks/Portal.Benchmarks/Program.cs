using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Portal.Benchmarks -- --filter '*'
// Figures and the machine they were measured on: docs/PERFORMANCE.md.
// The generated benchmark project references the whole portal: on a shared, loaded machine its build takes longer
// than BenchmarkDotNet's default two minutes, so allow ten (or pass --inProcess to skip that build).
BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.DomainEngineBenchmarks).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
