using System.Buffers.Binary;
using System.Text;

namespace Portal.Features.Statements;

/// <summary>
/// Cuts a TrueType font down to the glyphs of a set of characters and renumbers them, once per process.
/// PDFsharp subsets the font of every document it saves, but its subset keeps the source font's full per-glyph
/// tables (loca and hmtx: ~400 KB for WenQuanYi's 49,000 glyphs) and compresses them again for every statement;
/// that was most of a statement's time (docs/PERFORMANCE.md). A font with only the ~7,700 glyphs a statement can
/// need makes those tables six times smaller. Outlines are copied byte for byte; composite glyphs keep their parts.
/// </summary>
public static class TrueTypeSubsetter
{
    /// <summary>Tables copied unchanged; the rest of the source font (layout, vertical metrics, glyph names) is left out.</summary>
    private static readonly string[] Copied = ["OS/2", "cvt ", "fpgm", "prep", "gasp"];

    /// <summary>Appended to the face's full and PostScript names: PDFsharp keys its font caches by name, so the
    /// subset must not share the source font's name when both are in use.</summary>
    public const string NameSuffix = " Statement";

    /// <summary>Returns the reduced font and the characters it maps.</summary>
    public static byte[] Subset(byte[] font, Func<int, bool> keep, out IReadOnlySet<int> characters)
    {
        var tables = ReadTables(font);
        ReadOnlySpan<byte> Table(string tag) => tables.TryGetValue(tag, out var t)
            ? font.AsSpan(t.Offset, t.Length)
            : throw new InvalidDataException($"The font has no '{tag}' table.");

        var head = Table("head");
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(Table("maxp")[4..]);
        var hMetrics = BinaryPrimitives.ReadUInt16BigEndian(Table("hhea")[34..]);
        var loca = Table("loca").ToArray();
        int Loca(int g) => longLoca ? BinaryPrimitives.ReadInt32BigEndian(loca.AsSpan(4 * g)) : 2 * BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(2 * g));
        var glyf = Table("glyf");

        var map = ReadCmap(Table("cmap")).Where(kv => kv.Value != 0 && kv.Value < glyphCount && keep(kv.Key)).OrderBy(kv => kv.Key).ToList();
        var newIndex = new Dictionary<int, int> { [0] = 0 };
        var order = new List<int> { 0 };
        foreach (var (_, g) in map)
            if (newIndex.TryAdd(g, order.Count)) order.Add(g);
        for (var i = 0; i < order.Count; i++)
            foreach (var (_, component) in Components(glyf[Loca(order[i])..Loca(order[i] + 1)]))
                if (newIndex.TryAdd(component, order.Count)) order.Add(component);

