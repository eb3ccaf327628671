using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Portal.Benchmarks -- --filter '*'
// Figures and the machine they were measured on: docs/PERFORMANCE.md.
BenchmarkSwitcher.FromAssembly(typeof(Portal.Benchmarks.DomainEngineBenchmarks).Assembly).Run(args);
