using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Usage.UsageTestData;

namespace Portal.Tests.Domain.Usage;

public class UsageInsightsTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    [Fact]
    public void Tou_shares_split_energy_by_the_classifier_and_sum_to_one()
    {
        var days = new[] { Flat(Monday, 250) }; // 1 kWh per hour
        var shares = UsageInsights.TouShares(days, Tou);
        Assert.Equal(8m, shares.Single(s => s.Period == TouPeriod.Valley).Kwh);
        Assert.Equal(8m, shares.Single(s => s.Period == TouPeriod.Peak).Kwh);
        Assert.Equal(8m, shares.Single(s => s.Period == TouPeriod.Flat).Kwh);
        Assert.Equal(1.0, shares.Sum(s => s.Share), 9);
        Assert.DoesNotContain(shares, s => s.Period == TouPeriod.CriticalPeak);
    }

    [Fact]
    public void Tou_classifier_receives_the_interval_start_minute()
    {
        var seen = new List<int>();
        UsageInsights.TouShares([Flat(Monday, 1, 60)], (_, m) => { seen.Add(m); return TouPeriod.Flat; });
        Assert.Equal(Enumerable.Range(0, 24).Select(h => h * 60), seen);
    }

    [Fact]
    public void Base_load_is_the_mean_of_the_lowest_tenth_of_night_interval_power()
    {
        // Night intervals (00–05, 20 per day at 15 min) at 100 Wh = 0.4 kW, except two at 25 Wh = 0.1 kW; day is high.
        var day = Day(Monday, 15, m => m < 300 ? (m < 30 ? 25 : 100) : 2000);
        Assert.Equal(0.1, UsageInsights.BaseLoadKw([day])!.Value, 9);
    }

    [Fact]
    public void Base_load_ignores_daytime_lows_and_missing_readings()
    {
        var day = Day(Monday, 60, m => m switch { < 300 => 500, 720 => 0, _ => MissingOr(m, 800) });
        Assert.Equal(0.5, UsageInsights.BaseLoadKw([day])!.Value, 9);
        static int MissingOr(int m, int v) => m == 60 ? -1 : v;
    }

    [Fact]
    public void Base_load_is_unknown_without_night_readings() =>
        Assert.Null(UsageInsights.BaseLoadKw([Day(Monday, 60, m => m < 300 ? -1 : 100)]));

    [Theory]
    [InlineData(16 * 60 + 45, false)]
    [InlineData(17 * 60, true)]
    [InlineData(21 * 60 + 45, true)]
    [InlineData(22 * 60, false)]
    public void Evening_peak_window_is_17_to_22_by_interval_start(int minute, bool inside)
    {
        var day = Day(Monday, 15, m => m == minute ? 1000 : m == 0 ? 1000 : 0);
        Assert.Equal(inside ? 0.5 : 0.0, UsageInsights.EveningPeakShare([day])!.Value, 9);
    }

    [Fact]
    public void Seasonality_compares_winter_and_summer_days_with_shoulder_days()
    {
        var days = new[]
        {
            Flat(new DateOnly(2025, 1, 10), 300), Flat(new DateOnly(2025, 12, 1), 300),
            Flat(new DateOnly(2025, 4, 10), 100), Flat(new DateOnly(2025, 10, 10), 100),
            Flat(new DateOnly(2025, 7, 10), 150),
            Day(new DateOnly(2025, 4, 11), 15, m => m == 0 ? -1 : 1), // incomplete: ignored
        };
        var s = UsageInsights.Seasonality(days);
        Assert.Equal(3.0, s.WinterToShoulder!.Value, 9);
        Assert.Equal(1.5, s.SummerToShoulder!.Value, 9);
    }

    [Fact]
    public void Seasonality_is_unknown_without_shoulder_days() =>
        Assert.Null(UsageInsights.Seasonality([Flat(new DateOnly(2025, 1, 10), 300)]).WinterToShoulder);

    [Fact]
    public void Change_against_last_year_compares_daily_averages_of_the_same_dates()
    {
        var days = Days(new DateOnly(2024, 3, 1), 10, d => Flat(d, 100))
            .Concat(Days(new DateOnly(2025, 3, 1), 5, d => Flat(d, 110))) // only half the days arrived yet
            .ToArray();
        var change = UsageInsights.ChangeAgainstLastYear(days, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10));
        Assert.Equal(10.56m, change.AverageDailyKwh);
        Assert.Equal(9.6m, change.LastYearAverageDailyKwh);
        Assert.Equal(0.10, change.ChangeShare!.Value, 9);
        Assert.Equal((5, 10), (change.DaysWithData, change.LastYearDaysWithData));
    }

    [Fact]
    public void Change_against_last_year_is_unknown_without_last_year_data()
    {
        var change = UsageInsights.ChangeAgainstLastYear([Flat(new DateOnly(2025, 3, 1), 100)], new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31));
        Assert.Null(change.ChangeShare);
        Assert.Null(change.LastYearAverageDailyKwh);
    }

    [Fact]
    public void Change_against_last_year_refuses_an_inverted_period() =>
        Assert.Equal("Usage.PeriodInverted", Assert.Throws<DomainException>(() =>
            UsageInsights.ChangeAgainstLastYear([], new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 1))).Code);

    [Fact]
    public void Daily_and_monthly_totals_add_up_and_count_gaps()
    {
        var days = Days(new DateOnly(2025, 1, 30), 4, d => Day(d, 60, m => m == 0 ? -1 : 1000));
        var daily = UsageInsights.Daily(days.Reverse());
        Assert.Equal(new DateOnly(2025, 1, 30), daily[0].Date);
        Assert.All(daily, d => Assert.Equal((23m, 1), (d.Kwh, d.MissingIntervals)));
        var monthly = UsageInsights.Monthly(days);
        Assert.Equal([(2025, 1, 46m, 2, 2), (2025, 2, 46m, 2, 2)], monthly.Select(m => (m.Year, m.Month, m.Kwh, m.DaysWithData, m.MissingIntervals)));
    }

    [Fact]
    public void Weekday_and_weekend_profiles_average_power_per_hour()
    {
        // Mon–Sun: weekdays draw 1 kW at 19:00, weekends 2 kW at 10:00; mixed interval lengths.
        var days = Days(Monday, 7, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? Day(d, 15, m => m / 60 == 10 ? 500 : 0)
            : Day(d, 60, m => m / 60 == 19 ? 1000 : 0));
        var p = UsageInsights.AverageProfiles(days);
        Assert.Equal((5, 2), (p.WeekdayCount, p.WeekendCount));
        Assert.Equal(1.0, p.WeekdayKw[19], 9);
        Assert.Equal(0.0, p.WeekdayKw[10], 9);
        Assert.Equal(2.0, p.WeekendKw[10], 9);
        Assert.Equal(24, p.WeekendKw.Count);
    }

    [Fact]
    public void Load_curve_has_one_point_per_interval_with_power_and_quality()
    {
        var quality = Enumerable.Repeat(ReadingQuality.Actual, 96).ToArray();
        quality[5] = ReadingQuality.Estimated;
        var day = Day(Monday, 15, m => m == 0 ? -1 : 250, quality);
        var curve = UsageInsights.LoadCurve(day);
        Assert.Equal(96, curve.Count);
        Assert.Equal((new TimeOnly(0, 0), (decimal?)null, ReadingQuality.Missing), (curve[0].Start, curve[0].Kwh, curve[0].Quality));
        Assert.Equal(new TimeOnly(0, 15), curve[1].Start);
        Assert.Equal(1.0, curve[1].AverageKw!.Value, 9);
        Assert.Equal(ReadingQuality.Estimated, curve[5].Quality);
    }

    [Fact]
    public void Freshness_reports_the_latest_reading_and_shares_of_estimated_and_missing()
    {
        var quality = Enumerable.Repeat(ReadingQuality.Estimated, 24).ToArray();
        var days = new[]
        {
            Day(new DateOnly(2025, 3, 1), 60, _ => 100),
            Day(new DateOnly(2025, 3, 2), 60, m => m >= 18 * 60 ? -1 : 100, quality),
        };
        var f = UsageInsights.Freshness(days, today: new DateOnly(2025, 3, 4));
        Assert.Equal(new DateTime(2025, 3, 2, 17, 0, 0), f.LatestReadingStart);
        Assert.Equal(2, f.DaysBehind);
        Assert.Equal(18 / 48.0, f.EstimatedShare, 9);
        Assert.Equal(6 / 48.0, f.MissingShare, 9);
    }

    [Fact]
    public void Freshness_without_readings_has_no_latest_reading()
    {
        var f = UsageInsights.Freshness([], new DateOnly(2025, 3, 4));
        Assert.Null(f.LatestReadingStart);
        Assert.Null(f.DaysBehind);
    }
}

