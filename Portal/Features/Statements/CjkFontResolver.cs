using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Portal.Features.Statements;

/// <summary>
/// PDFsharp's font source on Linux. Debian ships CJK fonts as TrueType collections (.ttc), which PDFsharp cannot
/// read (STACK-NOTES.md), so face 0 of WenQuanYi Micro Hei is cut out of the collection into a standalone
/// TrueType font. One family serves Latin and Chinese text; bold is simulated (the font has no bold face).
/// <see cref="Family"/> is that font cut down to the characters a statement normally needs (GB2312, Latin,
/// punctuation and symbols; see <see cref="TrueTypeSubsetter"/> for why), <see cref="FullFamily"/> the whole font
/// for the rare document with a character outside it.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    public const string Family = "PortalCjk";
    public const string FullFamily = "PortalCjkFull";
    public const string DebianPackage = "fonts-wqy-microhei";

    public static readonly string[] SearchPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/local/share/fonts/wqy-microhei.ttc",
    ];

    private readonly Lazy<byte[]> _font;
    private readonly Lazy<(byte[] Font, IReadOnlySet<int> Characters)> _reduced;

    public CjkFontResolver(IEnumerable<string>? paths = null)
    {
        var candidates = (paths ?? SearchPaths).ToList();
        _font = new Lazy<byte[]>(() => Load(candidates));
        _reduced = new Lazy<(byte[], IReadOnlySet<int>)>(() =>
        {
            var font = TrueTypeSubsetter.Subset(_font.Value, StatementCharacters.Contains, out var characters);
            return (font, characters);
        });
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(familyName == FullFamily ? FullFamily : Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName == FullFamily ? _font.Value : _reduced.Value.Font;

    /// <summary>Throws a clear error when no CJK font is installed, naming the package to install.</summary>
    public void EnsureAvailable() => _ = _reduced.Value;

    /// <summary>The family that draws every character of <paramref name="text"/>: the reduced font when it has them all.</summary>
    public string FamilyFor(string text)
    {
        var characters = _reduced.Value.Characters;
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text, i) && i + 1 < text.Length) c = char.ConvertToUtf32(text[i], text[++i]);
            if (c >= 0x20 && !characters.Contains(c)) return FullFamily;
        }
        return Family;
    }

    private static byte[] Load(IReadOnlyList<string> candidates)
    {
        var path = candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"No CJK font for PDF statements was found (looked for {string.Join(", ", candidates)}). " +
            $"Install it with: apt-get install -y {DebianPackage}");
        var bytes = File.ReadAllBytes(path);
        return IsCollection(bytes) ? ExtractFace(bytes, 0) : bytes;
    }

    public static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    /// <summary>
    /// Copies one face of a TrueType collection into a standalone font: its offset table and table records,
    /// with every table's data copied after them (4-byte aligned) and the offsets rewritten.
    /// </summary>
    public static byte[] ExtractFace(ReadOnlySpan<byte> ttc, int face)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(ttc[8..]);
        if (face < 0 || face >= count) throw new ArgumentOutOfRangeException(nameof(face), $"The collection has {count} face(s).");
        var offset = BinaryPrimitives.ReadInt32BigEndian(ttc[(12 + 4 * face)..]);
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(ttc[(offset + 4)..]);
        var headerLength = 12 + 16 * numTables;

        var tables = new (int Record, int Offset, int Length)[numTables];
        var total = headerLength;
        for (var i = 0; i < numTables; i++)
        {
            var rec = offset + 12 + 16 * i;
            tables[i] = (rec, BinaryPrimitives.ReadInt32BigEndian(ttc[(rec + 8)..]), BinaryPrimitives.ReadInt32BigEndian(ttc[(rec + 12)..]));
            total += (tables[i].Length + 3) & ~3;
        }

        var result = new byte[total];
        ttc.Slice(offset, headerLength).CopyTo(result);
        var at = headerLength;
        for (var i = 0; i < numTables; i++)
        {
            var (_, src, length) = tables[i];
            ttc.Slice(src, length).CopyTo(result.AsSpan(at));
            BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(12 + 16 * i + 8), at);
            at += (length + 3) & ~3;
        }
        return result;
    }
}
