using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Backup;

public sealed record BackupResult(string Folder, BackupManifest Manifest, TimeSpan Took, IReadOnlyList<string> Pruned);

public sealed record BackupCheck(bool Ok, string Message, BackupManifest? Manifest)
{
    public static BackupCheck Refused(string message, BackupManifest? manifest = null) => new(false, message, manifest);
}

public sealed record RestoreResult(bool Ok, string Message, string? SetAsideFolder = null);

/// <summary>
/// Backups of the embedded default: the SQLite database copied online with <c>VACUUM INTO</c> (one read transaction,
/// so the copy is consistent while the portal serves and jobs write; readers never block writers in WAL mode), then
/// the data folder's file stores (complaint attachments, hazard photos, …), then a manifest with a SHA-256 per file
/// and the row count of every table in the snapshot. Files are copied after the snapshot, so every file the copied
/// database names is in the backup (stored files are write-once, named by a generated id). A backup is written to a
/// ".partial" folder and renamed only when complete. A restore verifies everything before it touches the live data,
/// refuses a damaged, incomplete or newer-schema backup, refuses while a portal runs on the database, and sets the
/// replaced data aside instead of deleting it.
/// </summary>
public sealed class SqliteBackupService(
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<DatabaseOptions> database,
    IOptions<BackupOptions> options,
    IWebHostEnvironment env,
    AuditService audit,
    TimeProvider clock,
    ILogger<SqliteBackupService> log)
{
    private const string PartialSuffix = ".partial";
    private const string SetAsidePrefix = "before-restore-";
    private const string StagingFolder = ".restore-staging";
    public const string BackupPrefix = "portal-";

    public string DataFolder => Resolve(database.Value.DataFolder);

    public string BackupRoot => Resolve(options.Value.Folder);

    public async Task<bool> IsSqliteAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return db.Database.IsSqlite();
    }

    public async Task<BackupResult> CreateAsync(string? targetRoot, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var root = targetRoot is null ? BackupRoot : Path.GetFullPath(targetRoot);
        var name = BackupPrefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var final = Path.Combine(root, name);
        if (Directory.Exists(final)) throw new InvalidOperationException($"A backup named {name} already exists in {root}.");
        var partial = final + PartialSuffix;
        Directory.CreateDirectory(partial);
        try
        {
            var dbCopy = Path.Combine(partial, BackupManifest.DatabaseFile);
            string lastMigration;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (!db.Database.IsSqlite())
                    throw new InvalidOperationException("The backup verb copies the embedded SQLite database; back up SQL Server and PostgreSQL with their own tools (docs/OPERATIONS.md, \"Backups\").");
                await db.Database.OpenConnectionAsync(ct);
                await using var vacuum = db.Database.GetDbConnection().CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.Add(new SqliteParameter("$path", dbCopy));
                vacuum.CommandTimeout = 0;
                await vacuum.ExecuteNonQueryAsync(ct);
                lastMigration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
            }

            var counts = await CountTablesAsync(dbCopy, ct);
            var files = new List<BackupFile> { new(BackupManifest.DatabaseFile, new FileInfo(dbCopy).Length, await BackupManifest.HashAsync(dbCopy, ct)) };
            foreach (var store in FileStores(DataFolder, root))
            {
                foreach (var source in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.Combine(BackupManifest.FilesFolder, Path.GetRelativePath(DataFolder, source));
                    var copy = Path.Combine(partial, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.Copy(source, copy);
                    files.Add(new(relative.Replace('\\', '/'), new FileInfo(copy).Length, await BackupManifest.HashAsync(copy, ct)));
                }
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow().UtcDateTime, "Sqlite", lastMigration, counts, files);
            await manifest.WriteAsync(partial, ct);
            Directory.Move(partial, final);
            var pruned = Prune(root, options.Value.Keep, clock.GetUtcNow().UtcDateTime);
            await audit.RecordAsync(new AuditEvent("Backup.Created", Target: name,
                Detail: $"files={files.Count} bytes={manifest.TotalBytes} pruned={pruned.Count}", UserName: "system"), ct);
            log.LogInformation("Backup {Name} written: {Files} files, {Bytes} bytes in {Seconds:F1} s; {Pruned} old backup(s) removed",
                name, files.Count, manifest.TotalBytes, sw.Elapsed.TotalSeconds, pruned.Count);
            return new(final, manifest, sw.Elapsed, pruned);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>Checks a backup without touching the live data: manifest, every file's size and hash, the database's
    /// integrity, its schema version against this build, and its row counts against the manifest.</summary>
    public async Task<BackupCheck> VerifyAsync(string folder, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder)) return BackupCheck.Refused($"There is no folder '{folder}'.");
        var (manifest, problem) = await BackupManifest.ReadAsync(folder, ct);
        if (manifest is null) return BackupCheck.Refused(problem!);
        if (manifest.Provider != "Sqlite") return BackupCheck.Refused($"The backup is of a {manifest.Provider} database; this restore handles SQLite backups.", manifest);
        if (!manifest.Files.Any(f => f.Path == BackupManifest.DatabaseFile)) return BackupCheck.Refused("The manifest lists no database file.", manifest);
        foreach (var file in manifest.Files)
        {
            if (!IsSafeRelative(file.Path)) return BackupCheck.Refused($"The manifest names a file outside the backup: '{file.Path}'.", manifest);
            var path = Path.Combine(folder, file.Path);
            if (!File.Exists(path)) return BackupCheck.Refused($"{file.Path} is missing from the backup.", manifest);
            if (new FileInfo(path).Length != file.Bytes) return BackupCheck.Refused($"{file.Path} has {new FileInfo(path).Length} bytes; the manifest says {file.Bytes}.", manifest);
            if (await BackupManifest.HashAsync(path, ct) != file.Sha256) return BackupCheck.Refused($"{file.Path} does not match its checksum: the backup is damaged.", manifest);
        }

        var dbPath = Path.Combine(folder, BackupManifest.DatabaseFile);
        var integrity = await ScalarAsync(dbPath, "PRAGMA integrity_check", ct);
        if (!string.Equals(integrity, "ok", StringComparison.Ordinal)) return BackupCheck.Refused($"The database in the backup fails SQLite's integrity check: {integrity}", manifest);
        string? backupMigration;
        try
        {
            backupMigration = await ScalarAsync(dbPath, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1", ct);
        }
        catch (SqliteException)
        {
            return BackupCheck.Refused("The database in the backup is not a PowerMarketing database (no migration history).", manifest);
        }
        if (backupMigration != manifest.LastMigration) return BackupCheck.Refused($"The database's schema version ({backupMigration}) differs from the manifest's ({manifest.LastMigration}).", manifest);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (!known.Contains(manifest.LastMigration))
                return BackupCheck.Refused($"The backup was made by a different version of the portal (schema {manifest.LastMigration} is unknown to this version); restore it with the version that made it.", manifest);
        }
        var counts = await CountTablesAsync(dbPath, ct);
        foreach (var (table, expected) in manifest.TableCounts)
        {
            if (!counts.TryGetValue(table, out var actual) || actual != expected)
                return BackupCheck.Refused($"Table {table} holds {(counts.TryGetValue(table, out var a) ? a : 0)} rows; the manifest says {expected}.", manifest);
        }
        return new(true, $"The backup of {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC is intact: {manifest.Files.Count} files, {manifest.TotalBytes:N0} bytes, schema {manifest.LastMigration}.", manifest);
    }

    /// <summary>Replaces the live database and file stores with a verified backup. The portal must be stopped; the
    /// replaced data is moved to a "before-restore-…" folder inside the data folder, never deleted.</summary>
    public async Task<RestoreResult> RestoreAsync(string folder, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        var check = await VerifyAsync(folder, ct);
        if (!check.Ok) return new(false, "Restore refused: " + check.Message);
        var manifest = check.Manifest!;

        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            connectionString = db.Database.GetConnectionString()!;
        var livePath = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        using var instance = new SqliteInstanceLock();
        try
        {
            instance.Acquire(connectionString);
        }
        catch (ConfigurationException)
        {
            return new(false, $"Restore refused: a portal is running on {livePath}. Stop it first.");
        }

        var data = DataFolder;
        var staging = Path.Combine(data, StagingFolder);
        TryDelete(staging);
        try
        {
            // 1. Copy everything into a staging folder on the same disk and check the copies.
            foreach (var file in manifest.Files)
            {
                var target = Path.Combine(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(folder, file.Path), target);
                if (await BackupManifest.HashAsync(target, ct) != file.Sha256)
                    throw new IOException($"The copy of {file.Path} does not match its checksum (disk full or failing?).");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            return new(false, "Restore refused: " + e.Message + " Nothing was changed.");
        }

        // 2. Swap: the live database and stores move aside, the staged ones move in (renames on one disk).
        SqliteConnection.ClearAllPools();
        var aside = Path.Combine(data, SetAsidePrefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(aside);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            if (File.Exists(livePath + suffix)) File.Move(livePath + suffix, Path.Combine(aside, Path.GetFileName(livePath) + suffix));
        }
        foreach (var store in FileStores(data, BackupRoot))
            Directory.Move(store, Path.Combine(aside, Path.GetFileName(store)));
        File.Move(Path.Combine(staging, BackupManifest.DatabaseFile), livePath);
        var stagedFiles = Path.Combine(staging, BackupManifest.FilesFolder);
        if (Directory.Exists(stagedFiles))
        {
            foreach (var store in Directory.EnumerateDirectories(stagedFiles))
                Directory.Move(store, Path.Combine(data, Path.GetFileName(store)));
        }
        TryDelete(staging);

        // 3. Bring the schema up to this version and record the restore in the (restored) audit chain.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await DatabaseStartup.MigrateAsync(db);
        await audit.RecordAsync(new AuditEvent("Backup.Restored", Target: Path.GetFileName(folder),
            Detail: $"created={manifest.CreatedUtc:O} files={manifest.Files.Count} setAside={Path.GetFileName(aside)}", UserName: "system"), ct);
        return new(true, $"Restored the backup of {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC ({manifest.Files.Count} files). The replaced data is in {aside}.", aside);
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> complete backups (and abandoned partial ones older than a day).</summary>
    public static List<string> Prune(string root, int keep, DateTime nowUtc)
    {
        var removed = new List<string>();
        if (!Directory.Exists(root)) return removed;
        var complete = Directory.EnumerateDirectories(root, BackupPrefix + "*")
            .Where(d => !d.EndsWith(PartialSuffix, StringComparison.Ordinal) && File.Exists(Path.Combine(d, BackupManifest.FileName)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .ToList();
        foreach (var old in complete.Skip(Math.Max(1, keep)))
        {
            TryDelete(old);
            removed.Add(Path.GetFileName(old));
        }
        var dayAgo = nowUtc.AddDays(-1);
        foreach (var partial in Directory.EnumerateDirectories(root, BackupPrefix + "*" + PartialSuffix).Where(d => Directory.GetLastWriteTimeUtc(d) < dayAgo))
        {
            TryDelete(partial);
            removed.Add(Path.GetFileName(partial));
        }
        return removed;
    }

    /// <summary>The data folder's sub-folders that hold stored files: every one except the backup folder, staging and set-aside data.</summary>
    private static IEnumerable<string> FileStores(string data, string backupRoot)
    {
        if (!Directory.Exists(data)) return [];
        var backups = Path.GetFullPath(backupRoot).TrimEnd(Path.DirectorySeparatorChar);
        return Directory.EnumerateDirectories(data)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && !Path.GetFileName(d).StartsWith(SetAsidePrefix, StringComparison.Ordinal)
                        && !string.Equals(Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar), backups, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Dictionary<string, long>> CountTablesAsync(string dbPath, CancellationToken ct)
    {
        await using var connection = ReadOnly(dbPath);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static async Task<string?> ScalarAsync(string dbPath, string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = ReadOnly(dbPath);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            return (await command.ExecuteScalarAsync(ct))?.ToString();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            return e.Message;
        }
    }

    private static SqliteConnection ReadOnly(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    private static bool IsSafeRelative(string path) =>
        !Path.IsPathRooted(path) && !path.Split('/', '\\').Any(part => part is ".." or "");

    private string Resolve(string folder) =>
        Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(env.ContentRootPath, folder));

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
