using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Usage;

namespace Portal.Domain.Service;

/// <summary>
/// What the menu knows about one account: the eligibility dimensions and the account's own numbers that make a service
/// relevant. Money in yuan; sums are over the last 12 months of issued bills.
/// </summary>
public sealed record ServiceProfile
{
    public CustomerType Type { get; init; }
    public decimal CapacityKva { get; init; }
    public string PackageCode { get; init; } = "";
    /// <summary>The load-shape segment of the nightly refresh; null until the account has enough data.</summary>
    public LoadArchetype? Segment { get; init; }
    /// <summary>The credit tier; null before the first review.</summary>
    public CreditTier? Tier { get; init; }
    public bool HasElectricHeating { get; init; }
    /// <summary>¥ a year the cheapest eligible package saves against the current one (recommendation replay); null when not computed.</summary>
    public decimal? BestSavingYuan { get; init; }
    public string? BestPackageCode { get; init; }
    public decimal AnnualKwh { get; init; }
    public int OpenHazards { get; init; }
    public int OpenMajorHazards { get; init; }
    /// <summary>Power-factor surcharges billed (positive adjustment lines only).</summary>
    public decimal PowerFactorSurchargeYuan { get; init; }
    /// <summary>Basic charge billed at the doubled price for demand above 105% of the declaration.</summary>
    public decimal ExcessDemandChargeYuan { get; init; }
    /// <summary>Bills paid after their due date, or still unpaid past it.</summary>
    public int LatePayments { get; init; }
    public bool AutoPayOn { get; init; }
    public bool EStatementsOn { get; init; }
}

/// <summary>
/// Why an item is near the top, from the account's own numbers. <see cref="Key"/> is a resource key; the UI formats
/// <see cref="Amount"/> as money, <see cref="Kwh"/> as energy, <see cref="Count"/> as a number, <see cref="PackageCode"/> as the package's name.
/// </summary>
public sealed record MenuReason(string Key, decimal? Amount = null, int? Count = null, string? PackageCode = null, decimal? Kwh = null);

public sealed record ServiceMenuEntry(ServiceCatalogItem Item, int Score, MenuReason Reason);

/// <summary>
/// Picks the active items an account is eligible for and orders them by relevance (0–100): what the customer's own
/// numbers say they would gain or avoid first (money saved, surcharges avoided, open hazards), generic offers last.
/// Ties keep the catalogue's order. Enrolments already on (auto-pay, e-statements) are left out, and so are services a
/// running campaign is offering the account right now (the invitation above the menu says it already, with its terms).
/// </summary>
public static class ServiceMenuPlanner
{
    public const int GenericScore = 10;

    /// <param name="offeredByCampaign">Service codes an open campaign offer of a running campaign makes to this account.</param>
    public static IReadOnlyList<ServiceMenuEntry> Plan(ServiceCatalog catalog, ServiceProfile profile, DateOnly today,
        IReadOnlyCollection<string>? offeredByCampaign = null) =>
        catalog.Items
            .Select((item, order) => (item, order))
            .Where(x => x.item.Active && x.item.Eligibility.Admits(profile) && !AlreadyEnrolled(x.item.Code, profile)
                && (offeredByCampaign is null || !offeredByCampaign.Contains(x.item.Code)))
            .Select(x => (x.order, entry: Rank(x.item, profile, today)))
            .OrderByDescending(x => x.entry.Score).ThenBy(x => x.order)
            .Select(x => x.entry)
            .ToList();

    public static bool AlreadyEnrolled(string code, ServiceProfile p) =>
        (code == ServiceCodes.AutoPay && p.AutoPayOn) || (code == ServiceCodes.EStatements && p.EStatementsOn);

    private static ServiceMenuEntry Rank(ServiceCatalogItem item, ServiceProfile p, DateOnly today)
    {
        var (score, reason) = item.Code switch
        {
            ServiceCodes.TouSwitch => p.BestSavingYuan is > 0 and var s && p.BestPackageCode is { } best && best != p.PackageCode
                ? (40 + Capped(s / 20m, 50), new MenuReason("ServiceMenu.Reason.Saving", s, PackageCode: best))
                : (5, new MenuReason("ServiceMenu.Reason.ComparePackages")),
            ServiceCodes.SafetyInspection => p.OpenHazards > 0
                ? (70 + Math.Min(30, 10 * p.OpenMajorHazards + 2 * p.OpenHazards), new MenuReason("ServiceMenu.Reason.OpenHazards", Count: p.OpenHazards))
                : (GenericScore, new MenuReason("ServiceMenu.Reason.Safety")),
            ServiceCodes.PowerFactorAdvice => p.PowerFactorSurchargeYuan > 0
                ? (60 + Capped(p.PowerFactorSurchargeYuan / 100m, 30), new MenuReason("ServiceMenu.Reason.PowerFactorSurcharge", p.PowerFactorSurchargeYuan))
                : (15, new MenuReason("ServiceMenu.Reason.PowerFactor")),
            ServiceCodes.DemandReview => p.ExcessDemandChargeYuan > 0
                ? (60 + Capped(p.ExcessDemandChargeYuan / 100m, 30), new MenuReason("ServiceMenu.Reason.DemandExcess", p.ExcessDemandChargeYuan))
                : (20, new MenuReason("ServiceMenu.Reason.Demand")),
            ServiceCodes.AutoPay => p.LatePayments > 0
                ? (50 + Math.Min(30, 10 * p.LatePayments), new MenuReason("ServiceMenu.Reason.LatePayments", Count: p.LatePayments))
                : (12, new MenuReason("ServiceMenu.Reason.AutoPay")),
            ServiceCodes.HeatingSeasonCheck => HeatingRelevance(today),
            ServiceCodes.EnergyAudit => p.AnnualKwh > 0
                ? (15 + Capped(p.AnnualKwh / (p.Type == CustomerType.Residential ? 1000m : 50000m), 25), new MenuReason("ServiceMenu.Reason.AnnualKwh", Kwh: p.AnnualKwh))
                : (GenericScore, new MenuReason("ServiceMenu.Reason.EnergyAudit")),
            ServiceCodes.PriorityConnection => (20, new MenuReason(p.Tier == CreditTier.A ? "ServiceMenu.Reason.TierA" : "ServiceMenu.Reason.Generic")),
            ServiceCodes.EStatements => (8, new MenuReason("ServiceMenu.Reason.Paperless")),
            _ => (GenericScore, new MenuReason("ServiceMenu.Reason.Generic")),
        };
        return new ServiceMenuEntry(item, score, reason);
    }

    /// <summary>The heating price runs 1 October – 30 April (DOMAIN.md): the check matters most in the month before.</summary>
    private static (int, MenuReason) HeatingRelevance(DateOnly today) => today.Month switch
    {
        9 => (60, new MenuReason("ServiceMenu.Reason.HeatingSoon")),
        >= 10 or <= 4 => (40, new MenuReason("ServiceMenu.Reason.HeatingSeason")),
        _ => (GenericScore, new MenuReason("ServiceMenu.Reason.Heating")),
    };

    private static int Capped(decimal value, int max) => (int)Math.Min(max, Math.Floor(Math.Max(0, value)));
}
