namespace Portal.Infrastructure.Backup;

/// <summary>The operator verbs: <c>backup</c>, <c>backup verify DIR</c> and <c>restore DIR</c>.</summary>
public static class BackupCli
{
    public const string BackupUsage = "backup [--to DIR] | backup verify DIR   copy the SQLite database (online) and its files into a checked backup | check one";
    public const string RestoreUsage = "restore DIR                     replace the SQLite database and files with a verified backup (portal stopped; the old data is set aside)";

    public static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        var backups = app.Services.GetRequiredService<SqliteBackupService>();
        if (args.Length >= 2 && args[1] == "verify")
        {
            if (args.Length < 3)
            {
                Console.Error.WriteLine("Usage: backup verify DIR");
                return 2;
            }
            var check = await backups.VerifyAsync(args[2], CancellationToken.None);
            Console.WriteLine(check.Message);
            return check.Ok ? 0 : 1;
        }
        if (!await backups.IsSqliteAsync(CancellationToken.None))
        {
            Console.Error.WriteLine("This portal runs on a server database: back it up with pg_dump or SQL Server's BACKUP DATABASE (docs/OPERATIONS.md, \"Backups\").");
            return 2;
        }
        var result = await backups.CreateAsync(Cli.PortalCli.StringOption(args, "--to"), CancellationToken.None);
        var verified = await backups.VerifyAsync(result.Folder, CancellationToken.None);
        Console.WriteLine($"Backup written to {result.Folder}: {result.Manifest.Files.Count} files, {result.Manifest.TotalBytes:N0} bytes, in {result.Took.TotalSeconds:F1} s.");
        foreach (var old in result.Pruned) Console.WriteLine($"Removed the old backup {old} (Backup:Keep).");
        Console.WriteLine(verified.Message);
        return verified.Ok ? 0 : 1;
    }

    public static async Task<int> RestoreAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: " + RestoreUsage);
            return 2;
        }
        var result = await app.Services.GetRequiredService<SqliteBackupService>().RestoreAsync(args[1], CancellationToken.None);
        (result.Ok ? Console.Out : Console.Error).WriteLine(result.Message);
        return result.Ok ? 0 : 1;
    }
}
