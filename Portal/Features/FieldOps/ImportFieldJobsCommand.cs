using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Database;

namespace Portal.Features.FieldOps;

/// <summary>
/// CLI verb <c>import-field-jobs FILE</c>: imports the field system's CSV of service jobs (the format in README, "Field
/// system CSV"). All or nothing: any bad row prints its line, column and rule and writes nothing (exit 1).
/// </summary>
public static class ImportFieldJobsCommand
{
    public const string Usage = "import-field-jobs FILE            import service jobs from the field system's CSV (all rows or none)";

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
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await DatabaseStartup.MigrateAsync(db);
        FieldImportOutcome outcome;
        await using (var file = File.OpenRead(path))
            outcome = await app.Services.GetRequiredService<FieldOpsImportService>().ImportAsync(file, null, "cli:" + Environment.UserName);
        if (outcome.Refused)
        {
            Console.Error.WriteLine($"Refused: the first line is not the header {FieldOpsImportService.Header}. Nothing was imported.");
            return 1;
        }
        if (!outcome.Ok)
        {
            Console.Error.WriteLine($"{outcome.Errors.Select(e => e.Line).Distinct().Count()} row(s) have errors; nothing was imported.");
            foreach (var e in outcome.Errors)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {e.Line}{(e.Column is null ? "" : ", column " + e.Column)}: {e.Code}"));
            return 1;
        }
        Console.WriteLine($"Added {outcome.Added} job(s); {outcome.AlreadyThere} already recorded.");
        return 0;
    }
}
