using System.Globalization;

namespace Portal.Domain.Weather;

/// <summary>One valid line of a normals file: a supply region's published normal daily mean for one calendar day.</summary>
public readonly record struct RegionNormal(string Region, int Month, int Day, double NormalC);

/// <summary>What a normals file holds: its valid rows when it has no error (all or nothing), otherwise its errors.</summary>
public sealed record NormalsFile(IReadOnlyList<RegionNormal> Rows, IReadOnlyList<TemperatureLineError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// The rules for published climatological normals (e.g. CMA's 1991–2020 daily normals of a station) and the CSV they come
/// in: <c>region,month_day,normal_c</c>, <c>month_day</c> as <c>MM-dd</c> (<c>01-15</c>), a point as the decimal
/// separator, header optional. A file is taken whole or not at all, and it <b>replaces</b> the normals of every region it
/// names, so it must give each of them all 365 days of a common year: 29 February is optional (without its own line it
/// gets the mean of 28 February and 1 March, <see cref="PublishedNormals"/>), so a region never holds half a climatology.
/// </summary>
public static class NormalsImport
{
    public const string Header = "region,month_day,normal_c";
    /// <summary>Days a region's file must give: every day of a common year (29 February may be added).</summary>
    public const int RequiredDays = 365;
    /// <summary>Longest source/period text (e.g. "CMA 1991–2020").</summary>
    public const int MaxPeriodLength = 100;

    public const string ErrorFieldCount = "Weather.Normals.Error.FieldCount";
    public const string ErrorDay = "Weather.Normals.Error.Day";
    public const string ErrorDuplicate = "Weather.Normals.Error.Duplicate";
    public const string ErrorIncomplete = "Weather.Normals.Error.Incomplete";
    public const string ErrorPeriod = "Weather.Normals.Error.Period";

    /// <summary>Every error code a normals file can get, for the pages and the localization test (region, number, range and empty are the temperature file's).</summary>
    public static readonly string[] ErrorCodes =
        [ErrorFieldCount, TemperatureImport.ErrorRegion, ErrorDay, TemperatureImport.ErrorNumber, TemperatureImport.ErrorRange, ErrorDuplicate, ErrorIncomplete, ErrorPeriod, TemperatureImport.ErrorEmpty];

    /// <summary>The calendar day of <c>MM-dd</c> text: a real day of a leap year (02-29 yes, 02-30 and 04-31 no), or null.</summary>
    public static (int Month, int Day)? ParseMonthDay(string text)
    {
        var t = text.Trim();
        if (t.Length != 5 || t[2] != '-' || !char.IsAsciiDigit(t[0]) || !char.IsAsciiDigit(t[1]) || !char.IsAsciiDigit(t[3]) || !char.IsAsciiDigit(t[4])) return null;
        var month = (t[0] - '0') * 10 + (t[1] - '0');
        var day = (t[3] - '0') * 10 + (t[4] - '0');
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000, month) ? (month, day) : null;
    }

    /// <summary>Null when the source/period text is given (not blank) and at most <see cref="MaxPeriodLength"/> characters; else <see cref="ErrorPeriod"/>.</summary>
    public static string? CheckPeriod(string? period) =>
        string.IsNullOrWhiteSpace(period) || period.Trim().Length > MaxPeriodLength ? ErrorPeriod : null;

    /// <summary>
    /// Reads and checks a file's lines: each line's field count, known region, calendar day, number, range
    /// (<see cref="TemperatureImport.MinC"/>…<see cref="TemperatureImport.MaxC"/>) and duplicates; then that every region
    /// named has all <see cref="RequiredDays"/> days (an error on line 0 per incomplete region, naming the first missing day).
    /// </summary>
    public static NormalsFile Parse(IEnumerable<string> lines, IReadOnlyCollection<string> regions)
    {
        var rows = new List<RegionNormal>();
        var errors = new List<TemperatureLineError>();
        var seen = new Dictionary<(string, int, int), int>();
        var known = TemperatureImport.RegionLookup(regions);
        var named = new List<string>();
        var lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = lineNo == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (lineNo == 1 && fields.Length == 3 && string.Equals(string.Join(",", fields.Select(f => f.Trim())), Header, StringComparison.OrdinalIgnoreCase)) continue;
            if (errors.Count >= TemperatureImport.MaxErrors) break;
            if (fields.Length != 3)
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorFieldCount, Shorten(line)));
                continue;
            }
            var regionText = fields[0].Trim();
            var dayText = fields[1].Trim();
            var normalText = fields[2].Trim();
            if (!known.TryGetValue(regionText, out var region))
            {
                errors.Add(new TemperatureLineError(lineNo, TemperatureImport.ErrorRegion, Shorten(regionText)));
                continue;
            }
            if (!named.Contains(region)) named.Add(region);
            if (ParseMonthDay(dayText) is not { } md)
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorDay, Shorten(dayText)));
                continue;
            }
            if (TemperatureImport.ReadDegrees(normalText, out var normalC) is { } tError)
            {
                errors.Add(new TemperatureLineError(lineNo, tError, Shorten(normalText)));
                continue;
            }
            if (seen.TryGetValue((region, md.Month, md.Day), out var firstLine))
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorDuplicate, Invariant($"{region} {dayText} ({firstLine})")));
                continue;
            }
            seen[(region, md.Month, md.Day)] = lineNo;
            rows.Add(new RegionNormal(region, md.Month, md.Day, normalC));
        }
        if (errors.Count == 0)
        {
            foreach (var region in named)
            {
                var missing = CommonYearDays().Where(d => !seen.ContainsKey((region, d.Month, d.Day))).ToList();
                if (missing.Count > 0)
                    errors.Add(new TemperatureLineError(0, ErrorIncomplete, Invariant($"{region}: {missing.Count} ({missing[0].Month:00}-{missing[0].Day:00} …)")));
            }
        }
        if (errors.Count == 0 && rows.Count == 0) errors.Add(new TemperatureLineError(0, TemperatureImport.ErrorEmpty, ""));
        return new NormalsFile(errors.Count == 0 ? rows : [], errors);
    }

    /// <summary>The 365 calendar days of a common year, in order.</summary>
    public static IEnumerable<(int Month, int Day)> CommonYearDays()
    {
        for (var d = new DateOnly(2001, 1, 1); d.Year == 2001; d = d.AddDays(1)) yield return (d.Month, d.Day);
    }

    private static string Shorten(string s) => TemperatureImport.Shorten(s);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A region's imported published normals: one value per calendar day. 29 February without its own value gets the mean of
/// 28 February and 1 March (published daily normals are often given for a common year).
/// </summary>
public sealed class PublishedNormals
{
    private readonly Dictionary<(int Month, int Day), double> _days;

    /// <param name="period">What they are, as the admin named them: e.g. "CMA 1991–2020".</param>
    public PublishedNormals(IEnumerable<RegionNormal> days, string period)
    {
        _days = new Dictionary<(int, int), double>();
        foreach (var d in days)
            if (double.IsFinite(d.NormalC)) _days[(d.Month, d.Day)] = d.NormalC;
        Period = period;
    }

    public string Period { get; }
    public int Days => _days.Count;

    /// <summary>The published normal for <paramref name="day"/>'s calendar day, or null when none is held for it.</summary>
    public double? For(DateOnly day)
    {
        if (_days.TryGetValue((day.Month, day.Day), out var v)) return v;
        if (day.Month == 2 && day.Day == 29 && _days.TryGetValue((2, 28), out var feb28) && _days.TryGetValue((3, 1), out var mar1))
            return (feb28 + mar1) / 2;
        return null;
    }
}
