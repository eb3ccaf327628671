using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Cli;

/// <summary>
/// Operator verbs in the same executable: `dotnet run --project Portal -- VERB`. They use the app's own
/// configuration and services but never start the web server or the job server.
/// </summary>
public static class PortalCli
{
    private static readonly Dictionary<string, (string Usage, Func<WebApplication, string[], Task<int>> Run)> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["migrate"] = ("migrate                         apply pending migrations to the configured database", MigrateAsync),
        ["seed"] = ("seed [--accounts N] [--months M] seed demo data into an empty database (default 300 accounts, 24 months)", SeedAsync),
        ["credit-review"] = (Features.Credit.CreditCli.Usage, Features.Credit.CreditCli.RunAsync),
        ["audit"] = ("audit verify|prune               check the audit log's hash chain (exit 1 if a record was changed or removed) | prune records older than Audit:RetentionDays", AuditAsync),
        ["bill"] = (Features.Tariffs.BillCommand.Usage, Features.Tariffs.BillCommand.RunAsync),
        ["statements"] = ("statements issue [--period yyyy-MM] issue the period's missing PDF statements (default: last month)", Features.Statements.StatementsFeature.CliAsync),
        ["import-readings"] = (Features.Usage.ImportReadingsCommand.Usage, Features.Usage.ImportReadingsCommand.RunAsync),
        ["import-field-jobs"] = (Features.FieldOps.ImportFieldJobsCommand.Usage, Features.FieldOps.ImportFieldJobsCommand.RunAsync),
        ["import-weather"] = (Features.Weather.ImportWeatherCommand.Usage, Features.Weather.ImportWeatherCommand.RunAsync),
        ["backup"] = (Backup.BackupCli.BackupUsage, Backup.BackupCli.BackupAsync),
        ["restore"] = (Backup.BackupCli.RestoreUsage, Backup.BackupCli.RestoreAsync),
        ["complaints"] = ("complaints sweep|sla-watch      route complaints left unrouted / escalate overdue ones, once", Portal.Features.Complaints.ComplaintsFeature.CliAsync),
    };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Verbs.ContainsKey(args[0]) || args[0] is "--help" or "-h" or "help");

    public static void Register(string verb, string usage, Func<WebApplication, string[], Task<int>> run) => Verbs[verb] = (usage, run);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args[0] is "--help" or "-h" or "help" || !Verbs.TryGetValue(args[0], out var verb))
        {
            Console.WriteLine("PowerMarketing portal. Without a verb it serves the portal.");
            Console.WriteLine("Usage: dotnet Portal.dll [VERB] [options]\n");
            foreach (var v in Verbs.Values.OrderBy(v => v.Usage)) Console.WriteLine("  " + v.Usage);
            return 0;
        }
        return await verb.Run(app, args);
    }

    public static int? IntOption(string[] args, string name, int? fallback = null)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0 || i + 1 >= args.Length) return fallback;
        return int.TryParse(args[i + 1], out var v) ? v : throw new ArgumentException($"{name} takes a whole number, got '{args[i + 1]}'.");
    }

    public static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i < 0 || i + 1 >= args.Length ? null : args[i + 1];
    }

    private static async Task<int> MigrateAsync(WebApplication app, string[] args)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (!db.Database.IsSqlite())
            await DatabaseStartup.EnsureReachableAsync(db, 15);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await DatabaseStartup.MigrateAsync(db);
        Console.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }

    private static async Task<int> SeedAsync(WebApplication app, string[] args)
    {
        var accounts = IntOption(args, "--accounts", 300)!.Value;
        var months = IntOption(args, "--months", 24)!.Value;
        if (accounts is < 8 or > 200_000 || months is < 1 or > 60)
        {
            Console.Error.WriteLine("--accounts must be 8–200000 and --months 1–60.");
            return 2;
        }
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await DatabaseStartup.MigrateAsync(db);
        using var scope = app.Services.CreateScope();
        // The demo's complaint deadlines need the working calendar, as on a start-up.
        await scope.ServiceProvider.GetRequiredService<Features.Calendar.CalendarAdminService>().EnsureSeededAsync();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(accounts, months, CancellationToken.None);
        Console.WriteLine(seeded ? $"Seeded {accounts} accounts with {months} months of data." : "The database already holds accounts; nothing seeded.");
        return 0;
    }

    private static async Task<int> AuditAsync(WebApplication app, string[] args)
    {
        if (args.Length >= 2 && args[1] == "prune")
        {
            var pruned = await ActivatorUtilities.CreateInstance<AuditRetentionJob>(app.Services).RunAsync(CancellationToken.None);
            Console.WriteLine(pruned.ThroughId is { } through ? $"Pruned {pruned.Pruned} audit record(s) up to id {through}; the chain is anchored." : "No audit record is older than the retention.");
            return 0;
        }
        if (args.Length < 2 || args[1] != "verify")
        {
            Console.Error.WriteLine("Usage: audit verify|prune");
            return 2;
        }
        var result = await app.Services.GetRequiredService<AuditService>().VerifyAsync();
        Console.WriteLine(result.Message);
        return result.Intact ? 0 : 1;
    }
}
