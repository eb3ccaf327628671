using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

public class UsageAlertRulesTests
{
    private static UsageAlertSituation Situation(decimal forecastKwh = 200, decimal? bill = null, decimal remaining = 50, TierHeadroom? tier = null) =>
        new("0100000001", "2025-06", forecastKwh, bill, remaining, tier);

    private static readonly UsageAlertSettings NoThresholds = new(null, null);

    [Theory]
    [InlineData(300, false)]
    [InlineData(300.1, true)]
    public void Forecast_above_the_kwh_threshold_raises_an_alert(double forecast, bool raised)
    {
        var alerts = UsageAlertRules.Decide(Situation((decimal)forecast), new UsageAlertSettings(300m, null));
        Assert.Equal(raised, alerts.Any(a => a.Kind == UsageAlertKind.ForecastAboveThreshold));
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(150.01, true)]
    public void Forecast_bill_above_the_bill_threshold_raises_an_alert(double bill, bool raised)
    {
        var alerts = UsageAlertRules.Decide(Situation(bill: (decimal)bill), new UsageAlertSettings(null, 150m));
        Assert.Equal(raised, alerts.Any(a => a is { Kind: UsageAlertKind.ForecastAboveThreshold, ByBill: true }));
    }

    [Fact]
    public void Both_thresholds_exceeded_still_raise_one_alert_of_the_kind()
    {
        var alerts = UsageAlertRules.Decide(Situation(400, 500m), new UsageAlertSettings(300m, 150m));
        var alert = Assert.Single(alerts);
        Assert.False(alert.ByBill);
        Assert.Equal((400m, 300m), (alert.Value, alert.Limit));
    }

    [Fact]
    public void No_bill_forecast_means_no_bill_alert() =>
        Assert.Empty(UsageAlertRules.Decide(Situation(bill: null), new UsageAlertSettings(null, 1m)));

    // Zhejiang tier 1: 0–2,760 kWh (width 2,760); 10 % margin = 276 kWh.
    [Theory]
    [InlineData(2484, 40, false)]  // 276 left: not inside the margin, forecast 40 does not cross
    [InlineData(2485, 40, true)]   // 275 left: inside the margin
    [InlineData(2000, 759, false)] // 760 left, forecast 759
    [InlineData(2000, 760, true)]  // forecast reaches the tier start
    public void Tier_alert_fires_within_ten_percent_of_the_tier_width_or_when_the_forecast_crosses(int used, int forecastRemaining, bool raised)
    {
        var tier = new TierHeadroom(used, 2760m, 2760m);
        var alerts = UsageAlertRules.Decide(Situation(remaining: forecastRemaining, tier: tier), NoThresholds);
        Assert.Equal(raised, alerts.Any(a => a.Kind == UsageAlertKind.TierCrossingNear));
    }

    [Fact]
    public void An_account_already_past_the_tier_start_gets_no_tier_alert() =>
        Assert.Empty(UsageAlertRules.Decide(Situation(tier: new TierHeadroom(2800m, 2760m, 2760m)), NoThresholds));

    [Fact]
    public void Top_tier_accounts_and_customers_who_turned_tier_alerts_off_get_none()
    {
        Assert.Empty(UsageAlertRules.Decide(Situation(tier: null), NoThresholds));
        Assert.Empty(UsageAlertRules.Decide(Situation(tier: new TierHeadroom(2750m, 2760m, 2760m)), NoThresholds with { TierAlerts = false }));
    }

    [Fact]
    public void Tier_margin_is_configurable()
    {
        var tier = new TierHeadroom(2400m, 2760m, 2760m); // 360 left = 13 %
        Assert.Empty(UsageAlertRules.Decide(Situation(remaining: 0, tier: tier), NoThresholds));
        Assert.Single(UsageAlertRules.Decide(Situation(remaining: 0, tier: tier), NoThresholds with { TierMarginShare = 0.15m }));
    }

    [Fact]
    public void Dedupe_key_is_one_per_kind_account_and_cycle_and_already_raised_alerts_are_not_repeated()
    {
        var situation = Situation(400, remaining: 100, tier: new TierHeadroom(2700m, 2760m, 2760m));
        var settings = new UsageAlertSettings(300m, null);
        var first = UsageAlertRules.Decide(situation, settings);
        Assert.Equal(["0100000001|2025-06|ForecastAboveThreshold", "0100000001|2025-06|TierCrossingNear"], first.Select(a => a.DedupeKey));

        var raised = first.Select(a => a.DedupeKey).ToHashSet();
        Assert.Empty(UsageAlertRules.Decide(situation, settings, raised));
        Assert.Equal(2, UsageAlertRules.Decide(situation with { CycleKey = "2025-07" }, settings, raised).Count);
    }

    [Fact]
    public void Cycle_key_is_the_invariant_year_and_month() =>
        Assert.Equal("2025-06", UsageAlertRules.CycleKeyFor(new DateOnly(2025, 6, 1)));

    [Fact]
    public void Invalid_settings_are_reported_as_codes()
    {
        var problems = UsageAlertRules.Problems(new UsageAlertSettings(0m, -1m, TierMarginShare: 1m));
        Assert.Equal(["Alert.KwhThresholdNotPositive", "Alert.BillThresholdNotPositive", "Alert.TierMarginOutOfRange"], problems);
        Assert.Empty(UsageAlertRules.Problems(new UsageAlertSettings(1m, 1m, TierMarginShare: 0m)));
        Assert.Equal("Alert.KwhThresholdNotPositive", Assert.Throws<DomainException>(() =>
            UsageAlertRules.Decide(Situation(), new UsageAlertSettings(0m, null))).Code);
    }
}
