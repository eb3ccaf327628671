using System.Text;

namespace Portal.Features.Statements;

/// <summary>
/// The characters the reduced statement font keeps: Latin (with its extensions), the GB2312 set (6,763 hanzi,
/// full-width forms, Greek, Cyrillic, kana), punctuation, currency, letter-like and maths symbols, arrows, circled
/// numbers and shapes, CJK punctuation and half/full-width forms. A statement with anything else (a rare character
/// in a name) is drawn with the full font.
/// </summary>
public static class StatementCharacters
{
    private static readonly HashSet<int> Gb2312 = LoadGb2312();

    public static bool Contains(int c) =>
        c < 0x250
        || c is >= 0x2000 and <= 0x206F or >= 0x20A0 and <= 0x20CF or >= 0x2100 and <= 0x22FF or >= 0x2460 and <= 0x25FF
            or >= 0x3000 and <= 0x303F or >= 0xFF00 and <= 0xFFEF
        || Gb2312.Contains(c);

    /// <summary>GB2312 is the two-byte region rows 0xA1–0xF7, cells 0xA1–0xFE of code page 936 (GBK extends it elsewhere).</summary>
    private static HashSet<int> LoadGb2312()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        var set = new HashSet<int>();
        Span<byte> pair = stackalloc byte[2];
        Span<char> decoded = stackalloc char[2];
        for (var row = 0xA1; row <= 0xF7; row++)
            for (var cell = 0xA1; cell <= 0xFE; cell++)
            {
                pair[0] = (byte)row;
                pair[1] = (byte)cell;
                if (gbk.GetChars(pair, decoded) == 1 && decoded[0] != '\uFFFD') set.Add(decoded[0]);
            }
        return set;
    }
}
