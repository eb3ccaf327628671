using Portal.Domain.Accounts;
using Portal.Domain.Usage;
using Portal.Domain.Weather;
using Xunit;

namespace Portal.Tests.Domain.Weather;

public class RegionClimateTests
{
    private static readonly DateOnly Day = new(2026, 1, 20);

    /// <summary>One observation on <paramref name="day"/>'s date (shifted by <paramref name="offset"/> days) in each of the years back listed.</summary>
    private static IEnumerable<DailyTemperature> SameDate(DateOnly day, IEnumerable<int> yearsBack, double meanC, int offset = 0) =>
        yearsBack.Select(y => new DailyTemperature(day.AddYears(-y).AddDays(offset), meanC));

    [Fact]
    public void The_normal_is_the_mean_of_ten_observed_days_around_the_same_date_in_the_ten_years_before()
    {
        // Years 1–5 at 2 °C, years 6–10 at 4 °C: the normal is 3 °C.
        var climate = new RegionClimate(SameDate(Day, Enumerable.Range(1, 5), 2).Concat(SameDate(Day, Enumerable.Range(6, 5), 4)));

        Assert.Equal(3, climate.Normal(Day));
    }

    [Fact]
    public void Nine_observed_days_in_the_window_give_no_normal()
    {
        var climate = new RegionClimate(SameDate(Day, Enumerable.Range(1, 9), 2));

        Assert.Null(climate.Normal(Day));
    }

    [Fact]
    public void The_eleventh_year_back_and_the_day_itself_do_not_count()
    {
        var days = SameDate(Day, Enumerable.Range(1, 9), 2).Append(new DailyTemperature(Day.AddYears(-11), 2)).Append(new DailyTemperature(Day, 2));

        Assert.Null(new RegionClimate(days).Normal(Day));
    }

    [Fact]
    public void Days_15_apart_from_the_date_count_and_16_apart_do_not()
    {
        var at15 = new RegionClimate(SameDate(Day, Enumerable.Range(1, 5), 0, -15).Concat(SameDate(Day, Enumerable.Range(6, 5), 10, 15)));
        var at16 = new RegionClimate(SameDate(Day, Enumerable.Range(1, 5), 0, -16).Concat(SameDate(Day, Enumerable.Range(6, 5), 10, 16)));

        Assert.Equal(5, at15.Normal(Day));
        Assert.Null(at16.Normal(Day));
    }

    [Fact]
    public void Every_observed_day_of_the_window_counts_not_one_per_year()
    {
        // Ten years, 31 days each: the odd years back at 1 °C, the even ones at 7 °C: 310 days, mean 4 °C.
        var days = Enumerable.Range(1, 10).SelectMany(y => Enumerable.Range(-15, 31).Select(k => new DailyTemperature(Day.AddYears(-y).AddDays(k), y % 2 == 1 ? 1 : 7)));

        Assert.Equal(4, new RegionClimate(days).Normal(Day));
    }

    /// <summary>Every day of the <paramref name="years"/> years before <see cref="Day"/> at <paramref name="meanC"/>.</summary>
    private static IEnumerable<DailyTemperature> YearsBefore(int years, double meanC)
    {
        for (var d = Day.AddYears(-years); d < Day; d = d.AddDays(1)) yield return new DailyTemperature(d, meanC);
    }

    /// <summary>Published normals of <paramref name="meanC"/> on every day of a common year.</summary>
    private static PublishedNormals Published(double meanC, string period = "CMA 1991–2020") =>
        new(NormalsImport.CommonYearDays().Select(d => new RegionNormal("chengbei", d.Month, d.Day, meanC)), period);

    [Fact]
    public void Ten_years_of_observations_give_the_computed_normal_even_with_published_ones_held()
    {
        var climate = new RegionClimate(YearsBefore(10, 3), Published(-7));

        Assert.Equal(3, climate.Normal(Day));
        Assert.Equal(NormalSource.Computed, climate.NormalSourceOf(Day));
    }

    [Fact]
    public void Nine_years_of_observations_give_no_computed_normal_and_the_published_one_is_used()
    {
        var climate = new RegionClimate(YearsBefore(9, 3), Published(-7));

        Assert.Null(climate.ComputedNormal(Day));
        Assert.Equal(-7, climate.Normal(Day));
        Assert.Equal(NormalSource.Published, climate.NormalSourceOf(Day));
    }

    [Fact]
    public void Nine_years_of_observations_without_published_normals_give_no_normal()
    {
        var climate = new RegionClimate(YearsBefore(9, 3));

        Assert.Null(climate.Normal(Day));
        Assert.Equal(NormalSource.None, climate.NormalSourceOf(Day));
    }

    [Fact]
    public void A_year_without_any_day_in_the_window_leaves_the_day_to_the_published_normal()
    {
        // Eleven years, but the fourth year back has nothing within 15 days of the date.
        var gapFrom = Day.AddYears(-4).AddDays(-15);
        var days = YearsBefore(11, 3).Where(t => t.Date < gapFrom || t.Date > gapFrom.AddDays(30));
        var climate = new RegionClimate(days, Published(-7));

        Assert.Equal(-7, climate.Normal(Day));
        Assert.Equal(3, new RegionClimate(YearsBefore(11, 3).Where(t => t.Date < gapFrom || t.Date > gapFrom.AddDays(29)), Published(-7)).Normal(Day));
    }

