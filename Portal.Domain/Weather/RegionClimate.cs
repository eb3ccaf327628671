using System.Collections.Concurrent;
using Portal.Domain.Usage;

namespace Portal.Domain.Weather;

/// <summary>
/// One supply region's observed daily mean temperatures, and what a forecast made at an origin may know of them
/// (docs/adr/0006-forecasting.md, "Fourth round"): the observed days up to the origin and, for every day after it, the
/// <b>normal</b> for that calendar day — never a future observation. Which normal (<see cref="Normal"/>): computed from the
/// region's own observations where it has <see cref="NormalYears"/> years of them around the date, otherwise the
/// published normal imported for the calendar day (<see cref="PublishedNormals"/>), otherwise none. Thread-safe: the nightly refresh shares one
/// instance per region between its parallel slices; normals and forecast lists are computed once and kept.
/// </summary>
public sealed class RegionClimate
{
    /// <summary>Years before a day whose observations make its normal.</summary>
    public const int NormalYears = 10;
    /// <summary>Days either side of the same calendar date counted in each of those years.</summary>
    public const int NormalWindowDays = 15;
    /// <summary>
    /// A computed normal needs an observed day within the window in <b>each</b> of the <see cref="NormalYears"/> years
    /// (so at least 10 days): a region with 9 years of observations has none, and uses the published normals.
    /// </summary>
    public const int MinimumNormalDays = NormalYears;
    /// <summary>Days before the origin a forecast reads temperatures for: the fit's year and the weekday window before it.</summary>
    public const int HistoryDays = DegreeDayTerm.FitSpanDays + Forecaster.WeekdayWindowDays;

    private readonly Dictionary<DateOnly, double> _observed;
    private readonly HashSet<DateOnly> _estimated = [];
    private readonly ConcurrentDictionary<DateOnly, double?> _normals = new();
    private readonly ConcurrentDictionary<(DateOnly Origin, DateOnly Through), DailyTemperature[]> _forecasts = new();

    /// <param name="observed">Observed daily means; a later entry for the same date replaces an earlier one; non-finite values are left out.</param>
    /// <param name="published">The region's imported published normals, if any: used for a day without a computed normal.</param>
    /// <param name="estimated">
    /// Days of <paramref name="observed"/> the bureau estimated (gap-filled) rather than measured. They feed the forecast and
    /// the computed normals like measured days; only <see cref="LastMeasured"/> (the freshness warning) leaves them out.
    /// </param>
    public RegionClimate(IEnumerable<DailyTemperature> observed, PublishedNormals? published = null, IEnumerable<DateOnly>? estimated = null)
    {
        _observed = new Dictionary<DateOnly, double>();
        foreach (var t in observed)
            if (double.IsFinite(t.MeanC)) _observed[t.Date] = t.MeanC;
        if (estimated is not null)
            foreach (var d in estimated)
                if (_observed.ContainsKey(d)) _estimated.Add(d);
        if (_observed.Count > 0)
        {
            FirstObserved = _observed.Keys.Min();
            LastObserved = _observed.Keys.Max();
            var measured = _observed.Keys.Where(d => !_estimated.Contains(d)).ToList();
            if (measured.Count > 0) LastMeasured = measured.Max();
        }
        Published = published;
    }

    public int ObservedDays => _observed.Count;
    /// <summary>Days of <see cref="ObservedDays"/> that were estimated (gap-filled) by the bureau.</summary>
    public int EstimatedDays => _estimated.Count;
    public DateOnly? FirstObserved { get; }
    /// <summary>The last day held, measured or estimated.</summary>
    public DateOnly? LastObserved { get; }
    /// <summary>The last day held that was measured, not estimated: what the freshness warning reads.</summary>
    public DateOnly? LastMeasured { get; }
    public PublishedNormals? Published { get; }

    public bool TryGetObserved(DateOnly day, out double meanC) => _observed.TryGetValue(day, out meanC);

    /// <summary>
    /// The normal a forecast uses for a day — the one rule: the <see cref="ComputedNormal"/> where the region's own
    /// observations give one, otherwise the published normal for the calendar day, otherwise null.
    /// </summary>
    public double? Normal(DateOnly day) => _normals.GetOrAdd(day, d => ComputedNormal(d) ?? Published?.For(d));

    /// <summary>Where <see cref="Normal"/> comes from for a day.</summary>
    public NormalSource NormalSourceOf(DateOnly day) =>
        ComputedNormal(day) is not null ? NormalSource.Computed : Published?.For(day) is not null ? NormalSource.Published : NormalSource.None;

    /// <summary>
    /// The normal computed from the observations: the mean of the observed days within ± <see cref="NormalWindowDays"/>
    /// days of its date in each of the <see cref="NormalYears"/> years before it; null unless every one of those years has
    /// an observed day in its window. (29 February's date a year back is 28 February, as <see cref="DateOnly.AddYears"/>
    /// gives it.)
    /// </summary>
    public double? ComputedNormal(DateOnly day)
    {
        double sum = 0;
        var n = 0;
        for (var y = 1; y <= NormalYears; y++)
        {
            var sameDate = day.AddYears(-y);
            var inYear = 0;
            for (var k = -NormalWindowDays; k <= NormalWindowDays; k++)
                if (_observed.TryGetValue(sameDate.AddDays(k), out var v)) { sum += v; inYear++; }
            if (inYear == 0) return null;
            n += inYear;
        }
        return n < MinimumNormalDays ? null : sum / n;
    }

    /// <summary>
    /// The temperatures a forecast at <paramref name="origin"/> (its last complete day) is given, ascending: the observed
    /// days of the <see cref="HistoryDays"/> up to it; a recent day after the last observation (a feed a few days late)
    /// gets its normal; every day after the origin up to <paramref name="through"/> (the next cycle's end) gets its
    /// normal. A day without an observation before the last one is a gap (left out), as is a day with no normal.
    /// The list is kept per (origin, through), so the accounts of a region share it.
    /// </summary>
    public IReadOnlyList<DailyTemperature> ForForecast(DateOnly origin, DateOnly through) =>
        _forecasts.GetOrAdd((origin, through), key => Build(key.Origin, key.Through));

    private DailyTemperature[] Build(DateOnly origin, DateOnly through)
    {
        var list = new List<DailyTemperature>(HistoryDays + 70);
        for (var d = origin.AddDays(-HistoryDays); d <= origin; d = d.AddDays(1))
        {
            if (_observed.TryGetValue(d, out var t)) list.Add(new DailyTemperature(d, t));
            else if ((LastObserved is not { } last || d > last) && Normal(d) is { } n) list.Add(new DailyTemperature(d, n));
        }
        for (var d = origin.AddDays(1); d <= through; d = d.AddDays(1))
            if (Normal(d) is { } n) list.Add(new DailyTemperature(d, n));
        return list.ToArray();
    }

    /// <summary>Days in [<paramref name="from"/>, <paramref name="to"/>] with no observation.</summary>
    public int MissingDays(DateOnly from, DateOnly to)
    {
        var missing = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (!_observed.ContainsKey(d)) missing++;
        return missing;
    }
}

/// <summary>Where a day's normal comes from (<see cref="RegionClimate.Normal"/>).</summary>
public enum NormalSource
{
    None,
    /// <summary>Computed from the region's own observations (<see cref="RegionClimate.NormalYears"/> years of them).</summary>
    Computed,
    /// <summary>The imported published normal for the calendar day.</summary>
    Published,
}