public class PeerComparisonTests
{
    private static IEnumerable<decimal> Peers(int n) => Enumerable.Range(1, n).Select(i => i * 10m); // 10, 20, … n×10

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void Cohorts_below_twenty_peers_are_hidden(int n, bool shown)
    {
        var r = PeerComparison.Compare(100m, Peers(n));
        Assert.Equal((n, shown), (r.CohortSize, r.IsShown));
        Assert.Equal(shown, r.Percentile is not null && r.Standing is not null && r.MedianKwh is not null);
    }

    [Fact]
    public void Vacant_homes_do_not_count_toward_the_cohort()
    {
        var r = PeerComparison.Compare(100m, Peers(19).Append(0m));
        Assert.Equal(19, r.CohortSize);
        Assert.False(r.IsShown);
    }

    [Fact]
    public void Median_efficient_mean_and_percentile_are_computed_from_the_cohort()
    {
        var r = PeerComparison.Compare(105m, Peers(20)); // 10..200
        Assert.Equal(105m, r.MedianKwh);
        Assert.Equal(25m, r.EfficientPeersKwh); // best 4: 10, 20, 30, 40
        Assert.Equal(50.0, r.Percentile);
    }

    [Fact]
    public void Ties_count_half_in_the_percentile() =>
        Assert.Equal(47.5, PeerComparison.Compare(100m, Peers(20)).Percentile);

    [Theory]
    [InlineData(40, PeerStanding.AmongEfficient)]   // the 20th-percentile peer itself
    [InlineData(41, PeerStanding.BelowTypical)]
    [InlineData(94.4, PeerStanding.BelowTypical)]   // just below 90 % of the median 105
    [InlineData(94.5, PeerStanding.Typical)]
    [InlineData(115.5, PeerStanding.Typical)]
    [InlineData(115.6, PeerStanding.AboveTypical)]
    public void Standing_follows_the_efficient_cutoff_and_a_ten_percent_band_around_the_median(double my, PeerStanding expected) =>
        Assert.Equal(expected, PeerComparison.Compare((decimal)my, Peers(20)).Standing);
}
