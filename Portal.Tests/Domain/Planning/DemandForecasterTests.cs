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
    public void Model_is_the_mean_of_last_month_and_same_month_last_year_scaled_by_the_quarter_over_the_same_quarter_a_year_earlier()
    {
        // Year 1: 100 a month; year 2's first three months 110 each (ratio 1.1); month 15 (April, year 2) from origin 14.
        var kwh = Enumerable.Range(0, 15).Select(m => m < 12 ? 100.0 : 110.0).ToArray();
        kwh[3] = 150;   // April of year 1
        // Seasonal 150 × 1.1 = 165, last month 110: the model is their mean.
        Assert.Equal(137.5, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
        Assert.Equal(137.5, DemandForecaster.Base(kwh, 14, 1), 9);
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
        // Origin 14 (15 months): month 3 (40) × (130+140+150)/(10+20+30) = 40 × 7 = 280, averaged with last month's 150.
        Assert.Equal(215, DemandForecaster.Point(kwh, 14, 1, PlanningMethod.Model)!.Value, 9);
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
    public void A_repeating_heating_season_halves_last_months_error_and_its_band_spans_the_backtest_quantiles()
    {
        var cells = new[] { Cell("Urumqi", 1, CustomerType.Residential, Seasonal, months: 36) };
        var result = DemandForecaster.Forecast(cells, Jan2025);
        Assert.Equal(new DateOnly(2028, 1, 1), result.FirstTargetMonth);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.Equal(200, county.Next1Kwh.Value, 9);          // January: last year 200, last month (December) 200
        Assert.Equal(600, county.Next3Kwh.Value, 9);          // Jan + Feb + Mar
        // Windows 14 … 34: 17 exact, two Aprils at 100 / 150 and two Novembers at 200 / 150; the 10 % and 90 % quantiles
        // (positions 2 and 18 of 21 sorted) are both 1, so the band is the point.
        Assert.Equal(200, county.Next1Kwh.Low, 9);
        Assert.Equal(200, county.Next1Kwh.High, 9);
        Assert.True(county.FromBacktest);
        Assert.Equal(BandSource.OwnWindows, county.Band1Source);
        var oneMonth = result.Backtest.Where(b => b.Node.Depth == 0 && b.Horizon == 1).ToDictionary(b => b.Method);
        // The seasonal half is exact, so the model's error is half of last month's in every window.
        Assert.Equal(oneMonth[PlanningMethod.LastMonth].Mape / 2, oneMonth[PlanningMethod.Model].Mape, 9);
        Assert.Equal(0, oneMonth[PlanningMethod.SameMonthLastYear].Mape, 9);
        Assert.True(oneMonth[PlanningMethod.ThreeMonthMean].Mape > oneMonth[PlanningMethod.Model].Mape);
        // 36 months: origins 14 … 34 for one month ahead.
        Assert.Equal(21, oneMonth[PlanningMethod.Model].Windows);
    }

    [Fact]
    public void The_three_month_mean_replaces_the_model_once_it_has_beaten_it_over_nine_past_windows()
    {
        // A flat load that zig-zags 100, 120, 80: last month misses every step, the three-month mean (100) only the peaks.
        var kwh = Enumerable.Range(0, 12).Select(m => (m % 3) switch { 0 => 100.0, 1 => 120.0, _ => 80.0 }).ToArray();
        // Origin 10: windows 2 … 9 are eight, one short, so the model is still last month (month 10 = 120).
        Assert.Equal(120, DemandForecaster.Point(kwh, 10, 1, PlanningMethod.Model)!.Value, 9);
        // Origin 11: nine windows, the mean won them, so it is the forecast: (100 + 120 + 80) / 3.
        Assert.Equal(100, DemandForecaster.Point(kwh, 11, 1, PlanningMethod.Model)!.Value, 9);
        Assert.Equal(80, DemandForecaster.Base(kwh, 11, 1), 9);
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
    public void Band_reads_its_own_quantiles_from_nine_windows_and_pools_below()
    {
        // Nine ratios: 10 % at position 0.8 → 0.9 + 0.8 × 0.05 = 0.94; 90 % at 7.2 → 1.1 + 0.2 × 0.05 = 1.11.
        List<double> nine = [0.9, 0.95, 1.0, 1.0, 1.0, 1.05, 1.05, 1.1, 1.15];
        var (low, high, source) = DemandForecaster.Band(nine, DemandForecaster.FallbackSpread1, accounts: 1, pooledSigma: 0.5);
        Assert.Equal(BandSource.OwnWindows, source);
        Assert.Equal(0.94, low, 9);
        Assert.Equal(1.11, high, 9);
        // Eight: pooled, exp(± t(0.90, 8) × σ ÷ √accounts) = exp(± 1.397 × 0.5 ÷ 2).
        var eight = nine.Take(8).ToList();
        (low, high, source) = DemandForecaster.Band(eight, DemandForecaster.FallbackSpread1, accounts: 4, pooledSigma: 0.5);
        Assert.Equal(BandSource.Pooled, source);
        Assert.Equal(Math.Exp(-0.34925), low, 9);
        Assert.Equal(Math.Exp(0.34925), high, 9);
    }

    [Fact]
    public void Band_is_the_fixed_spread_with_no_window_and_pooled_from_one()
    {
        Assert.Equal((0.85, 1.15, BandSource.Fixed), DemandForecaster.Band([], DemandForecaster.FallbackSpread1, 10, 0.5));
        Assert.Equal((0.8, 1.2, BandSource.Fixed), DemandForecaster.Band([1.1], DemandForecaster.FallbackSpread3, 10, double.NaN));
        // One window: t(0.90, 1) = 3.078, the widest; one account keeps σ as it is.
        var (low, high, source) = DemandForecaster.Band([1.1], DemandForecaster.FallbackSpread1, 1, 0.1);
        Assert.Equal(BandSource.Pooled, source);
        Assert.Equal(Math.Exp(-0.3078), low, 9);
        Assert.Equal(Math.Exp(0.3078), high, 9);
    }

    [Fact]
    public void Pooled_spread_puts_nodes_of_different_sizes_on_one_scale_by_the_square_root_of_their_accounts()
    {
        // Four accounts erring ±10 % (in logs) count like one account erring ±20 %: √((4 × 0.01 × 2 + 1 × 0.04) ÷ 3) = 0.2.
        var sigma = DemandForecaster.PooledSigma([([Math.Exp(0.1), Math.Exp(-0.1)], 4), ([Math.Exp(0.2)], 1)]);
        Assert.Equal(0.2, sigma, 9);
        Assert.True(double.IsNaN(DemandForecaster.PooledSigma([([], 3)])));
        // So a node of 100 accounts gets a tenth of a single account's half-width (here with 2 windows, t = 1.886).
        var (_, oneHigh, _) = DemandForecaster.Band([1.0, 1.0], 0.15, 1, sigma);
        var (_, hundredHigh, _) = DemandForecaster.Band([1.0, 1.0], 0.15, 100, sigma);
        Assert.Equal(0.3772, Math.Log(oneHigh), 9);
        Assert.Equal(0.03772, Math.Log(hundredHigh), 9);
    }

    [Fact]
    public void Short_history_pools_the_errors_of_its_level_and_says_so()
    {
        // Six months, one account: last month's ratios 1, 1, 1.1, 1/1.1, 1 (five windows), so σ = ln 1.1 × √(2/5) and the
        // one-month band is exp(± t(0.90, 5) × σ) = exp(± 1.476 × σ). Three three-month windows, under nine as well.
        var result = DemandForecaster.Forecast([Cell("A", 0, CustomerType.Residential, m => m == 3 ? 110 : 100, months: 6)], Jan2025);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.False(county.FromBacktest);
        Assert.Equal(BandSource.Pooled, county.Band1Source);
        Assert.Equal(BandSource.Pooled, county.Band3Source);
        Assert.Equal(3, county.BacktestWindows);
        Assert.Equal(100, county.Next1Kwh.Value, 9);
        var half = 1.476 * Math.Log(1.1) * Math.Sqrt(2.0 / 5);
        Assert.Equal(100 * Math.Exp(-half), county.Next1Kwh.Low, 9);
        Assert.Equal(100 * Math.Exp(half), county.Next1Kwh.High, 9);
    }

    [Fact]
    public void A_second_month_gets_a_pooled_one_month_band_and_a_fixed_three_month_band()
    {
        // Two months: one one-month window (ratio 1.2), no three-month window.
        var result = DemandForecaster.Forecast([Cell("A", 0, CustomerType.Residential, m => m == 1 ? 120 : 100, months: 2)], Jan2025);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.Equal(BandSource.Pooled, county.Band1Source);
        Assert.Equal(BandSource.Fixed, county.Band3Source);
        Assert.Equal(0, county.BacktestWindows);
        Assert.Equal(120 * Math.Exp(3.078 * Math.Log(1.2)), county.Next1Kwh.High, 9);
        Assert.Equal(360 * 0.8, county.Next3Kwh.Low, 9);
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
    public void Peak_band_takes_on_each_side_the_wider_of_the_kwh_band_and_the_peaks_own_band()
    {
        // kWh wider below, the peak's own band wider above: the low comes from one, the high from the other.
        Assert.Equal((0.9, 1.2, BandSource.Pooled), DemandForecaster.Widest((0.9, 1.1, BandSource.Pooled), (0.95, 1.2, BandSource.Pooled)));
        // The other way round; the source stays the kWh band's.
        Assert.Equal((0.8, 1.1, BandSource.OwnWindows), DemandForecaster.Widest((0.9, 1.1, BandSource.OwnWindows), (0.8, 1.05, BandSource.Fixed)));
    }

    [Fact]
    public void Where_kw_per_kwh_never_changes_the_peak_band_is_the_kwh_band()
    {
        // The short-history cell above (one-month band exp(± 1.476 × ln 1.1 × √(2/5)) around 100 kWh) at a steady
        // 0.002 kW per kWh: every peak ratio equals its kWh ratio, so the peak band is the kWh band × 0.002.
        var result = DemandForecaster.Forecast([Cell("A", 0, CustomerType.Residential, m => m == 3 ? 110 : 100, months: 6)], Jan2025);
        var county = result.Nodes.Single(n => n.Node.Depth == 0);
        Assert.True(county.Next1Kwh.High > county.Next1Kwh.Value);
        Assert.Equal(county.Next1Kwh.Value * 0.002, county.Next1PeakKw.Value, 12);
        Assert.Equal(county.Next1Kwh.Low * 0.002, county.Next1PeakKw.Low, 12);
        Assert.Equal(county.Next1Kwh.High * 0.002, county.Next1PeakKw.High, 12);
    }

    [Fact]
    public void A_load_shape_that_moves_widens_the_peak_band_beyond_a_steady_kwh_band()
    {
        // 100 kWh every month (the kWh band is the point), but the 19:00 kW per kWh alternates 0.002 / 0.003. Six months, no
        // year: the peak forecast is next month's kWh × this month's kW per kWh, so the five one-month peak ratios are
        // 1.5, 1/1.5, 1.5, 1/1.5, 1.5; pooled σ = ln 1.5 (one account), band exp(± t(0.90, 5) × ln 1.5) = 1.5^±1.476.
        var c = new CellHistory(new PlanningNode("A", 0, CustomerType.Residential), 6);
        c.AddAccount(LoadArchetype.EveningPeaker, 1200);
        for (var m = 0; m < 6; m++)
        {
            var hours = new double[24];
            hours[19] = 100 * (m % 2 == 0 ? 0.002 : 0.003);
            c.AddMonth(m, 100, hours);
        }
        var county = DemandForecaster.Forecast([c], Jan2025).Nodes.Single(n => n.Node.Depth == 0);
        Assert.Equal(100, county.Next1Kwh.Low, 9);
        Assert.Equal(100, county.Next1Kwh.High, 9);
        Assert.Equal(0.3, county.Next1PeakKw.Value, 12);   // month 5 (odd): 0.003 kW per kWh
        Assert.Equal(0.3 * Math.Pow(1.5, -1.476), county.Next1PeakKw.Low, 9);
        Assert.Equal(0.3 * Math.Pow(1.5, 1.476), county.Next1PeakKw.High, 9);
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
