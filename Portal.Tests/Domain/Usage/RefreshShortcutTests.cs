using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Usage.UsageTestData;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// The nightly refresh's shortcuts (docs/PERFORMANCE.md, "Nightly refresh") give the same figures as the plain paths:
/// profiles summed from packed bytes, day totals from the stored columns, the forecaster's spike cap without a sort.
/// </summary>
public class RefreshShortcutTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    private static List<DayReadings> Mixed()
    {
        var r = new Random(7);
        return Enumerable.Range(0, 20).Select(i =>
        {
            var minutes = i % 5 == 0 ? 60 : i % 3 == 0 ? 30 : 15;
            return Day(Monday.AddDays(i), minutes, m => r.Next(8) == 0 ? DayReadings.MissingValue : r.Next(0, 900) + m);
        }).ToList();
    }

    [Fact]
    public void Profiles_from_packed_days_equal_the_profiles_of_the_readings()
    {
        var days = Mixed();
        var packed = new ProfileAccumulator();
        foreach (var d in days) packed.AddPacked(d.Date, d.IntervalMinutes, DayReadings.Pack(d.WattHours));
        var expected = UsageInsights.AverageProfiles(days);
        var actual = packed.ToProfiles();
        Assert.Equal(expected.WeekdayKw, actual.WeekdayKw); // exact: the same sums in the same order
        Assert.Equal(expected.WeekendKw, actual.WeekendKw);
        Assert.Equal((expected.WeekdayCount, expected.WeekendCount), (actual.WeekdayCount, actual.WeekendCount));
        Assert.Contains(days, d => d.MissingCount > 0);
    }

    [Fact]
    public void Load_shape_from_profiles_and_totals_equals_the_shape_of_the_readings()
    {
        var days = Enumerable.Range(0, 400).Select(i => Day(new DateOnly(2024, 1, 1).AddDays(i), 15, m => 100 + i % 90 + (m >= 1080 ? 300 : 0))).ToList();
        var packed = new ProfileAccumulator();
        foreach (var d in days) packed.AddPacked(d.Date, d.IntervalMinutes, DayReadings.Pack(d.WattHours));
        var expected = LoadShape.From(days);
        var actual = LoadShape.From(packed.ToProfiles(), UsageInsights.Seasonality(days.Select(DayTotal.Of)));
        Assert.Equal(expected.ToVector(), actual.ToVector());
    }

    [Theory]
    [InlineData(15, 95 * 4, "Usage.IntervalCount")]
    [InlineData(15, 97 * 4, "Usage.IntervalCount")]
    [InlineData(20, 72 * 4, "Usage.IntervalNotSupported")]
    public void A_packed_day_of_the_wrong_size_is_refused(int minutes, int bytes, string code)
    {
        var ex = Assert.Throws<DomainException>(() => new ProfileAccumulator().AddPacked(Monday, minutes, new byte[bytes]));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void A_packed_day_with_a_negative_reading_other_than_missing_is_refused()
    {
        var values = new int[24];
        values[3] = DayReadings.MissingValue;
        new ProfileAccumulator().AddPacked(Monday, 60, DayReadings.Pack(values)); // −1 is "missing": accepted
        values[4] = -2;
        Assert.Equal("Usage.NegativeReading", Assert.Throws<DomainException>(() => new ProfileAccumulator().AddPacked(Monday, 60, DayReadings.Pack(values))).Code);
    }

    [Fact]
    public void Day_totals_from_the_stored_columns_equal_those_of_the_readings()
    {
        foreach (var d in Mixed())
        {
            long wh = 0;
            foreach (var v in d.WattHours) if (v > 0) wh += v;
            var stored = DayTotal.FromStored(d.Date, d.IntervalMinutes, d.MissingCount, wh);
            Assert.Equal(DayTotal.Of(d), stored);
            Assert.Equal(d.MissingCount < d.IntervalsPerDay, stored.HasData);
        }
        Assert.False(DayTotal.FromStored(Monday, 60, 24, 0).HasData);
        Assert.True(DayTotal.FromStored(Monday, 60, 23, 0).HasData);
    }

    private static double SortedSpikeCap(double[] values)
    {
        var sorted = values.Order().ToArray();
        return Forecaster.SpikeCapOverMedian * sorted[sorted.Length / 2];
    }

    [Fact]
    public void The_spike_cap_is_three_times_the_upper_median_when_it_cuts_anything()
    {
        // 56 days: 29 at 10 kWh and 27 at 40 → the upper median (element 28) is 10, the cap 30 cuts the 40s.
        var cutting = Enumerable.Repeat(10.0, 29).Concat(Enumerable.Repeat(40.0, 27)).ToArray();
        Assert.Equal(30, Forecaster.SpikeCap(cutting.ToArray()));
        // 28 and 28 → the upper median is 40, the cap 120 cuts nothing: reported as no cap at all.
        var notCutting = Enumerable.Repeat(10.0, 28).Concat(Enumerable.Repeat(40.0, 28)).ToArray();
        Assert.Equal(double.PositiveInfinity, Forecaster.SpikeCap(notCutting.ToArray()));
        Assert.True(SortedSpikeCap(notCutting) >= notCutting.Max());
        // A maximum of exactly 3× the median is not cut; just above it is.
        Assert.Equal(double.PositiveInfinity, Forecaster.SpikeCap([10, 10, 30]));
        Assert.Equal(30, Forecaster.SpikeCap([10, 10, 30.5]));
    }

    [Fact]
    public void The_spike_cap_cuts_exactly_what_the_sorted_median_cap_cuts()
    {
        var r = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var values = Enumerable.Range(0, r.Next(1, 57)).Select(_ => r.Next(4) == 0 ? r.NextDouble() * 100 : r.Next(0, 4) * 5.0).ToArray();
            var reference = SortedSpikeCap(values);
            var cap = Forecaster.SpikeCap(values.ToArray());
            Assert.Equal(values.Select(v => Math.Min(v, reference)), values.Select(v => Math.Min(v, cap)));
            if (!double.IsPositiveInfinity(cap)) Assert.Equal(reference, cap);
        }
    }
}
