namespace Portal.Domain.Usage;

/// <summary>Why an import row was not accepted. Stable codes: the UI localizes "Import.{reason}".</summary>
public enum ImportRejectReason
{
    UnknownAccount = 0,
    BadTimestamp = 1,
    NegativeValue = 2,
    NonNumeric = 3,
    /// <summary>The same account and timestamp appeared earlier in the file; the later row is rejected, even when identical.</summary>
    Duplicate = 4,
    /// <summary>Before the allowed range, after it (or after "now"), or above the plausible kWh per interval.</summary>
    OutOfRange = 5,
    /// <summary>Not on a 15-minute boundary (minutes not 0/15/30/45, or non-zero seconds).</summary>
    MisalignedTimestamp = 6,
}

/// <summary>One row as the CSV reader hands it over: all fields still text, <paramref name="LineNumber"/> 1-based in the file.</summary>
public readonly record struct RawReadingRow(
    int LineNumber,
    string AccountNumber,
    string Timestamp,
    string Kwh,
    string? Kvarh = null,
    string? Kw = null);

/// <param name="Value">The offending field as written in the file (shortened to <see cref="MaxSampleLength"/> characters), so
/// whoever fixes the file sees what was wrong, not only why.</param>
public sealed record RejectedRow(int LineNumber, ImportRejectReason Reason, string Value = "")
{
    public const int MaxSampleLength = 40;

    public static string Sample(ReadOnlySpan<char> field) =>
        field.Length <= MaxSampleLength ? field.ToString() : string.Concat(field[..(MaxSampleLength - 1)], "…");

    /// <summary>Localization key, e.g. "Import.Duplicate".</summary>
    public string Code => "Import." + Reason;
}

/// <summary>A complete day for one account, ready to pack into one row.</summary>
public sealed record ImportedDay(string AccountNumber, DayReadings Readings);

/// <summary>
/// Rules for one import. Dates are local (China Standard Time) calendar dates, inclusive.
/// <paramref name="NotAfter"/> is "now" in local time: an interval that starts after it is in the future.
/// A timestamp carrying an offset ('Z' or ±hh:mm) is converted to local time with <paramref name="LocalUtcOffset"/>
/// (China has no DST, so a fixed offset is exact).
/// </summary>
public sealed record ImportOptions(
    DateOnly FirstDate,
    DateOnly LastDate,
    DateTime? NotAfter = null,
    decimal MaxKwhPerInterval = 10_000m,
    TimeSpan? LocalUtcOffset = null)
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    public TimeSpan Offset => LocalUtcOffset ?? ChinaStandardTime;
}

public sealed class ImportResult
{
    internal ImportResult(IReadOnlyList<ImportedDay> days, IReadOnlyList<RejectedRow> rejected, int accepted)
    {
        Days = days;
        Rejected = rejected;
        AcceptedRowCount = accepted;
    }

    /// <summary>One entry per (account, date), ordered by account then date. Intervals without a row are Missing.</summary>
    public IReadOnlyList<ImportedDay> Days { get; }

    /// <summary>Rejected rows in file order.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    public int AcceptedRowCount { get; }

    public int RejectedCount(ImportRejectReason reason) => Rejected.Count(r => r.Reason == reason);
}
