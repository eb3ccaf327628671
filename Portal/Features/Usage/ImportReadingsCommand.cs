using System.Globalization;

namespace Portal.Features.Usage;

/// <summary>
/// CLI verb <c>import-readings FILE</c>: imports a meter-data CSV, prints the counts, writes FILE.rejects.csv beside
/// it when rows were rejected, then rebuilds the monthly roll-up and refreshes predictions in-process (the CLI runs
/// no job server). Exit code 0 when at least one row was accepted or nothing was rejected, 1 otherwise.
/// </summary>
public static class ImportReadingsCommand
{
    public const string Usage = "import-readings FILE              import meter readings (CSV account,timestamp,kwh[,kvarh,kw]); rejects go to FILE.rejects.csv";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: " + Usage);
            return 2;
        }
        var path = Path.GetFullPath(args[1]);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"File not found: {path}");
            return 2;
        }
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.AppDbContext>>().CreateDbContextAsync())
            await Infrastructure.Database.DatabaseStartup.MigrateAsync(db);

        var imports = app.Services.GetRequiredService<UsageImportService>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        ImportOutcome outcome;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            outcome = await imports.ImportAsync(file, path, "cli", Environment.UserName);
        var seconds = started.Elapsed.TotalSeconds;

        if (outcome.Refused)
        {
            Console.Error.WriteLine($"Refused: the first line reads \"{outcome.RefusedFirstLine}\"; expected the header {Domain.Usage.ReadingCsvHeader.Expected} or data rows. Nothing was imported.");
            return 1;
        }

        var rejectsPath = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".rejects.csv");
        if (outcome.RejectedRows > 0) await File.WriteAllTextAsync(rejectsPath, UsageImportService.RejectsCsv(outcome.Rejected));
        else if (File.Exists(rejectsPath)) File.Delete(rejectsPath);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Accepted {outcome.AcceptedRows} row(s), rejected {outcome.RejectedRows}; {outcome.DaysWritten} account-day(s) written, {outcome.DaysUnchanged} unchanged ({seconds:F1}s)."));
        foreach (var group in outcome.Rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key))
            Console.WriteLine($"  {group.Key}: {group.Count()}");
        if (outcome.RejectedRows > 0) Console.WriteLine($"Rejected rows: {rejectsPath}");

        if (outcome.DaysWritten > 0)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<UsageRollupJob>().RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RunAsync(CancellationToken.None);
            Console.WriteLine("Monthly roll-up and predictions refreshed.");
        }
        return outcome.AcceptedRows > 0 || outcome.RejectedRows == 0 ? 0 : 1;
    }
}
