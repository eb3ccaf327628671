using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Complaints;
using Portal.Features.Statements;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Backup;

namespace Portal.Tests.Integration;

/// <summary>
/// Issue 23 item 4, the restore drill: seed → back up while the portal serves and a writer appends to the audit chain →
/// destroy the data folder → restore with the operator verb's service → the portal starts on it, every table's count
/// matches the snapshot, every stored file's hash matches, and the audit chain verifies. And the refusals: a damaged
/// file, a backup from another schema version, an unfinished backup, a running portal — each leaves the live data alone.
/// </summary>
[Collection(PortalCollection.Name)]
public class BackupRestoreTests
{
    private sealed class Host(string dataFolder) : PortalHost(6, 2, new() { ["Backup:Folder"] = dataFolder + "-nightly", ["Backup:Keep"] = "1" }, dataFolder);

    private static readonly string[] Volatile = ["AuditLog", "DataProtectionKeys"];

    /// <summary>A portal built the way an operator verb builds it: same settings, never started.</summary>
    private static async Task<T> WithOperatorAppAsync<T>(PortalHost like, Func<SqliteBackupService, Task<T>> run)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(like.Settings);
        builder.AddPortal();
        await using var app = builder.Build();
        var result = await run(app.Services.GetRequiredService<SqliteBackupService>());
        SqliteConnection.ClearAllPools();
        return result;
    }

    private static async Task<Dictionary<string, string>> StoredFileHashesAsync(string dataFolder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var store in new[] { "complaint-attachments", "hazard-photos" })
        {
            var root = Path.Combine(dataFolder, store);
            if (!Directory.Exists(root)) continue;
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                result[Path.GetRelativePath(dataFolder, file)] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }
        return result;
    }

    private static async Task StoreFilesAsync(PortalHost host)
    {
        Guid complaintId;
        await using (var db = await host.Db.CreateDbContextAsync())
            complaintId = await db.Complaints.Select(c => c.Id).FirstAsync();
        var storage = host.Services.GetRequiredService<ComplaintAttachmentStorage>();
        for (var i = 0; i < 3; i++)
            await storage.SaveAsync(complaintId, Guid.NewGuid(), RandomNumberGenerator.GetBytes(4096 + i), CancellationToken.None);
        var photoFolder = Path.Combine(host.DataFolder, "hazard-photos", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(photoFolder);
        await File.WriteAllBytesAsync(Path.Combine(photoFolder, "photo.jpg"), [0xFF, 0xD8, 0xFF, .. RandomNumberGenerator.GetBytes(2048)]);
    }

    private static async Task<Dictionary<string, long>> CountsAsync(PortalHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync());
        }
        return counts;
    }

    [Fact]
    public async Task Restore_drill_a_backup_taken_while_serving_and_writing_restores_every_row_and_file_and_an_intact_audit_chain()
    {
        var data = PortalHost.NewDataFolder();
        var backups = Path.Combine(Path.GetTempPath(), "pm-backups", Guid.NewGuid().ToString("N"));
        try
        {
            BackupResult backup;
            Dictionary<string, string> filesBefore;
            long auditBefore;
            var host = new Host(data);
            await host.InitializeAsync();
            try
            {
                await StoreFilesAsync(host);
                filesBefore = await StoredFileHashesAsync(data);
                auditBefore = (await CountsAsync(host))["AuditLog"];

                // While the backup runs, the portal serves pages and a writer appends to the audit chain.
                using var stop = new CancellationTokenSource();
                var audit = host.Services.GetRequiredService<AuditService>();
                var written = 0;
                var writer = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await audit.RecordAsync(new AuditEvent("DrillWrite", Target: $"drill:{written}"));
                        written++;
                    }
                });
                // ...and the monthly statements job runs its real writes (statements, their announcements, its progress row) over and over.
                var statements = host.Services.GetRequiredService<IssueStatementsJob>();
                DateOnly period;
                await using (var db = await host.Db.CreateDbContextAsync())
                    period = await db.Bills.MaxAsync(b => b.PeriodStart);
                var jobRuns = Task.Run(async () =>
                {
                    var runs = new List<IssueRunSummary>();
                    while (!stop.IsCancellationRequested) runs.Add(await statements.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None));
                    return runs;
                });
                using var client = host.Client();
                var serving = Task.Run(async () =>
                {
                    var ok = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        if ((await client.Http.GetAsync("/health")).IsSuccessStatusCode) ok++;
                    }
                    return ok;
                });
                while (written < 5) await Task.Delay(10);
                backup = await host.Services.GetRequiredService<SqliteBackupService>().CreateAsync(backups, CancellationToken.None);
                await Task.Delay(50);
                await stop.CancelAsync();
                await writer;
                var runs = await jobRuns;
                Assert.True(runs.Count >= 1 && runs[0].Issued > 0, "the statements job wrote while the backup ran");
                Assert.All(runs, r => Assert.Equal(0, r.Failed));
                Assert.True(await serving > 0, "the portal answered while the backup ran");
                Assert.True(written > 5, "the writer kept writing through the backup");
            }
            finally
            {
                await host.DisposeAsync(); // stops the portal and deletes its data folder: the disaster
            }
            Assert.False(Directory.Exists(data));

            // The snapshot holds everything written before the backup started, and every stored file.
            Assert.True(backup.Manifest.TableCounts["AuditLog"] >= auditBefore + 5);
            Assert.Equal(filesBefore.Count, backup.Manifest.Files.Count(f => f.Path.StartsWith("files/", StringComparison.Ordinal)));

            var restored = new Host(data);
            Directory.CreateDirectory(data);
            var result = await WithOperatorAppAsync(restored, s => s.RestoreAsync(backup.Folder, CancellationToken.None));
            Assert.True(result.Ok, result.Message);

            await restored.InitializeAsync(); // the portal starts on the restored data
            try
            {
                var counts = await CountsAsync(restored);
                foreach (var (table, expected) in backup.Manifest.TableCounts.Where(t => !Volatile.Contains(t.Key)))
                    Assert.True(counts[table] == expected, $"{table}: {counts[table]} rows after the restore, {expected} in the backup");
                // The restore itself is audited, on top of the snapshot's chain.
                Assert.True(counts["AuditLog"] >= backup.Manifest.TableCounts["AuditLog"] + 1);
                Assert.Equal(filesBefore, await StoredFileHashesAsync(data));
                var chain = await restored.Services.GetRequiredService<AuditService>().VerifyAsync();
                Assert.True(chain.Intact, chain.Message);
                await using var db = await restored.Db.CreateDbContextAsync();
                Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Backup.Restored"));
                using var client = restored.Client();
                Assert.True((await client.Http.GetAsync("/health")).IsSuccessStatusCode);
            }
            finally
            {
                await restored.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(backups)) Directory.Delete(backups, recursive: true);
        }
    }

    [Fact]
    public async Task Damaged_unfinished_newer_or_busy_backups_are_refused_and_the_live_data_is_untouched()
    {
        var data = PortalHost.NewDataFolder();
        var backups = Path.Combine(Path.GetTempPath(), "pm-backups", Guid.NewGuid().ToString("N"));
        var host = new Host(data);
        await host.InitializeAsync();
        try
        {
            await StoreFilesAsync(host);
            var service = host.Services.GetRequiredService<SqliteBackupService>();
            var good = await service.CreateAsync(backups, CancellationToken.None);
            Assert.True((await service.VerifyAsync(good.Folder, CancellationToken.None)).Ok);

            // The nightly job writes a verified backup into Backup:Folder and keeps Backup:Keep (1) of them.
            var nightly = await host.Services.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
            Assert.NotNull(nightly);
            Assert.Equal(data + "-nightly", Path.GetDirectoryName(nightly.Folder));
            Assert.Equal(good.Manifest.Files.Select(f => f.Path), nightly.Manifest.Files.Select(f => f.Path));

            // A running portal holds the database: restore refuses before touching anything.
            var busy = await service.RestoreAsync(good.Folder, CancellationToken.None);
            Assert.False(busy.Ok);
            Assert.Contains("running", busy.Message);

            // One flipped byte in a stored file.
            var damaged = CopyBackup(good.Folder, "damaged");
            var attachment = good.Manifest.Files.First(f => f.Path.StartsWith("files/", StringComparison.Ordinal)).Path;
            var bytes = await File.ReadAllBytesAsync(Path.Combine(damaged, attachment));
            bytes[100] ^= 0x01;
            await File.WriteAllBytesAsync(Path.Combine(damaged, attachment), bytes);
            var check = await service.VerifyAsync(damaged, CancellationToken.None);
            Assert.False(check.Ok);
            Assert.Contains("checksum", check.Message);

            // A missing file.
            var missing = CopyBackup(good.Folder, "missing");
            File.Delete(Path.Combine(missing, attachment));
            Assert.Contains("missing", (await service.VerifyAsync(missing, CancellationToken.None)).Message);

            // No manifest: the backup never finished.
            var unfinished = CopyBackup(good.Folder, "unfinished");
            File.Delete(Path.Combine(unfinished, BackupManifest.FileName));
            Assert.Contains("did not finish", (await service.VerifyAsync(unfinished, CancellationToken.None)).Message);

            // A consistent backup made by a newer version: its schema is unknown to this build.
            var newer = CopyBackup(good.Folder, "newer");
            var newerDb = Path.Combine(newer, BackupManifest.DatabaseFile);
            await using (var connection = new SqliteConnection($"Data Source={newerDb};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')";
                await insert.ExecuteNonQueryAsync();
            }
            var manifest = good.Manifest with
            {
                LastMigration = "29991231000000_FromTheFuture",
                TableCounts = new Dictionary<string, long>(good.Manifest.TableCounts) { ["__EFMigrationsHistory"] = good.Manifest.TableCounts["__EFMigrationsHistory"] + 1 },
                Files = [.. good.Manifest.Files.Select(f => f.Path == BackupManifest.DatabaseFile
                    ? f with { Bytes = new FileInfo(newerDb).Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(newerDb))) }
                    : f)],
            };
            await manifest.WriteAsync(newer, CancellationToken.None);
            var refused = await service.VerifyAsync(newer, CancellationToken.None);
            Assert.False(refused.Ok);
            Assert.Contains("different version", refused.Message);

            // A manifest that is not JSON.
            var garbled = CopyBackup(good.Folder, "garbled");
            await File.WriteAllTextAsync(Path.Combine(garbled, BackupManifest.FileName), "{ not json");
            Assert.Contains("damaged", (await service.VerifyAsync(garbled, CancellationToken.None)).Message);
        }
        finally
        {
            await host.DisposeAsync();
            if (Directory.Exists(backups)) Directory.Delete(backups, recursive: true);
            if (Directory.Exists(data + "-nightly")) Directory.Delete(data + "-nightly", recursive: true);
        }
    }

    [Fact]
    public async Task A_refused_restore_leaves_the_live_database_and_files_exactly_as_they_were()
    {
        var data = PortalHost.NewDataFolder();
        var backups = Path.Combine(Path.GetTempPath(), "pm-backups", Guid.NewGuid().ToString("N"));
        var host = new Host(data);
        await host.InitializeAsync();
        BackupResult good;
        try
        {
            await StoreFilesAsync(host);
            good = await host.Services.GetRequiredService<SqliteBackupService>().CreateAsync(backups, CancellationToken.None);
        }
        finally
        {
            await host.StopForRestoreAsync();
        }
        try
        {
            var damaged = CopyBackup(good.Folder, "damaged");
            var dbFile = Path.Combine(damaged, BackupManifest.DatabaseFile);
            await using (var stream = new FileStream(dbFile, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Position = stream.Length / 2;
                stream.WriteByte(0x5A);
            }
            var liveBefore = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(data, "portal.db"))));
            var filesBefore = await StoredFileHashesAsync(data);

            var result = await WithOperatorAppAsync(host, s => s.RestoreAsync(damaged, CancellationToken.None));

            Assert.False(result.Ok);
            Assert.StartsWith("Restore refused", result.Message);
            Assert.Equal(liveBefore, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(data, "portal.db")))));
            Assert.Equal(filesBefore, await StoredFileHashesAsync(data));
            Assert.Empty(Directory.EnumerateDirectories(data, "before-restore-*"));
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            if (Directory.Exists(backups)) Directory.Delete(backups, recursive: true);
        }
    }

    private static string CopyBackup(string source, string name)
    {
        var target = Path.Combine(Path.GetDirectoryName(source)!, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}

/// <summary>Keeping the newest Backup:Keep backups: the threshold on both sides, and unfinished ones.</summary>
public class BackupRetentionTests
{
    private static string MakeBackups(params string[] names)
    {
        var root = Path.Combine(Path.GetTempPath(), "pm-backups", Guid.NewGuid().ToString("N"));
        foreach (var name in names)
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            if (!name.EndsWith(".partial", StringComparison.Ordinal))
                File.WriteAllText(Path.Combine(root, name, BackupManifest.FileName), JsonSerializer.Serialize(new { format = 1 }));
        }
        return root;
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 0)]
    [InlineData(1, 2)]
    public void Prune_keeps_the_newest_Keep_complete_backups(int keep, int removed)
    {
        var root = MakeBackups("portal-20261201T023000Z", "portal-20261202T023000Z", "portal-20261203T023000Z");
        try
        {
            var pruned = SqliteBackupService.Prune(root, keep, DateTime.UtcNow);
            Assert.Equal(removed, pruned.Count);
            Assert.True(Directory.Exists(Path.Combine(root, "portal-20261203T023000Z")), "the newest backup is always kept");
            if (removed > 0) Assert.Contains("portal-20261201T023000Z", pruned);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_unfinished_backup_is_removed_only_after_a_day_and_never_counts_as_a_kept_one()
    {
        var root = MakeBackups("portal-20261203T023000Z", "portal-20261204T023000Z.partial");
        try
        {
            var partial = Path.Combine(root, "portal-20261204T023000Z.partial");
            Directory.SetLastWriteTimeUtc(partial, new DateTime(2026, 12, 4, 2, 30, 0, DateTimeKind.Utc));
            Assert.Empty(SqliteBackupService.Prune(root, 1, new DateTime(2026, 12, 5, 2, 29, 0, DateTimeKind.Utc)));
            Assert.Equal(["portal-20261204T023000Z.partial"], SqliteBackupService.Prune(root, 1, new DateTime(2026, 12, 5, 2, 31, 0, DateTimeKind.Utc)));
            Assert.True(Directory.Exists(Path.Combine(root, "portal-20261203T023000Z")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
