using Portal.Components.Charts;

namespace Portal.Tests.Components.Charts;

/// <summary>Value axes on round numbers: 1, 2, 2.5 or 5 × 10ⁿ, four to six ticks, zero included, the data inside.</summary>
public class PlotScaleTests
{
    [Theory]
    [InlineData(10_240, new double[] { 0, 2_500, 5_000, 7_500, 10_000, 12_500 })]   // MudChart drew 17 ticks 0, 640 … 10,240
    [InlineData(10_000, new double[] { 0, 2_000, 4_000, 6_000, 8_000, 10_000 })]   // exactly on a step: no empty tick above
    [InlineData(10_001, new double[] { 0, 2_500, 5_000, 7_500, 10_000, 12_500 })]  // just above it: the next round step
    [InlineData(100, new double[] { 0, 20, 40, 60, 80, 100 })]
    [InlineData(101, new double[] { 0, 25, 50, 75, 100, 125 })]
    [InlineData(12.5, new double[] { 0, 2.5, 5, 7.5, 10, 12.5 })]
    [InlineData(12.6, new double[] { 0, 5, 10, 15 })]
    [InlineData(0.9, new double[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(7, new double[] { 0, 2, 4, 6, 8 })]
    public void Ticks_are_round_numbers_from_zero_to_just_above_the_largest_value(double max, double[] expected)
    {
        var scale = PlotScale.For([max / 3, max]);
        Assert.Equal(expected, scale.Ticks);
        Assert.Equal(expected[^1], scale.Max);
        Assert.InRange(scale.Ticks.Count, 4, 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3.7)]
    [InlineData(42)]
    [InlineData(999)]
    [InlineData(1_234_567)]
    [InlineData(0.0123)]
    public void Any_positive_maximum_gets_four_to_six_ticks_that_cover_it(double max)
    {
        var scale = PlotScale.For([max]);
        Assert.InRange(scale.Ticks.Count, 4, 6);
        Assert.Equal(0, scale.Ticks[0]);
        Assert.True(scale.Max >= max);
        Assert.True(scale.Ticks[^2] < max, "no empty tick interval above the data");
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(9e-7)]
    public void A_range_too_small_to_label_is_drawn_on_zero_to_one_and_never_loops(double max)
    {
        var scale = PlotScale.For([max]);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], scale.Ticks);
    }

    [Fact]
    public void A_range_of_a_millionth_still_gets_its_own_round_ticks()
    {
        var scale = PlotScale.For([1e-6]);
        Assert.InRange(scale.Ticks.Count, 4, 7);
        Assert.True(scale.Max >= 1e-6 && scale.Max < 1e-5);
    }

    [Fact]
    public void Ratings_on_a_fixed_one_to_five_scale_get_an_axis_from_zero_to_five()
    {
        var scale = PlotScale.For([4.2, 3.9], fixedMin: 0, fixedMax: 5);
        Assert.Equal([0, 1, 2, 3, 4, 5], scale.Ticks);
        Assert.Equal(5, scale.Max);
    }

    [Fact]
    public void Shares_on_a_fixed_percent_scale_end_at_one_hundred()
    {
        var scale = PlotScale.For([62.5, 97.1], fixedMin: 0, fixedMax: 100);
        Assert.Equal([0, 20, 40, 60, 80, 100], scale.Ticks);
    }

    [Fact]
    public void A_value_beyond_a_fixed_maximum_widens_the_axis_rather_than_leaving_the_plot()
    {
        var scale = PlotScale.For([7], fixedMin: 0, fixedMax: 5);
        Assert.True(scale.Max >= 7);
    }

    [Fact]
    public void Negative_values_get_a_round_bound_below_zero_and_zero_stays_a_tick()
    {
        var scale = PlotScale.For([-30, 80]);
        Assert.Contains(0, scale.Ticks);
        Assert.True(scale.Min <= -30);
        Assert.True(scale.Max >= 80);
        Assert.InRange(scale.Ticks.Count, 4, 7);
    }

    [Fact]
    public void All_zero_empty_or_non_finite_data_give_a_unit_axis_not_a_division_by_zero()
    {
        foreach (var values in new double[][] { [], [0.0, 0.0], [double.NaN, double.PositiveInfinity] })
        {
            var scale = PlotScale.For(values);
            Assert.Equal(0, scale.Min);
            Assert.Equal(1, scale.Max);
            Assert.All(scale.Ticks, t => Assert.True(double.IsFinite(t)));
            Assert.Equal(0.5, scale.Fraction(0.5));
        }
    }

    [Fact]
    public void Ticks_carry_no_floating_point_noise()
    {
        var scale = PlotScale.For([0.7]);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8], scale.Ticks);
        Assert.Equal(1, scale.Decimals);
    }

    [Theory]
    [InlineData(2048, 2500)]
    [InlineData(2000, 2000)]
    [InlineData(2001, 2500)]
    [InlineData(0.3, 0.5)]
    [InlineData(0, 1)]
    [InlineData(double.NaN, 1)]
    public void A_nice_step_is_the_smallest_of_1_2_2_5_5_times_a_power_of_ten_not_below_the_raw_step(double raw, double expected) =>
        Assert.Equal(expected, PlotScale.NiceStep(raw), 9);
}
