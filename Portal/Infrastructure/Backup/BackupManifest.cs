using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Infrastructure.Backup;

/// <summary>One file in a backup: its path inside the backup folder (always '/'), its size and its SHA-256.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// What a backup holds, written last (so a backup without a manifest is incomplete): the format, when and by which
/// schema version it was made, the row count of every table in the snapshot, and a checksum for every file.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTime CreatedUtc,
    string Provider,
    string LastMigration,
    IReadOnlyDictionary<string, long> TableCounts,
    IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string DatabaseFile = "portal.db";
    public const string FilesFolder = "files";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public long TotalBytes => Files.Sum(f => f.Bytes);

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, ct);
    }

    /// <summary>Reads a manifest, or says in one sentence why it cannot (missing, not JSON, wrong format).</summary>
    public static async Task<(BackupManifest? Manifest, string? Problem)> ReadAsync(string folder, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path)) return (null, $"'{folder}' holds no {FileName}: it is not a backup, or the backup did not finish.");
        try
        {
            await using var stream = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct);
            if (manifest is null || manifest.Files is null || manifest.TableCounts is null || manifest.LastMigration is null)
                return (null, $"{FileName} in '{folder}' is incomplete.");
            if (manifest.Format != CurrentFormat)
                return (null, $"The backup has format {manifest.Format}; this version reads format {CurrentFormat}.");
            return (manifest, null);
        }
        catch (JsonException e)
        {
            return (null, $"{FileName} in '{folder}' is damaged: {e.Message}");
        }
    }

    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
