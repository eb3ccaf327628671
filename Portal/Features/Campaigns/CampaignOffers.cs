using Portal.Domain.Campaigns;
using Portal.Domain.Service;

namespace Portal.Features.Campaigns;

/// <summary>
/// The catalogue of what a campaign can offer: any tariff package of the catalogue (each customer sees their own
/// simulated saving), or one of these services, whose accepted offer becomes a service request for the team that
/// does it.
/// </summary>
public static class CampaignOffers
{
    public static readonly string[] Services =
    [
        ServiceCodes.EnergyAudit, ServiceCodes.DemandReview, ServiceCodes.PowerFactorAdvice, ServiceCodes.AutoPay,
        ServiceCodes.EStatements, ServiceCodes.SafetyInspection,
    ];

    public static bool IsService(string code) => Services.Contains(code, StringComparer.Ordinal);

    /// <summary>The value a select holds for an offer: "service:energy-audit", "package:xj-res-tiered-tou".</summary>
    public static string Key(CampaignOfferKind kind, string code) => (kind == CampaignOfferKind.Package ? "package:" : "service:") + code;

    public static (CampaignOfferKind Kind, string Code)? ParseKey(string? key) => key switch
    {
        null => null,
        _ when key.StartsWith("package:", StringComparison.Ordinal) => (CampaignOfferKind.Package, key["package:".Length..]),
        _ when key.StartsWith("service:", StringComparison.Ordinal) => (CampaignOfferKind.Service, key["service:".Length..]),
        _ => null,
    };
}
