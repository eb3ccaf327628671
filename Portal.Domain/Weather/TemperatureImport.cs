using System.Globalization;

namespace Portal.Domain.Weather;

/// <summary>One valid line of a temperature file: a supply region's daily mean on one date, measured or estimated (gap-filled by the bureau).</summary>
public readonly record struct RegionTemperature(string Region, DateOnly Date, double MeanC, bool Estimated = false);

/// <summary>A line of a temperature file that cannot be taken; <see cref="Code"/> is a localized resource key.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Value">The offending field (or the line) as read, shortened.</param>
public sealed record TemperatureLineError(int Line, string Code, string Value);

/// <summary>What a temperature file holds: its valid rows when it has no error (all or nothing), otherwise its errors.</summary>
public sealed record TemperatureFile(IReadOnlyList<RegionTemperature> Rows, IReadOnlyList<TemperatureLineError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// The rules for an imported daily mean temperature and the CSV it comes in: <c>region,date,mean_c[,quality]</c>, one
/// line per region and day, ISO dates (yyyy-MM-dd), a point as the decimal separator, header optional; the optional
/// <c>quality</c> is <c>observed</c> (or empty) or <c>estimated</c> (a day the bureau gap-filled). A file is taken whole
/// or not at all: every line must be valid.
/// </summary>
public static class TemperatureImport
{
    public const string Header = "region,date,mean_c";
    public const string HeaderWithQuality = "region,date,mean_c,quality";
    public const string Observed = "observed";
    public const string Estimated = "estimated";
    /// <summary>The coldest daily mean accepted (°C); China's record low is −52.3 °C (Mohe, 1969).</summary>
    public const double MinC = -60;
    /// <summary>The warmest daily mean accepted (°C).</summary>
    public const double MaxC = 60;
    /// <summary>The oldest date accepted: the normals need 10 years; older data is of no use and more likely a typo.</summary>
    public const int MaxYearsBack = 30;
    /// <summary>Errors listed at most (a wrong file would otherwise list every line).</summary>
    public const int MaxErrors = 200;

    public const string ErrorFieldCount = "Weather.Error.FieldCount";
    public const string ErrorRegion = "Weather.Error.Region";
    public const string ErrorDate = "Weather.Error.Date";
    public const string ErrorFuture = "Weather.Error.Future";
    public const string ErrorTooOld = "Weather.Error.TooOld";
    public const string ErrorNumber = "Weather.Error.Number";
    public const string ErrorRange = "Weather.Error.Range";
    public const string ErrorDuplicate = "Weather.Error.Duplicate";
    public const string ErrorEmpty = "Weather.Error.Empty";
    public const string ErrorQuality = "Weather.Error.Quality";

    /// <summary>Every error code, for the pages and the localization test.</summary>
    public static readonly string[] ErrorCodes = [ErrorFieldCount, ErrorRegion, ErrorDate, ErrorFuture, ErrorTooOld, ErrorNumber, ErrorRange, ErrorDuplicate, ErrorEmpty, ErrorQuality];

    /// <summary>Whether a <c>quality</c> field says estimated: false for <c>observed</c> or empty, true for <c>estimated</c> (case and spaces ignored), null for anything else.</summary>
    public static bool? ParseQuality(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || string.Equals(t, Observed, StringComparison.OrdinalIgnoreCase)) return false;
        return string.Equals(t, Estimated, StringComparison.OrdinalIgnoreCase) ? true : null;
    }

    /// <summary>Null when <paramref name="meanC"/> is a plausible daily mean (finite, within <see cref="MinC"/>…<see cref="MaxC"/> inclusive); else the error code.</summary>
    public static string? CheckTemperature(double meanC) =>
        !double.IsFinite(meanC) ? ErrorNumber : meanC < MinC || meanC > MaxC ? ErrorRange : null;

    /// <summary>Null when the date may be imported: not after <paramref name="today"/> (China time), not more than <see cref="MaxYearsBack"/> years before it.</summary>
    public static string? CheckDate(DateOnly date, DateOnly today) =>
        date > today ? ErrorFuture : date < today.AddYears(-MaxYearsBack) ? ErrorTooOld : null;

    /// <summary>The known region spelled as the accounts spell it (case and surrounding spaces ignored), or null.</summary>
    public static string? KnownRegion(string region, IEnumerable<string> regions)
    {
        var r = region.Trim();
        foreach (var known in regions)
            if (string.Equals(known, r, StringComparison.OrdinalIgnoreCase)) return known;
        return null;
    }

    /// <summary>Reads and checks a file's lines. A blank line is skipped; the header is taken on the first line only.</summary>
    public static TemperatureFile Parse(IEnumerable<string> lines, IReadOnlyCollection<string> regions, DateOnly today)
    {
        var rows = new List<RegionTemperature>();
        var errors = new List<TemperatureLineError>();
        var seen = new Dictionary<(string, DateOnly), int>();
        var known = RegionLookup(regions);
        var lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            var line = lineNo == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (lineNo == 1 && fields.Length is 3 or 4 && string.Join(",", fields.Select(f => f.Trim())) is var head
                && (string.Equals(head, Header, StringComparison.OrdinalIgnoreCase) || string.Equals(head, HeaderWithQuality, StringComparison.OrdinalIgnoreCase))) continue;
            if (errors.Count >= MaxErrors) break;
            if (fields.Length is not (3 or 4))
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorFieldCount, Shorten(line)));
                continue;
            }
            var regionText = fields[0].Trim();
            var dateText = fields[1].Trim();
            var meanText = fields[2].Trim();
            if (!known.TryGetValue(regionText, out var region))
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorRegion, Shorten(regionText)));
                continue;
            }
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorDate, Shorten(dateText)));
                continue;
            }
            if (CheckDate(date, today) is { } dateError)
            {
                errors.Add(new TemperatureLineError(lineNo, dateError, dateText));
                continue;
            }
            if (ReadDegrees(meanText, out var meanC) is { } tError)
            {
                errors.Add(new TemperatureLineError(lineNo, tError, Shorten(meanText)));
                continue;
            }
            var estimated = fields.Length == 4 ? ParseQuality(fields[3]) : false;
            if (estimated is null)
            {
                // A number there is the rest of a decimal comma ("12,5"), not a quality.
                var numeric = double.TryParse(fields[3].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
                errors.Add(numeric ? new TemperatureLineError(lineNo, ErrorFieldCount, Shorten(line)) : new TemperatureLineError(lineNo, ErrorQuality, Shorten(fields[3].Trim())));
                continue;
            }
            if (seen.TryGetValue((region, date), out var firstLine))
            {
                errors.Add(new TemperatureLineError(lineNo, ErrorDuplicate, Invariant($"{region} {dateText} ({firstLine})")));
                continue;
            }
            seen[(region, date)] = lineNo;
            rows.Add(new RegionTemperature(region, date, meanC, estimated.Value));
        }
        if (errors.Count == 0 && rows.Count == 0) errors.Add(new TemperatureLineError(0, ErrorEmpty, ""));
        return new TemperatureFile(errors.Count == 0 ? rows : [], errors);
    }

    /// <summary>A file's region text (trimmed, any case) to the region as the accounts spell it; shared by the normals import.</summary>
    internal static Dictionary<string, string> RegionLookup(IEnumerable<string> regions)
    {
        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in regions) known.TryAdd(r.Trim(), r);
        return known;
    }

    /// <summary>
    /// A temperature field (a daily mean or a normal, °C, invariant decimal point): null with the value, or the error code
    /// (<see cref="ErrorNumber"/>, <see cref="ErrorRange"/>); shared by the normals import.
    /// </summary>
    internal static string? ReadDegrees(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return ErrorNumber;
        return CheckTemperature(value);
    }

    /// <summary>A field as an error shows it: at most 60 characters.</summary>
    internal static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
