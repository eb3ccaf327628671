using Microsoft.Extensions.Options;
using Portal.Infrastructure.Database;

namespace Portal.Features.Complaints;

/// <summary>
/// Attachment bytes live under the data folder (never under wwwroot), one folder per complaint, each file named by
/// a generated id: the customer's file name is metadata only and never touches the file system.
/// </summary>
public sealed class ComplaintAttachmentStorage
{
    private readonly string _root;

    public ComplaintAttachmentStorage(IOptions<DatabaseOptions> options, IWebHostEnvironment env)
    {
        var folder = options.Value.DataFolder;
        var data = Path.IsPathRooted(folder) ? folder : Path.Combine(env.ContentRootPath, folder);
        _root = Path.GetFullPath(Path.Combine(data, "complaint-attachments"));
    }

    public string Root => _root;

    public async Task<string> SaveAsync(Guid complaintId, Guid fileId, byte[] content, CancellationToken ct)
    {
        var relative = Path.Combine(complaintId.ToString("N"), fileId.ToString("N") + ".bin");
        var full = Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content, ct);
        return relative.Replace('\\', '/');
    }

    public Stream? OpenRead(string storedPath)
    {
        var full = Resolve(storedPath);
        return File.Exists(full) ? File.OpenRead(full) : null;
    }

    /// <summary>Removes what a failed submission wrote, so nothing is left half-written.</summary>
    public void DeleteComplaintFolder(Guid complaintId)
    {
        var dir = Resolve(complaintId.ToString("N"));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("Attachment path escapes the storage folder.");
        return full;
    }
}
