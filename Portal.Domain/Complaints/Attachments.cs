namespace Portal.Domain.Complaints;

public enum AttachmentKind
{
    Unknown = 0,
    Jpeg = 1,
    Png = 2,
    Pdf = 3,
}

/// <summary>
/// Identifies a file by its first bytes, so a renamed executable is refused whatever its name or the browser's
/// declared content type say. Pass at least the first 8 bytes.
/// </summary>
public static class AttachmentSniffer
{
    public const int HeaderLength = 8;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;

    public static AttachmentKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(Jpeg)) return AttachmentKind.Jpeg;
        if (header.StartsWith(Png)) return AttachmentKind.Png;
        if (header.StartsWith(Pdf)) return AttachmentKind.Pdf;
        return AttachmentKind.Unknown;
    }
}

/// <summary>Checks an upload's metadata against what its bytes are. All problems are returned together.</summary>
public static class AttachmentPolicy
{
    public const int MaxPerComplaint = 3;

    /// <summary>5 MiB (5 × 1024 × 1024 bytes).</summary>
    public const long MaxSizeBytes = 5L * 1024 * 1024;

    public const int MaxFileNameLength = 255;

    private static readonly Dictionary<AttachmentKind, (string[] Extensions, string ContentType)> Allowed = new()
    {
        [AttachmentKind.Jpeg] = ([".jpg", ".jpeg"], "image/jpeg"),
        [AttachmentKind.Png] = ([".png"], "image/png"),
        [AttachmentKind.Pdf] = ([".pdf"], "application/pdf"),
    };

    public static IReadOnlyList<ValidationProblem> Validate(
        string fileName, string contentType, long sizeBytes, string sha256Hex, AttachmentKind sniffed)
    {
        var problems = new List<ValidationProblem>();
        var name = fileName?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxFileNameLength || name.IndexOfAny(['/', '\\']) >= 0 || name.Contains(".."))
            problems.Add(new("Attachment.InvalidFileName", "The file name is empty, too long or contains a path.", fileName));
        if (sizeBytes <= 0)
            problems.Add(new("Attachment.Empty", "The file is empty.", fileName));
        else if (sizeBytes > MaxSizeBytes)
            problems.Add(new("Attachment.TooLarge", $"The file is larger than {MaxSizeBytes} bytes.", fileName));
        if (sha256Hex is null || sha256Hex.Length != 64 || !sha256Hex.All(char.IsAsciiHexDigit))
            problems.Add(new("Attachment.InvalidHash", "The SHA-256 must be 64 hexadecimal characters.", fileName));

        if (!Allowed.TryGetValue(sniffed, out var allowed))
        {
            problems.Add(new("Attachment.UnsupportedContent", "Only JPEG, PNG and PDF files are accepted.", fileName));
            return problems;
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!allowed.Extensions.Contains(extension))
            problems.Add(new("Attachment.ExtensionMismatch", $"The file content is {sniffed} but its name ends with '{extension}'.", fileName));
        if (!string.Equals(contentType?.Trim(), allowed.ContentType, StringComparison.OrdinalIgnoreCase))
            problems.Add(new("Attachment.ContentTypeMismatch", $"The file content is {sniffed} but it was declared as '{contentType}'.", fileName));
        return problems;
    }
}

/// <summary>Metadata of a stored file; the bytes live in file storage at <see cref="StoredPath"/>.</summary>
public sealed class ComplaintAttachment
{
    private ComplaintAttachment() { FileName = ContentType = StoredPath = Sha256 = ""; }

    internal ComplaintAttachment(string fileName, string contentType, long sizeBytes, string storedPath, string sha256, AttachmentKind kind, DateTime addedAt)
    {
        Id = Guid.NewGuid();
        FileName = fileName.Trim();
        ContentType = contentType.Trim().ToLowerInvariant();
        SizeBytes = sizeBytes;
        StoredPath = storedPath;
        Sha256 = sha256.ToLowerInvariant();
        Kind = kind;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long SizeBytes { get; private set; }
    public string StoredPath { get; private set; }
    public string Sha256 { get; private set; }
    public AttachmentKind Kind { get; private set; }
    public DateTime AddedAt { get; private set; }
}
