using Portal.Infrastructure.Cli;

namespace Portal.LoadTests;

/// <summary>
/// The load tests' entry point (moved out of the web app, issue 20): <c>dotnet Portal.LoadTests.dll VERB [options]</c>,
/// each verb starting a portal of its own in this process (docs/PERFORMANCE.md).
/// </summary>
public static class LoadTestsCli
{
    public const string Usage = "scale --accounts N --months M [--data DIR] [--out DIR] [--statements K] [--complaints C] [--samples S] [--requests R] [--only PHASES]\n" +
                                "                                  seed (or reuse) a scale database in DIR and measure ingest, refresh, usage page, statements,\n" +
                                "                                  complaints, queue and pages; report to artifacts/bench/scale-NxM.md and .json\n" +
                                "  " + ChromiumCircuits.Usage;

    public static async Task<int> Main(string[] args) => await RunAsync(args);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 1 && args[0] == ChromiumCircuits.Verb) return await ChromiumCircuits.CliAsync(args);
        if (args.Length >= 1 && args[0] == ChromiumClients.Verb) return await ChromiumClients.RunAsync(args);
        if (args.Length < 1 || args[0] != "scale")
        {
            Console.Error.WriteLine("Usage: dotnet Portal.LoadTests.dll " + Usage);
            return 2;
        }
        int accounts, months;
        ScaleOptions options;
        try
        {
            accounts = PortalCli.IntOption(args, "--accounts", 10_000)!.Value;
            months = PortalCli.IntOption(args, "--months", 12)!.Value;
            if (accounts is < 8 or > 200_000 || months is < 1 or > 36) throw new ArgumentException("--accounts must be 8–200000 and --months 1–36.");
            var quick = accounts <= 100;
            options = new ScaleOptions(accounts, months,
                Path.GetFullPath(PortalCli.StringOption(args, "--data") ?? Path.Combine("artifacts", "bench", $"scale-{accounts}x{months}")),
                Path.GetFullPath(PortalCli.StringOption(args, "--out") ?? Path.Combine("artifacts", "bench")),
                IngestAccounts: Math.Min(accounts, quick ? 10 : 500),
                Statements: PortalCli.IntOption(args, "--statements", quick ? 20 : 1_000)!.Value,
                Complaints: PortalCli.IntOption(args, "--complaints", quick ? 5 : 50)!.Value,
                Samples: PortalCli.IntOption(args, "--samples", quick ? 10 : 200)!.Value,
                PageRequests: PortalCli.IntOption(args, "--requests", quick ? 20 : 500)!.Value,
                Quick: quick,
                Only: PortalCli.StringOption(args, "--only") is { } only ? only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null);
            if (options.Only?.FirstOrDefault(p => !ScaleOptions.Phases.Contains(p)) is { } unknown)
                throw new ArgumentException($"Unknown phase '{unknown}'; phases: {string.Join(",", ScaleOptions.Phases)}.");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        Directory.CreateDirectory(options.DataFolder);
        return await new ScaleScenario(options).RunAsync(CancellationToken.None);
    }
}
