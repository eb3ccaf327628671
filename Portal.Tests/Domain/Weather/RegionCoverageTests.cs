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
}
