using Microsoft.Extensions.Options;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Backup;

/// <summary>
/// Nightly (02:30 China time): backs up the embedded SQLite database and its file stores, verifies what it wrote and
/// keeps the newest <see cref="BackupOptions.Keep"/>. For SQL Server and PostgreSQL it does nothing: those are backed
/// up with the database's own tools (docs/OPERATIONS.md).
/// </summary>
public sealed class BackupJob(SqliteBackupService backups, IOptions<BackupOptions> options, ILogger<BackupJob> log)
{
    public const string Id = "backup-nightly";

    public async Task<BackupResult?> RunAsync(CancellationToken ct)
    {
        if (!options.Value.Nightly || !await backups.IsSqliteAsync(ct))
        {
            log.LogInformation("Nightly backup skipped: {Reason}", options.Value.Nightly ? "a server database is backed up with its own tools" : "Backup:Nightly is false");
            return null;
        }
        var result = await backups.CreateAsync(null, ct);
        var check = await backups.VerifyAsync(result.Folder, ct);
        if (!check.Ok) throw new InvalidOperationException($"The backup just written does not verify: {check.Message}");
        return result;
    }
}

public static class BackupSetup
{
    public static IServiceCollection AddPortalBackup(this IServiceCollection services, IConfiguration config)
    {
        var keep = config.GetValue<int?>($"{BackupOptions.Section}:{nameof(BackupOptions.Keep)}");
        if (keep is < 1)
            throw new ConfigurationException($"Configuration key 'Backup:Keep' is {keep}; keep at least 1 backup.");
        services.Configure<BackupOptions>(config.GetSection(BackupOptions.Section));
        services.AddTransient<SqliteBackupService>();
        services.AddTransient<BackupJob>();
        return services;
    }
}
