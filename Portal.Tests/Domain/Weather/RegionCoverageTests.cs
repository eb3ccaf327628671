using Portal.Domain.Usage;
using Portal.Domain.Weather;
using Xunit;

namespace Portal.Tests.Domain.Weather;

public class RegionCoverageTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static RegionClimate Observed(DateOnly from, DateOnly to, params DateOnly[] gaps)
    {
        var days = new List<DailyTemperature>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (!gaps.Contains(d)) days.Add(new DailyTemperature(d, 8));
        return new RegionClimate(days);
    }

    [Fact]
    public void A_last_observation_three_days_old_is_not_stale_and_four_days_old_is()
    {
        var three = RegionCoverage.Of("chengbei", Observed(Today.AddYears(-11), Today.AddDays(-3)), Today);
        var four = RegionCoverage.Of("chengbei", Observed(Today.AddYears(-11), Today.AddDays(-4)), Today);

        Assert.Equal(3, three.DaysBehind);
        Assert.False(three.Stale);
        Assert.Equal(4, four.DaysBehind);
        Assert.True(four.Stale);
    }

    [Fact]
    public void A_region_with_eleven_full_years_has_normals_and_counts_its_missing_days()
    {
        var gap = Today.AddYears(-2);
        var coverage = RegionCoverage.Of("chengnan", Observed(Today.AddYears(-11), Today.AddDays(-1), gap), Today);

        Assert.True(coverage.NormalsAvailable);
        Assert.Equal(1, coverage.MissingDays);
        Assert.Equal(Today.AddDays(-1), coverage.Last);
        Assert.False(coverage.Stale);
    }

    [Fact]
    public void Observations_of_this_year_only_give_no_normals_for_the_coming_weeks()
    {
        // 300 days up to yesterday: none within 15 days of the coming weeks' dates in any earlier year.
        var coverage = RegionCoverage.Of("kaifaqu", Observed(Today.AddDays(-300), Today.AddDays(-1)), Today);

        Assert.False(coverage.NormalsAvailable);
    }

    [Fact]
    public void A_region_without_observations_is_stale_and_has_no_normals()
    {
        var coverage = RegionCoverage.Of("chepaizi", new RegionClimate([]), Today);

        Assert.Null(coverage.DaysBehind);
        Assert.True(coverage.Stale);
        Assert.False(coverage.NormalsAvailable);
        Assert.Equal(0, coverage.ObservedDays);
    }

    private static PublishedNormals Published() =>
        new(NormalsImport.CommonYearDays().Select(d => new RegionNormal("kaifaqu", d.Month, d.Day, -5)), "CMA 1991–2020");

    [Fact]
    public void The_normals_column_says_computed_published_or_none()
    {
        var computed = RegionCoverage.Of("chengnan", new RegionClimate(Days(Today.AddYears(-11), Today.AddDays(-1)), Published()), Today);
        var published = RegionCoverage.Of("kaifaqu", new RegionClimate(Days(Today.AddYears(-2), Today.AddDays(-1)), Published()), Today);
        var none = RegionCoverage.Of("kaifaqu", new RegionClimate(Days(Today.AddYears(-2), Today.AddDays(-1))), Today);

        Assert.Equal((NormalSource.Computed, true, "CMA 1991–2020"), (computed.Normals, computed.NormalsAvailable, computed.PublishedPeriod));
        Assert.Equal((NormalSource.Published, true, "CMA 1991–2020"), (published.Normals, published.NormalsAvailable, published.PublishedPeriod));
        Assert.Equal((NormalSource.None, false, null), (none.Normals, none.NormalsAvailable, none.PublishedPeriod));
    }

    [Fact]
    public void Estimated_days_are_held_but_do_not_keep_a_region_fresh()
    {
        // Measured up to 4 days ago, estimated for the 3 days since: held through yesterday, but stale.
        var days = Days(Today.AddYears(-11), Today.AddDays(-1)).ToList();
        var estimated = new[] { Today.AddDays(-3), Today.AddDays(-2), Today.AddDays(-1) };
        var coverage = RegionCoverage.Of("chengbei", new RegionClimate(days, estimated: estimated), Today);
        var threeEstimated = RegionCoverage.Of("chengbei", new RegionClimate(days, estimated: estimated[1..]), Today);

        Assert.Equal(Today.AddDays(-1), coverage.Last);
        Assert.Equal(0, coverage.MissingDays);
        Assert.Equal(3, coverage.EstimatedDays);
        Assert.Equal((4, true), (coverage.DaysBehind, coverage.Stale));
        Assert.Equal((3, false), (threeEstimated.DaysBehind, threeEstimated.Stale));
    }

    private static IEnumerable<DailyTemperature> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return new DailyTemperature(d, 8);
    }
}