        // glyf and loca (long offsets), hmtx with a full metric per glyph.
        var newGlyf = new MemoryStream();
        var newLoca = new byte[4 * (order.Count + 1)];
        var hmtx = Table("hmtx");
        var newHmtx = new byte[4 * order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            var g = order[i];
            BinaryPrimitives.WriteInt32BigEndian(newLoca.AsSpan(4 * i), (int)newGlyf.Length);
            var data = glyf[Loca(g)..Loca(g + 1)].ToArray();
            foreach (var (at, component) in Components(data))
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), (ushort)newIndex[component]);
            newGlyf.Write(data);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
            var advance = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(4 * Math.Min(g, hMetrics - 1))..]);
            var lsb = g < hMetrics ? BinaryPrimitives.ReadInt16BigEndian(hmtx[(4 * g + 2)..]) : BinaryPrimitives.ReadInt16BigEndian(hmtx[(4 * hMetrics + 2 * (g - hMetrics))..]);
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(4 * i), advance);
            BinaryPrimitives.WriteInt16BigEndian(newHmtx.AsSpan(4 * i + 2), lsb);
        }
        BinaryPrimitives.WriteInt32BigEndian(newLoca.AsSpan(4 * order.Count), (int)newGlyf.Length);

        var newHead = head.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0); // checkSumAdjustment, set at the end
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1);
        var newHhea = Table("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newHhea.AsSpan(34), (ushort)order.Count);
        var newMaxp = Table("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newMaxp.AsSpan(4), (ushort)order.Count);
        var post = Table("post")[..32].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000); // version 3: no glyph names

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = newHead,
            ["hhea"] = newHhea,
            ["maxp"] = newMaxp,
            ["hmtx"] = newHmtx,
            ["loca"] = newLoca,
            ["glyf"] = newGlyf.ToArray(),
            ["cmap"] = Cmap(map.Select(kv => (kv.Key, newIndex[kv.Value])).ToList()),
            ["post"] = post,
        };
        output["name"] = Rename(Table("name"));
        foreach (var tag in Copied)
            if (tables.ContainsKey(tag)) output[tag] = Table(tag).ToArray();
        characters = map.Select(kv => kv.Key).ToHashSet();
        return Assemble(output);
    }

    /// <summary>The name table with <see cref="NameSuffix"/> on the unique (3), full (4) and PostScript (6) names; the rest (copyright, licence) kept.</summary>
    private static byte[] Rename(ReadOnlySpan<byte> name)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(name[2..]);
        var strings = BinaryPrimitives.ReadUInt16BigEndian(name[4..]);
        var records = new List<(byte[] Head, byte[] Text)>();
        for (var i = 0; i < count; i++)
        {
            var rec = name.Slice(6 + 12 * i, 12);
            var (platform, id) = (BinaryPrimitives.ReadUInt16BigEndian(rec), BinaryPrimitives.ReadUInt16BigEndian(rec[6..]));
            var text = name.Slice(strings + BinaryPrimitives.ReadUInt16BigEndian(rec[10..]), BinaryPrimitives.ReadUInt16BigEndian(rec[8..])).ToArray();
            if (id is 3 or 4 or 6)
            {
                var encoding = platform is 0 or 3 ? Encoding.BigEndianUnicode : Encoding.Latin1;
                text = encoding.GetBytes(encoding.GetString(text) + (id == 6 ? NameSuffix.Trim() : NameSuffix));
            }
            records.Add((rec[..8].ToArray(), text));
        }
        var header = 6 + 12 * records.Count;
        var result = new byte[header + records.Sum(r => r.Text.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(2), (ushort)records.Count);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)header);
        var offset = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var rec = result.AsSpan(6 + 12 * i);
            records[i].Head.CopyTo(rec);
            BinaryPrimitives.WriteUInt16BigEndian(rec[8..], (ushort)records[i].Text.Length);
            BinaryPrimitives.WriteUInt16BigEndian(rec[10..], (ushort)offset);
            records[i].Text.CopyTo(result.AsSpan(header + offset));
            offset += records[i].Text.Length;
        }
        return result;
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var rec = font.AsSpan(12 + 16 * i);
            tables[Encoding.ASCII.GetString(rec[..4])] = (BinaryPrimitives.ReadInt32BigEndian(rec[8..]), BinaryPrimitives.ReadInt32BigEndian(rec[12..]));
        }
        return tables;
    }

    /// <summary>Component references of a composite glyph: (byte offset of the glyph index, glyph index). None for a simple glyph.</summary>
    private static List<(int At, int Glyph)> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<(int, int)>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return result;
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            result.Add((at + 2, BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..])));
            at += 4 + ((flags & 0x1) != 0 ? 4 : 2);
            at += (flags & 0x8) != 0 ? 2 : (flags & 0x40) != 0 ? 4 : (flags & 0x80) != 0 ? 8 : 0;
        }
        while ((flags & 0x20) != 0);
        return result;
    }

    /// <summary>The Unicode mapping: a Windows (3,10) format 12 subtable when present, else (3,1) format 4.</summary>
    private static Dictionary<int, int> ReadCmap(ReadOnlySpan<byte> cmap)
    {
        var map = new Dictionary<int, int>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var rec = cmap[(4 + 8 * i)..];
            var (platform, encoding, offset) = (BinaryPrimitives.ReadUInt16BigEndian(rec), BinaryPrimitives.ReadUInt16BigEndian(rec[2..]), BinaryPrimitives.ReadInt32BigEndian(rec[4..]));
            if (platform != 3) continue;
            var format = BinaryPrimitives.ReadUInt16BigEndian(cmap[offset..]);
            if (encoding == 10 && format == 12) format12 = offset;
            if (encoding == 1 && format == 4) format4 = offset;
        }
        if (format12 is { } f12)
        {
            var groups = BinaryPrimitives.ReadInt32BigEndian(cmap[(f12 + 12)..]);
            for (var i = 0; i < groups; i++)
            {
                var g = cmap[(f12 + 16 + 12 * i)..];
                var (start, end, glyph) = (BinaryPrimitives.ReadInt32BigEndian(g), BinaryPrimitives.ReadInt32BigEndian(g[4..]), BinaryPrimitives.ReadInt32BigEndian(g[8..]));
                for (var c = start; c <= end; c++) map[c] = glyph + c - start;
            }
            return map;
        }
        var t = cmap[(format4 ?? throw new InvalidDataException("The font has no Unicode character map."))..];
        var segments = BinaryPrimitives.ReadUInt16BigEndian(t[6..]) / 2;
        var ends = 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var ranges = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            var (start, end) = (BinaryPrimitives.ReadUInt16BigEndian(t[(starts + 2 * s)..]), BinaryPrimitives.ReadUInt16BigEndian(t[(ends + 2 * s)..]));
            var delta = BinaryPrimitives.ReadInt16BigEndian(t[(deltas + 2 * s)..]);
            var range = BinaryPrimitives.ReadUInt16BigEndian(t[(ranges + 2 * s)..]);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (range == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    glyph = BinaryPrimitives.ReadUInt16BigEndian(t[(ranges + 2 * s + range + 2 * (c - start))..]);
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                map[c] = glyph;
            }
        }
        return map;
    }

    /// <summary>A (3,1) format 4 subtable; characters and glyphs ascend together, so each run of both is one segment.</summary>
    private static byte[] Cmap(List<(int Char, int Glyph)> map)
    {
        var segments = new List<(int Start, int End, int Delta)>();
        foreach (var (c, g) in map.Where(m => m.Char < 0xFFFF))
        {
            if (segments.Count > 0 && segments[^1].End == c - 1 && segments[^1].Delta == g - c)
                segments[^1] = (segments[^1].Start, c, g - c);
            else segments.Add((c, c, g - c));
        }
        segments.Add((0xFFFF, 0xFFFF, 1));
        var n = segments.Count;
        var length = 16 + 8 * n;
        var b = new byte[12 + length];
        BinaryPrimitives.WriteUInt16BigEndian(b, 0);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(6), 1);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), 12);
        var t = b.AsSpan(12);
        BinaryPrimitives.WriteUInt16BigEndian(t, 4);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(t[6..], (ushort)(2 * n));
        var power = 1;
        var log = 0;
        while (power * 2 <= n) { power *= 2; log++; }
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], (ushort)(2 * power));
        BinaryPrimitives.WriteUInt16BigEndian(t[10..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(t[12..], (ushort)(2 * n - 2 * power));
        for (var i = 0; i < n; i++)
        {
            var (start, end, delta) = segments[i];
            BinaryPrimitives.WriteUInt16BigEndian(t[(14 + 2 * i)..], (ushort)end);
            BinaryPrimitives.WriteUInt16BigEndian(t[(16 + 2 * n + 2 * i)..], (ushort)start);
            BinaryPrimitives.WriteUInt16BigEndian(t[(16 + 4 * n + 2 * i)..], (ushort)(delta & 0xFFFF));
            // idRangeOffset stays 0: the glyph is the character plus the delta.
        }
        return b;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var n = tables.Count;
        var headerLength = 12 + 16 * n;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(font, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(4), (ushort)n);
        var power = 1;
        var log = 0;
        while (power * 2 <= n) { power *= 2; log++; }
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(6), (ushort)(16 * power));
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(10), (ushort)(16 * n - 16 * power));
        var at = headerLength;
        var i = 0;
        var headAt = 0;
        foreach (var (tag, data) in tables)
        {
            var rec = font.AsSpan(12 + 16 * i++);
            Encoding.ASCII.GetBytes(tag, rec);
            BinaryPrimitives.WriteUInt32BigEndian(rec[4..], CheckSum(data));
            BinaryPrimitives.WriteInt32BigEndian(rec[8..], at);
            BinaryPrimitives.WriteInt32BigEndian(rec[12..], data.Length);
            data.CopyTo(font.AsSpan(at));
            if (tag == "head") headAt = at;
            at += (data.Length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(headAt + 8), unchecked(0xB1B0AFBA - CheckSum(font)));
        return font;
    }

    private static uint CheckSum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var k = 0; k < 4; k++) word = (word << 8) | (i + k < data.Length ? data[i + k] : 0u);
            sum = unchecked(sum + word);
        }
        return sum;
    }
}
