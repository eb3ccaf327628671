namespace Portal.Domain.Weather;

/// <summary>What is held for one supply region, as the admin page shows it.</summary>
/// <param name="MissingDays">Days without an observation in the <see cref="RegionCoverage.CheckedYears"/> years up to yesterday.</param>
/// <param name="NormalsAvailable">Whether every day of the forecast horizon (tomorrow and the <see cref="RegionCoverage.HorizonDays"/> days after) has a normal.</param>
/// <param name="DaysBehind">Days from the last measured (not estimated) observation to today (1 = yesterday's is in); null with none.</param>
/// <param name="Normals">Where the horizon's normals come from: <see cref="NormalSource.Computed"/> when every day's is computed, <see cref="NormalSource.Published"/> when every day has one and some are published, else none.</param>
/// <param name="PublishedPeriod">The source/period of the region's imported published normals (e.g. "CMA 1991–2020"), held whether in use or not; null with none.</param>
/// <param name="EstimatedDays">Days held that the bureau estimated (counted in <paramref name="ObservedDays"/>, not as missing).</param>
public sealed record RegionCoverage(string Region, int ObservedDays, DateOnly? First, DateOnly? Last, int MissingDays, bool NormalsAvailable, int? DaysBehind,
    NormalSource Normals = NormalSource.None, string? PublishedPeriod = null, int EstimatedDays = 0, DateOnly? LastMeasured = null)
{
    /// <summary>Years checked for missing days: the normals' span.</summary>
    public const int CheckedYears = RegionClimate.NormalYears;
    /// <summary>Days after today a forecast may need a normal for (the rest of this cycle and all of the next).</summary>
    public const int HorizonDays = 62;
    /// <summary>A region whose last observation is more than this many days old is stale: its forecasts run on normals for the days since.</summary>
    public const int StaleAfterDays = 3;

    /// <summary>True when the last measured observation is more than <see cref="StaleAfterDays"/> days old, or there is none (estimated days do not count).</summary>
    public bool Stale => DaysBehind is not { } behind || behind > StaleAfterDays;

    public static RegionCoverage Of(string region, RegionClimate climate, DateOnly today)
    {
        var yesterday = today.AddDays(-1);
        var missing = climate.MissingDays(today.AddYears(-CheckedYears), yesterday);
        var computed = true;
        var normals = true;
        for (var d = today.AddDays(1); d <= today.AddDays(HorizonDays) && normals; d = d.AddDays(1))
        {
            var source = climate.NormalSourceOf(d);
            normals = source != NormalSource.None;
            computed &= source == NormalSource.Computed;
        }
        int? behind = climate.LastMeasured is { } last ? today.DayNumber - last.DayNumber : null;
        return new RegionCoverage(region, climate.ObservedDays, climate.FirstObserved, climate.LastObserved, missing, normals, behind,
            !normals ? NormalSource.None : computed ? NormalSource.Computed : NormalSource.Published, climate.Published?.Period, climate.EstimatedDays, climate.LastMeasured);
    }
}
