using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Portal.Tests.Domain.Tariffs;

namespace Portal.Tests.Domain.Usage;

public class TariffLensTests
{
    private static readonly DateOnly Day = new(2026, 7, 15);

    [Fact]
    public void A_package_without_time_of_use_has_no_classifier()
    {
        Assert.Null(TariffLens.Classifier(CompiledTariff.Compile(TestData.ZhejiangTiered())));
    }

    [Theory]
    [InlineData(7 * 60 + 45, TouPeriod.Valley)]
    [InlineData(8 * 60, TouPeriod.Peak)]
    [InlineData(21 * 60 + 45, TouPeriod.Peak)]
    [InlineData(22 * 60, TouPeriod.Valley)]
    public void The_classifier_reads_the_package_windows_on_both_sides_of_a_boundary(int minute, TouPeriod expected)
    {
        var classify = TariffLens.Classifier(CompiledTariff.Compile(TestData.ZhejiangTieredTou()))!;
        Assert.Equal(expected, classify(Day, minute));
    }

    [Theory]
    [InlineData(7, 19 * 60, TouPeriod.Peak)]
    [InlineData(7, 21 * 60, TouPeriod.CriticalPeak)]
    [InlineData(12, 19 * 60, TouPeriod.CriticalPeak)]
    [InlineData(3, 21 * 60, TouPeriod.Peak)]
    public void The_classifier_follows_the_season_of_the_date(int month, int minute, TouPeriod expected)
    {
        var package = TestData.Flat(0.4m) with { Energy = new EnergyCharge { BasePrice = 0.4m, TimeOfUse = TestData.XinjiangTou() } };
        var classify = TariffLens.Classifier(CompiledTariff.Compile(package))!;
        Assert.Equal(expected, classify(new DateOnly(2026, month, 10), minute));
    }

    [Fact]
    public void An_hourly_interval_takes_the_period_of_its_first_quarter_hour()
    {
        var classify = TariffLens.Classifier(CompiledTariff.Compile(TestData.ZhejiangTieredTou()))!;
        Assert.Equal(TouPeriod.Valley, classify(Day, 7 * 60));
    }

    [Theory]
    [InlineData(0, 1, 2760)]
    [InlineData(2759, 1, 1)]
    [InlineData(2760, 2, 2040)]   // the bound is inclusive: at 2,760 the next kWh is tier 2
    [InlineData(4799, 2, 1)]
    public void Tier_headroom_counts_the_kwh_left_before_the_next_tier(decimal used, int tier, decimal left)
    {
        var status = TariffLens.Tier(TestData.ZhejiangTiered(), Day, used)!;
        Assert.Equal(tier, status.CurrentTier);
        Assert.Equal(3, status.TierCount);
        Assert.Equal(left, status.RemainingKwh);
    }

    [Fact]
    public void In_the_top_tier_nothing_is_left_and_there_is_no_alert_headroom()
    {
        var status = TariffLens.Tier(TestData.ZhejiangTiered(), Day, 4800m)!;
        Assert.Equal(3, status.CurrentTier);
        Assert.Null(status.RemainingKwh);
        Assert.Null(status.ToHeadroom());
    }

    [Fact]
    public void Headroom_for_the_alert_rules_carries_the_width_of_the_current_tier()
    {
        var headroom = TariffLens.Tier(TestData.ZhejiangTiered(), Day, 3000m)!.ToHeadroom()!;
        Assert.Equal(4800m, headroom.NextTierStartKwh);
        Assert.Equal(2040m, headroom.TierWidthKwh);
        Assert.Equal(1800m, headroom.RemainingKwh);
    }

    [Fact]
    public void A_package_without_tiers_has_no_tier_status()
    {
        Assert.Null(TariffLens.Tier(TestData.Flat(0.5m), Day, 100m));
    }

    [Theory]
    [InlineData(1, 7, 15, 2026, 1)]
    [InlineData(7, 7, 1, 2026, 7)]
    [InlineData(8, 7, 31, 2025, 8)]
    public void An_annual_tier_year_starts_on_the_first_of_its_start_month_at_or_before_today(int startMonth, int month, int day, int expectedYear, int expectedMonth)
    {
        var tiers = new TierSchedule { Basis = TierBasis.Annual, CycleStartMonth = startMonth, Bands = [new TierBand()] };
        var start = TariffLens.TierCycleStart(tiers, new DateOnly(2026, month, day));
        Assert.Equal(new DateOnly(expectedYear, expectedMonth, 1), start);
        Assert.Equal(start.AddYears(1).AddDays(-1), TariffLens.TierCycleEnd(tiers, start));
    }

    [Fact]
    public void Monthly_tiers_restart_every_calendar_month()
    {
        var status = TariffLens.Tier(TestData.BeijingMonthly(), Day, 240m)!;
        Assert.Equal(new DateOnly(2026, 7, 1), status.CycleStart);
        Assert.Equal(new DateOnly(2026, 7, 31), status.CycleEnd);
        Assert.Equal(2, status.CurrentTier);
    }

    [Fact]
    public void Forecast_days_add_up_to_the_remaining_kwh_and_follow_the_recent_shape()
    {
        var evening = UsageTestData.Day(new DateOnly(2026, 7, 1), 15, m => m >= 18 * 60 ? 400 : 100);
        var days = TariffLens.ForecastDays([evening], [evening], new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 11), 100.0);
        Assert.Equal(11, days.Count);
        var synthetic = days.Skip(1).ToList();
        Assert.All(synthetic, d => Assert.Equal(10m, Math.Round(d.TotalKwh, 1)));
        Assert.All(synthetic, d => Assert.Equal(d.IntervalsPerDay, d.EstimatedCount));
        Assert.True(synthetic[0].WattHours[19 * 4] > synthetic[0].WattHours[10 * 4] * 3);
    }

    [Fact]
    public void Forecast_days_use_the_interval_length_of_the_days_already_read()
    {
        var hourly = UsageTestData.Flat(new DateOnly(2026, 7, 1), 500, 60);
        var days = TariffLens.ForecastDays([hourly], [hourly], new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 2), 12.0);
        Assert.Equal(60, days[1].IntervalMinutes);
        Assert.Equal(12m, days[1].TotalKwh);
        var bill = BillCalculator.Calculate(TestData.Flat(0.5m), TestData.Household, new BillingPeriod(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 3)), days);
        Assert.Equal(24m, bill.TotalKwh);
    }

    [Theory]
    [InlineData(false, 1799.99, 0)]
    [InlineData(false, 1800, 1)]
    [InlineData(false, 3599, 1)]
    [InlineData(false, 3600, 2)]
    [InlineData(false, 7200, 3)]
    [InlineData(true, 19999, 0)]
    [InlineData(true, 20000, 1)]
    [InlineData(true, 2000000, 3)]
    public void Consumption_bands_include_their_lower_bound(bool business, decimal annualKwh, int band)
    {
        Assert.Equal(band, ConsumptionBand.Of(business, annualKwh));
    }
}
