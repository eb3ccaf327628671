namespace Portal.Domain.Usage;

public enum UsageAlertKind
{
    /// <summary>The cycle forecast is above the customer's kWh or bill threshold.</summary>
    ForecastAboveThreshold = 0,
    /// <summary>The account is close to the next tariff tier, or the forecast crosses it this cycle.</summary>
    TierCrossingNear = 1,
}

/// <summary>What the customer set. Thresholds are optional; at least one of them or tier alerts must be on to get anything.</summary>
public sealed record UsageAlertSettings(decimal? MonthlyKwhThreshold, decimal? MonthlyBillThreshold, bool TierAlerts = true, decimal TierMarginShare = UsageAlertRules.DefaultTierMarginShare);

/// <summary>
/// Headroom in the current tier of the tariff year (or month, for monthly tiers).
/// <paramref name="NextTierStartKwh"/> is the cumulative kWh where the next tier begins; <paramref name="TierWidthKwh"/> is
/// the width of the current tier. Pass null for an account already in the top tier.
/// </summary>
public sealed record TierHeadroom(decimal UsedThisTariffYearKwh, decimal NextTierStartKwh, decimal TierWidthKwh)
{
    public decimal RemainingKwh => NextTierStartKwh - UsedThisTariffYearKwh;
}

/// <param name="CycleKey">Identifies the billing cycle, e.g. "2025-06" from <see cref="UsageAlertRules.CycleKeyFor"/>.</param>
/// <param name="ForecastRemainingKwh">kWh the forecast still expects in this cycle after today (forecast − to date).</param>
public sealed record UsageAlertSituation(
    string AccountNumber,
    string CycleKey,
    decimal ForecastCycleKwh,
    decimal? ForecastCycleBill,
    decimal ForecastRemainingKwh,
    TierHeadroom? Tier);

/// <param name="DedupeKey">"{account}|{cycle}|{kind}": store it with a unique index; a re-run that finds it raises nothing.</param>
/// <param name="Value">The figure that triggered it (forecast kWh, forecast bill, or kWh left in the tier).</param>
/// <param name="Limit">What it was compared with (threshold, or the tier start).</param>
public sealed record UsageAlertDecision(UsageAlertKind Kind, string DedupeKey, decimal Value, decimal Limit, bool ByBill = false);

/// <summary>
/// Decides which usage alerts to raise. Idempotent: at most one alert per kind per account per cycle, and none
/// whose dedupe key was already raised, so the nightly job can run as often as it likes.
/// </summary>
public static class UsageAlertRules
{
    /// <summary>Warn when less than this share of the current tier's width is left.</summary>
    public const decimal DefaultTierMarginShare = 0.10m;

    public static string CycleKeyFor(DateOnly cycleStart) => cycleStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static string DedupeKey(string accountNumber, string cycleKey, UsageAlertKind kind) => $"{accountNumber}|{cycleKey}|{kind}";

    public static IReadOnlyList<UsageAlertDecision> Decide(UsageAlertSituation situation, UsageAlertSettings settings, IReadOnlySet<string>? alreadyRaised = null)
    {
        Validate(settings);
        var alerts = new List<UsageAlertDecision>(2);

        // kWh first: it is the figure the customer controls; the bill threshold catches tariff effects.
        if (settings.MonthlyKwhThreshold is { } kwhLimit && situation.ForecastCycleKwh > kwhLimit)
            alerts.Add(new(UsageAlertKind.ForecastAboveThreshold, Key(UsageAlertKind.ForecastAboveThreshold), situation.ForecastCycleKwh, kwhLimit));
        else if (settings.MonthlyBillThreshold is { } billLimit && situation.ForecastCycleBill is { } bill && bill > billLimit)
            alerts.Add(new(UsageAlertKind.ForecastAboveThreshold, Key(UsageAlertKind.ForecastAboveThreshold), bill, billLimit, ByBill: true));

        if (settings.TierAlerts && situation.Tier is { } tier && tier.RemainingKwh > 0)
        {
            var nearEdge = tier.RemainingKwh < settings.TierMarginShare * tier.TierWidthKwh;
            var forecastCrosses = situation.ForecastRemainingKwh >= tier.RemainingKwh;
            if (nearEdge || forecastCrosses)
                alerts.Add(new(UsageAlertKind.TierCrossingNear, Key(UsageAlertKind.TierCrossingNear), tier.RemainingKwh, tier.NextTierStartKwh));
        }

        return alreadyRaised is null ? alerts : alerts.Where(a => !alreadyRaised.Contains(a.DedupeKey)).ToArray();

        string Key(UsageAlertKind kind) => DedupeKey(situation.AccountNumber, situation.CycleKey, kind);
    }

    /// <summary>Problems with a customer's alert settings, as codes the UI localizes. Empty when valid.</summary>
    public static IReadOnlyList<string> Problems(UsageAlertSettings settings)
    {
        var problems = new List<string>();
        if (settings.MonthlyKwhThreshold is <= 0) problems.Add("Alert.KwhThresholdNotPositive");
        if (settings.MonthlyBillThreshold is <= 0) problems.Add("Alert.BillThresholdNotPositive");
        if (settings.TierMarginShare is < 0 or >= 1) problems.Add("Alert.TierMarginOutOfRange");
        return problems;
    }

    private static void Validate(UsageAlertSettings settings)
    {
        var problems = Problems(settings);
        if (problems.Count > 0) throw new Common.DomainException(problems[0], "Invalid alert settings: " + string.Join(", ", problems));
    }
}
