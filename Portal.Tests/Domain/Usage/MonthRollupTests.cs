using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Usage.UsageTestData;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// The monthly roll-up the nightly refresh reads instead of two years of days: a month's profile sums and day totals,
/// packed. Summing months must give exactly what summing the days gives.
/// </summary>
public class MonthRollupTests
{
    private static List<DayReadings> Days(DateOnly from, int count)
    {
        var r = new Random(3);
        return Enumerable.Range(0, count).Select(i =>
        {
            var minutes = i % 7 == 0 ? 60 : i % 5 == 0 ? 30 : 15;
            return Day(from.AddDays(i), minutes, m => r.Next(10) == 0 ? DayReadings.MissingValue : r.Next(0, 2_000) + (m >= 1080 ? 700 : 0));
        }).ToList();
    }

    [Fact]
    public void Profiles_summed_by_month_then_merged_equal_the_profiles_of_all_the_days()
    {
        var days = Days(new DateOnly(2024, 12, 17), 120);
        var merged = new ProfileAccumulator();
        foreach (var month in days.GroupBy(d => (d.Date.Year, d.Date.Month)))
        {
            var sums = new ProfileAccumulator();
            foreach (var d in month) sums.AddPacked(d.Date, d.IntervalMinutes, DayReadings.Pack(d.WattHours));
            merged.AddPackedSums(sums.Pack());
        }
        var expected = UsageInsights.AverageProfiles(days);
        var actual = merged.ToProfiles();
        Assert.Equal(expected.WeekdayKw, actual.WeekdayKw); // exact: integer watt sums do not depend on the order
        Assert.Equal(expected.WeekendKw, actual.WeekendKw);
        Assert.Equal((expected.WeekdayCount, expected.WeekendCount), (actual.WeekdayCount, actual.WeekendCount));
    }

    [Fact]
    public void An_hours_average_is_the_mean_power_of_its_present_intervals()
    {
        // Monday 2025-03-03, hour 0 of a 15-minute day: 100, 200, missing, 300 Wh → 400, 800, 1,200 W → 0.8 kW on average.
        var values = new int[96];
        values[0] = 100; values[1] = 200; values[2] = DayReadings.MissingValue; values[3] = 300;
        var sums = new ProfileAccumulator();
        sums.AddPacked(new DateOnly(2025, 3, 3), 15, DayReadings.Pack(values));
        var profile = sums.ToProfiles();
        Assert.Equal(0.8, profile.WeekdayKw[0], 12);
        Assert.Equal(0, profile.WeekdayKw[1]);
        Assert.Equal((1, 0), (profile.WeekdayCount, profile.WeekendCount));
    }

    [Theory]
    [InlineData(ProfileAccumulator.PackedLength - 1)]
    [InlineData(ProfileAccumulator.PackedLength + 1)]
    public void Profile_sums_of_the_wrong_length_are_refused(int length) =>
        Assert.Equal("Usage.ProfileSumsLength", Assert.Throws<DomainException>(() => new ProfileAccumulator().AddPackedSums(new byte[length])).Code);

    [Fact]
    public void Day_totals_round_trip_through_the_packed_month_with_gaps()
    {
        var month = new DateOnly(2024, 2, 1); // a leap February: 29 days
        var totals = Days(month, 29).Where(d => d.Date.Day % 4 != 0).Select(DayTotal.Of).ToList();
        var packed = MonthDayTotals.Pack(month, totals);
        Assert.Equal(29 * MonthDayTotals.BytesPerDay, packed.Length);
        var back = new List<DayTotal>();
        MonthDayTotals.Unpack(month, packed, DateOnly.MinValue, DateOnly.MaxValue, back);
        Assert.Equal(totals, back);
        Assert.Equal(new DateOnly(2024, 2, 29), MonthDayTotals.LastDay(month, packed));
        Assert.Null(MonthDayTotals.LastDay(month, MonthDayTotals.Pack(month, [])));
    }

    [Fact]
    public void Unpacking_keeps_exactly_the_days_from_and_to_inclusive()
    {
        var month = new DateOnly(2025, 4, 1);
        var packed = MonthDayTotals.Pack(month, Days(month, 30).Select(DayTotal.Of));
        var back = new List<DayTotal>();
        MonthDayTotals.Unpack(month, packed, new DateOnly(2025, 4, 10), new DateOnly(2025, 4, 12), back);
        Assert.Equal([new DateOnly(2025, 4, 10), new DateOnly(2025, 4, 11), new DateOnly(2025, 4, 12)], back.Select(d => d.Date));
    }

    [Fact]
    public void A_day_outside_the_month_or_given_twice_is_refused()
    {
        var month = new DateOnly(2025, 4, 1);
        var april30 = DayTotal.Of(Flat(new DateOnly(2025, 4, 30), 10));
        var may1 = DayTotal.Of(Flat(new DateOnly(2025, 5, 1), 10));
        MonthDayTotals.Pack(month, [april30]);
        Assert.Equal("Usage.DayOutsideMonth", Assert.Throws<DomainException>(() => MonthDayTotals.Pack(month, [may1])).Code);
        Assert.Equal("Usage.DuplicateDay", Assert.Throws<DomainException>(() => MonthDayTotals.Pack(month, [april30, april30])).Code);
        Assert.Equal("Usage.MonthTotalsLength", Assert.Throws<DomainException>(() => MonthDayTotals.Unpack(month, new byte[31 * MonthDayTotals.BytesPerDay], DateOnly.MinValue, DateOnly.MaxValue, [])).Code);
    }
}
