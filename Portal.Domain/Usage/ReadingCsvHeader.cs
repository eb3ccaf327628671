namespace Portal.Domain.Usage;

/// <summary>
/// Decides what the first line of a meter-data file is before any row is read, so a file in another layout is
/// refused as a whole with what was expected, instead of every row being rejected one by one.
/// <para>
/// A data row's second field is a timestamp and starts with a digit; a first line whose second field does not is a
/// header (or a file in another layout), and must then name the expected columns in order:
/// <c>account,timestamp,kwh</c>, optionally followed by <c>kvarh</c> and then <c>kw</c> (case and surrounding spaces
/// ignored, a UTF-8 byte order mark ignored).
/// </para>
/// </summary>
public static class ReadingCsvHeader
{
    public static readonly IReadOnlyList<string> Columns = ["account", "timestamp", "kwh", "kvarh", "kw"];

    /// <summary>The header as it should be written, e.g. in a message.</summary>
    public const string Expected = "account,timestamp,kwh[,kvarh,kw]";

    public enum Kind
    {
        /// <summary>The first line is data: read it as a row.</summary>
        Data = 0,
        /// <summary>The expected header: skip it.</summary>
        Header = 1,
        /// <summary>A header naming other columns, or a line that is neither: refuse the file.</summary>
        Wrong = 2,
    }

    public static Kind Classify(IReadOnlyList<string> fields)
    {
        if (fields.Count == 0) return Kind.Wrong;
        var second = fields.Count > 1 ? fields[1].Trim() : "";
        if (second.Length > 0 && char.IsAsciiDigit(second[0])) return Kind.Data;
        if (fields.Count < 3 || fields.Count > Columns.Count) return Kind.Wrong;
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim().TrimStart('\uFEFF').Trim();
            if (!name.Equals(Columns[i], StringComparison.OrdinalIgnoreCase)) return Kind.Wrong;
        }
        return Kind.Header;
    }
}
