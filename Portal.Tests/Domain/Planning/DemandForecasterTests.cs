using Portal.Domain.Accounts;
using Portal.Domain.Planning;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Planning;

public class DemandForecasterTests
{
    private static readonly DateOnly Jan2025 = new(2025, 1, 1);

    /// <summary>A seasonal year: winter (Nov–Mar) 200 kWh, the rest 100 kWh; months from January.</summary>
    private static double Seasonal(int m) => (m % 12) is 0 or 1 or 2 or 10 or 11 ? 200 : 100;

    private static CellHistory Cell(string region, int level, CustomerType type, Func<int, double> kwh, int months = 24, int peakHour = 19, double kwShare = 0.002, int accounts = 1)
    {
        var c = new CellHistory(new PlanningNode(region, level, type), months);
        for (var a = 0; a < accounts; a++) c.AddAccount(LoadArchetype.EveningPeaker, 1000);
        for (var m = 0; m < months; m++)
        {
            var hours = new double[24];
            hours[peakHour] = kwh(m) * kwShare;
            c.AddMonth(m, kwh(m), hours);
        }
        return c;
    }

    [Fact]
    public void Model_is_same_month_last_year_scaled_by_the_last_quarter_over_the_same_quarter_a_year_earlier()
    {
        // Year 1: 100 a month; year 2's first three months 110 each (ratio 1.1); month 15 (April, year 2) from origin 14.
        var kwh = Enumerable.Range(0, 15).Select(m => m < 12 ? 100.0 : 110.0).ToArray();
        kwh[3] = 150;   // April of year 1
        Assert.Equal(165, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
        Assert.Equal(150, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.SameMonthLastYear)!.Value, 9);
        Assert.Equal(110, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.LastMonth)!.Value, 9);
        Assert.Equal(110, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.ThreeMonthMean)!.Value, 9);
    }

    [Fact]
    public void With_fourteen_months_the_model_is_last_month_and_with_fifteen_it_uses_last_year()
    {
        var kwh = Enumerable.Range(0, 15).Select(m => (double)(m + 1) * 10).ToArray();
        // Origin 13 (14 months): no year-ago quarter yet → last month, 140.
        Assert.Equal(140, DemandForecaster.Point(kwh, 13, 1, PlanningMethod.Model)!.Value, 9);
        // Origin 14 (15 months): month 3 (40) × (130+140+150)/(10+20+30) = 40 × 7 = 280.
        Assert.Equal(280, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
    }

    [Fact]
    public void Baselines_without_enough_history_give_no_forecast()
    {
        double[] kwh = [100, 120];
        Assert.Null(DemandForecaster.Point(kwh, 1, 1, PlanningMethod.ThreeMonthMean));
        Assert.Null(DemandForecaster.Point(kwh, 1, 1, PlanningMethod.SameMonthLastYear));
        Assert.Equal(120, DemandForecaster.Point(kwh, 1, 1, PlanningMethod.Model));   // last month, nothing better
        Assert.Null(DemandForecaster.Sum(kwh, 1, 3, PlanningMethod.SameMonthLastYear));
        // A year-ago month with no reading is unknown, not zero.
        var withGap = Enumerable.Range(0, 13).Select(m => m == 0 ? 0.0 : 100.0).ToArray();
        Assert.Null(DemandForecaster.Point(withGap, 11, 1, PlanningMethod.SameMonthLastYear));
        Assert.Equal(100, DemandForecaster.Point(withGap, 12, 1, PlanningMethod.SameMonthLastYear));
    }

    [Fact]
    public void A_zero_year_ago_quarter_falls_back_to_last_month_instead_of_dividing_by_zero()
    {
        var kwh = Enumerable.Range(0, 15).Select(m => m < 12 ? 0.0 : 90.0).ToArray();
        Assert.Equal(90, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
    }

    [Fact]
    public void A_year_ago_quarter_with_one_unknown_month_falls_back_to_last_month_instead_of_inflating_the_ratio()
    {
        // Data starts in month 1 (month 0 unknown): the ratio would be 330 / 200 from a quarter that is only two-thirds known.
        var kwh = Enumerable.Range(0, 15).Select(m => m == 0 ? 0.0 : m < 12 ? 100.0 : 110.0).ToArray();
        Assert.Equal(110, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
        kwh[0] = 100;
        Assert.Equal(110, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);   // 100 × 330 / 300
    }

    [Fact]
    public void A_repeating_heating_season_is_forecast_exactly_and_beats_every_naive_forecast()
    {
        var cells = new[] { Cell("Urumqi", 1, CustomerType.Residential, Seasonal, months: 36) };
        var result = DemandForecaster.Forecast(cells, Jan2025);
        Assert.Equal(new DateOnly(2028, 1, 1), result.FirstTargetMonth);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.Equal(200, county.Next1Kwh.Value, 9);          // January
        Assert.Equal(600, county.Next3Kwh.Value, 9);          // Jan + Feb + Mar
        // Every backtest window was exact, so the band is the point.
        Assert.Equal(200, county.Next1Kwh.Low, 9);
        Assert.Equal(200, county.Next1Kwh.High, 9);
        Assert.True(county.FromBacktest);
        var oneMonth = result.Backtest.Where(b => b.Node.Depth == 0 && b.Horizon == 1).ToDictionary(b => b.Method);
        Assert.Equal(0, oneMonth[PlanningMethod.Model].Mape, 9);
        Assert.Equal(0, oneMonth[PlanningMethod.SameMonthLastYear].Mape, 9);
        Assert.True(oneMonth[PlanningMethod.LastMonth].Mape > 0.05);
        Assert.True(oneMonth[PlanningMethod.ThreeMonthMean].Mape > 0.05);
        // 36 months: origins 14 … 34 for one month ahead.
        Assert.Equal(21, oneMonth[PlanningMethod.Model].Windows);
    }

    [Fact]
    public void Regions_levels_and_the_county_are_the_sums_of_their_cells()
    {
        var cells = new[]
        {
            Cell("A", 0, CustomerType.Residential, m => Seasonal(m), accounts: 3),
            Cell("A", 0, CustomerType.Business, m => 2 * Seasonal(m) + m),
            Cell("A", 2, CustomerType.Residential, m => 50 + m),
            Cell("B", 1, CustomerType.LargeIndustrial, m => 1000 + 10 * (m % 5)),
        };
        var result = DemandForecaster.Forecast(cells, Jan2025);
        var byKey = result.Nodes.ToDictionary(n => n.Node.Key);
        Assert.Equal(["", "A", "B", "A|0", "A|2", "B|1", "A|0|0", "A|0|1", "A|2|0", "B|1|2"], result.Nodes.Select(n => n.Node.Key));
        foreach (var node in result.Nodes.Where(n => n.Node.Depth < 3))
        {
            var children = result.Nodes.Where(c => c.Node.Depth == node.Node.Depth + 1 && c.Node.Parent == node.Node).ToArray();
            Assert.NotEmpty(children);
            Assert.Equal(node.Next1Kwh.Value, children.Sum(c => c.Next1Kwh.Value), 6);
            Assert.Equal(node.Next3Kwh.Value, children.Sum(c => c.Next3Kwh.Value), 6);
            Assert.Equal(node.Next1PeakKw.Value, children.Sum(c => c.Next1PeakKw.Value), 6);
            Assert.Equal(node.Next3PeakKw.Value, children.Sum(c => c.Next3PeakKw.Value), 6);
            Assert.Equal(node.Accounts, children.Sum(c => c.Accounts));
        }
        Assert.Equal(6, byKey[""].Accounts);
        Assert.Equal(4, byKey["A|0"].Archetypes[(int)LoadArchetype.EveningPeaker]);
    }

    [Fact]
    public void An_aggregate_band_comes_from_the_aggregate_backtest_so_errors_that_cancel_give_a_narrower_band_than_summed_quantiles()
    {
        // Two cells whose wobbles mirror each other (not a yearly pattern, so the model misses them): their sum is flat.
        static double Wobble(int m, int sign) => 100 * (1 + sign * 0.1 * Math.Sin(m * 1.3));
        var cells = new[]
        {
            Cell("A", 0, CustomerType.Residential, m => Wobble(m, 1), months: 36),
            Cell("A", 0, CustomerType.Business, m => Wobble(m, -1), months: 36),
        };
        var result = DemandForecaster.Forecast(cells, Jan2025);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        var parts = result.Nodes.Where(n => n.Node.Depth == 3).ToArray();
        Assert.All(parts, p => Assert.True(p.FromBacktest && p.Next1Kwh.High - p.Next1Kwh.Low > 5));
        Assert.Equal(county.Next1Kwh.Value, parts.Sum(p => p.Next1Kwh.Value), 9);
        // Summing the parts' quantiles would claim a range this wide; the county's own backtest knows the errors cancel.
        var summedWidth = parts.Sum(p => p.Next1Kwh.High - p.Next1Kwh.Low);
        var countyWidth = county.Next1Kwh.High - county.Next1Kwh.Low;
        Assert.True(countyWidth < summedWidth / 2, $"county {countyWidth:F2} vs summed parts {summedWidth:F2}");
    }

    [Fact]
    public void Band_uses_the_fixed_spread_below_six_windows_and_backtest_quantiles_from_six()
    {
        Assert.Equal((0.85, 1.15), DemandForecaster.Band([0.9, 1.1, 1.0, 1.05, 0.95], DemandForecaster.FallbackSpread1));
        var (low, high) = DemandForecaster.Band([0.9, 1.1, 1.0, 1.05, 0.95, 1.0], DemandForecaster.FallbackSpread1);
        // Sorted 0.9 0.95 1.0 1.0 1.05 1.1: 10 % at position 0.5 → 0.925; 90 % at 4.5 → 1.075.
        Assert.Equal(0.925, low, 9);
        Assert.Equal(1.075, high, 9);
    }

    [Fact]
    public void Short_history_gets_the_fixed_band_and_says_so()
    {
        // Six months: five one-month windows and three three-month windows, under the six a band needs.
        var result = DemandForecaster.Forecast([Cell("A", 0, CustomerType.Residential, _ => 100, months: 6)], Jan2025);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.False(county.FromBacktest);
        Assert.Equal(100, county.Next1Kwh.Value, 9);
        Assert.Equal(85, county.Next1Kwh.Low, 9);
        Assert.Equal(115, county.Next1Kwh.High, 9);
        Assert.Equal(240, county.Next3Kwh.Low, 9);
        Assert.Equal(3, county.BacktestWindows);
    }

    [Fact]
    public void Coincident_peak_is_each_cell_at_the_system_peak_hour_scaled_by_last_years_kw_per_kwh()
    {
        // Residents peak at 19:00 (0.002 kW per monthly kWh), a factory at 10:00 (0.001 kW per kWh) but is much bigger.
        var homes = Cell("A", 0, CustomerType.Residential, Seasonal, peakHour: 19, kwShare: 0.002);
        var factory = Cell("A", 3, CustomerType.LargeIndustrial, _ => 100_000, peakHour: 10, kwShare: 0.001);
        var result = DemandForecaster.Forecast([homes, factory], Jan2025);
        Assert.Equal(10, result.SystemPeakHour);
        var byKey = result.Nodes.ToDictionary(n => n.Node.Key);
        Assert.Equal(100, byKey["A|3|2"].Next1PeakKw.Value, 6);   // 100,000 kWh × 0.001
        Assert.Equal(0, byKey["A|0|0"].Next1PeakKw.Value, 6);     // homes draw nothing at 10:00
        Assert.Equal(100, byKey[""].Next1PeakKw.Value, 6);
    }

    [Fact]
    public void A_cell_with_no_accounts_is_left_out_and_an_empty_county_still_has_a_row()
    {
        var empty = new CellHistory(new PlanningNode("A", 0, CustomerType.Residential), 12);
        var result = DemandForecaster.Forecast([empty], Jan2025);
        Assert.Single(result.Nodes);
        Assert.Equal(0, result.Nodes[0].Next1Kwh.Value);
        Assert.Equal(0, result.Nodes[0].Accounts);
    }

    [Fact]
    public void Segment_mix_round_trips_as_text()
    {
        int[] counts = [3, 0, 1, 0, 2, 0, 5];
        Assert.Equal("3,0,1,0,2,0,5", SegmentMix.Format(counts));
        Assert.Equal(counts, SegmentMix.Parse("3,0,1,0,2,0,5"));
        Assert.Equal(new int[7], SegmentMix.Parse(null));
    }
}