    [Fact]
    public void The_29th_of_February_without_its_own_published_normal_is_the_mean_of_the_28th_and_the_1st_of_March()
    {
        var days = NormalsImport.CommonYearDays().Select(d => new RegionNormal("chengbei", d.Month, d.Day, d is (2, 28) ? -2 : d is (3, 1) ? 1 : 0));
        var without = new PublishedNormals(days, "CMA 1991–2020");
        var with = new PublishedNormals(days.Append(new RegionNormal("chengbei", 2, 29, 5)), "CMA 1991–2020");

        Assert.Equal(-0.5, without.For(new DateOnly(2028, 2, 29)));
        Assert.Equal(5, with.For(new DateOnly(2028, 2, 29)));
        Assert.Equal(-2, without.For(new DateOnly(2027, 2, 28)));
    }

    [Fact]
    public void A_forecast_of_a_region_with_two_years_of_observations_gets_the_published_normals_after_the_origin()
    {
        var origin = Day.AddDays(-1);
        var climate = new RegionClimate(YearsBefore(2, 3), Published(-7));

        var list = climate.ForForecast(origin, origin.AddDays(10));

        Assert.Equal(3, list.Single(t => t.Date == origin).MeanC);
        Assert.All(list.Where(t => t.Date > origin), t => Assert.Equal(-7, t.MeanC));
        Assert.Equal(10, list.Count(t => t.Date > origin));
        Assert.DoesNotContain(new RegionClimate(YearsBefore(2, 3)).ForForecast(origin, origin.AddDays(10)), t => t.Date > origin);
    }

    [Fact]
    public void Estimated_days_feed_the_normals_and_the_forecast_but_not_the_last_measured_day()
    {
        var estimated = new[] { Day.AddDays(-2), Day.AddDays(-1) };
        var climate = new RegionClimate(YearsBefore(10, 3), estimated: estimated);

        Assert.Equal(Day.AddDays(-1), climate.LastObserved);
        Assert.Equal(Day.AddDays(-3), climate.LastMeasured);
        Assert.Equal(2, climate.EstimatedDays);
        Assert.Equal(3, climate.Normal(Day));
        Assert.Equal(3, climate.ForForecast(Day.AddDays(-1), Day).Single(t => t.Date == Day.AddDays(-1)).MeanC);
    }

    /// <summary>Eleven years of a constant 10 °C up to and including <paramref name="lastObserved"/>, and later observations at 30 °C (the "future").</summary>
    private static RegionClimate TenDegrees(DateOnly lastObserved, params DateOnly[] gaps)
    {
        var days = new List<DailyTemperature>();
        for (var d = lastObserved.AddYears(-11); d <= lastObserved; d = d.AddDays(1))
            if (!gaps.Contains(d)) days.Add(new DailyTemperature(d, d == lastObserved ? 12 : 10));
        return new RegionClimate(days);
    }

    [Fact]
    public void A_forecast_gets_observed_days_up_to_the_origin_and_normals_after_it_never_a_later_observation()
    {
        var origin = new DateOnly(2026, 1, 10);
        var days = new List<DailyTemperature>();
        for (var d = origin.AddYears(-11); d <= origin.AddDays(5); d = d.AddDays(1))
            days.Add(new DailyTemperature(d, d > origin ? 30 : 10));
        var climate = new RegionClimate(days);

        var list = climate.ForForecast(origin, new DateOnly(2026, 2, 28));

        Assert.Equal(origin.AddDays(-RegionClimate.HistoryDays), list[0].Date);
        Assert.Equal(new DateOnly(2026, 2, 28), list[^1].Date);
        Assert.Equal(RegionClimate.HistoryDays + 1 + 49, list.Count); // every day once: 421 up to the origin, 49 after
        Assert.All(list, t => Assert.Equal(10, t.MeanC, 9));             // the 30 °C days after the origin are not used
    }

    [Fact]
    public void A_recent_day_without_an_observation_gets_its_normal_and_an_older_gap_stays_a_gap()
    {
        var lastObserved = new DateOnly(2026, 1, 7);
        var gap = new DateOnly(2025, 12, 1);
        var climate = TenDegrees(lastObserved, gap);
        var origin = new DateOnly(2026, 1, 10);

        var list = climate.ForForecast(origin, origin.AddDays(1)).ToDictionary(t => t.Date, t => t.MeanC);

        Assert.Equal(12, list[lastObserved]);
        Assert.False(list.ContainsKey(gap));
        foreach (var recent in new[] { origin.AddDays(-2), origin.AddDays(-1), origin, origin.AddDays(1) })
            Assert.Equal(10, list[recent], 9); // the normal (12 °C on 7 January of this year only is not in any normal's years)
    }

    [Fact]
    public void A_region_without_observations_gives_an_empty_list()
    {
        Assert.Empty(new RegionClimate([]).ForForecast(Day, Day.AddDays(40)));
    }

    [Fact]
    public void Non_finite_observations_are_left_out()
    {
        var climate = new RegionClimate([new DailyTemperature(Day, double.NaN), new DailyTemperature(Day.AddDays(1), double.PositiveInfinity)]);

        Assert.Equal(0, climate.ObservedDays);
        Assert.Null(climate.LastObserved);
    }

    [Fact]
    public void Missing_days_count_the_days_of_a_span_without_an_observation()
    {
        var climate = new RegionClimate([new DailyTemperature(Day, 1), new DailyTemperature(Day.AddDays(2), 1)]);

        Assert.Equal(1, climate.MissingDays(Day, Day.AddDays(2)));
        Assert.Equal(3, climate.MissingDays(Day.AddDays(-3), Day.AddDays(-1)));
    }

    [Theory]
    [InlineData(CustomerType.Business, true)]
    [InlineData(CustomerType.LargeIndustrial, true)]
    [InlineData(CustomerType.Residential, false)]
    public void Only_business_and_large_industrial_forecasts_use_temperatures(CustomerType type, bool uses)
    {
        Assert.Equal(uses, ForecastWeather.AppliesTo(type));
    }
}
