namespace Portal.Domain.Usage;

public enum DayDataStatus
{
    /// <summary>Every interval measured.</summary>
    Complete = 0,
    /// <summary>All intervals present, some of them estimated by the meter data system.</summary>
    Estimated = 1,
    /// <summary>Some intervals missing: the day's kWh is what was measured, so it is too low.</summary>
    Partial = 2,
    /// <summary>No reading for the day at all.</summary>
    Missing = 3,
}

/// <param name="Kwh">Null when the day has no data; never a zero standing in for "unknown".</param>
public sealed record DailyPoint(DateOnly Date, decimal? Kwh, DayDataStatus Status, int MissingIntervals, int EstimatedIntervals);

/// <summary>
/// Lays stored daily totals on the calendar so a chart cannot hide a gap: every day of the range appears once,
/// days without a stored row as <see cref="DayDataStatus.Missing"/>, incomplete or estimated days marked as such.
/// </summary>
public static class DailyGaps
{
    public static IReadOnlyList<DailyPoint> Fill(IEnumerable<DailyTotal> daily, DateOnly from, DateOnly to)
    {
        var byDate = daily.Where(d => d.Date >= from && d.Date <= to).ToDictionary(d => d.Date);
        var points = new List<DailyPoint>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var date = from; date <= to; date = date.AddDays(1))
            points.Add(byDate.TryGetValue(date, out var d) ? Point(d) : new DailyPoint(date, null, DayDataStatus.Missing, 0, 0));
        return points;
    }

    private static DailyPoint Point(DailyTotal d) => d switch
    {
        // A stored day whose every present reading said nothing is still a day without data.
        { MissingIntervals: > 0, EstimatedIntervals: 0, Kwh: 0 } => new(d.Date, null, DayDataStatus.Missing, d.MissingIntervals, 0),
        { MissingIntervals: > 0 } => new(d.Date, d.Kwh, DayDataStatus.Partial, d.MissingIntervals, d.EstimatedIntervals),
        { EstimatedIntervals: > 0 } => new(d.Date, d.Kwh, DayDataStatus.Estimated, 0, d.EstimatedIntervals),
        _ => new(d.Date, d.Kwh, DayDataStatus.Complete, 0, 0),
    };
}
