using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Campaigns;
using Portal.Domain.Marketing;
using Portal.Features.Marketing;
using Portal.Features.Tariffs;
using Portal.Resources;

namespace Portal.Features.Campaigns;

/// <summary>Offers, filters and uptake in words, in the current UI language.</summary>
public static class CampaignText
{
    /// <summary>The attributes the filter offers as selects; a rule may bring others, shown as removable chips.</summary>
    public static readonly string[] FilterAttributes =
        [MarketingVocabulary.Segment, MarketingVocabulary.Region, MarketingVocabulary.Level, MarketingVocabulary.CreditTier, MarketingVocabulary.Package];

    public static string Offer(IStringLocalizer<SharedResource> l, TariffCatalog catalog, CampaignOfferKind kind, string code) =>
        kind == CampaignOfferKind.Package ? l["Campaign.PackageOffer", PackageName(catalog, code)] : l["Service_" + code];

    public static string OfferPitch(IStringLocalizer<SharedResource> l, CampaignOfferKind kind, string code) =>
        kind == CampaignOfferKind.Package ? l["Campaign.Pitch.Package"] : l["Campaign.Pitch." + code];

    public static string PackageName(TariffCatalog catalog, string code) => catalog.TryGet(code, out var p) ? TariffText.PackageName(p!) : code;

    public static string Filter(IStringLocalizer<SharedResource> l, string filter)
    {
        var items = TargetFilter.Parse(filter).Items;
        return items.Count == 0 ? l["Campaign.Everyone"] : string.Join(l["Assoc.ItemSeparator"], items.Select(i => AssociationText.Item(l, i)));
    }

    public static string Value(IStringLocalizer<SharedResource> l, TariffCatalog catalog, string attribute, string value) => attribute switch
    {
        MarketingVocabulary.Segment => l["LoadArchetype." + value],
        MarketingVocabulary.Region => l["Region." + value],
        MarketingVocabulary.Level => l["ConsumptionBand." + value],
        MarketingVocabulary.Package => PackageName(catalog, value),
        _ => value,
    };

    public static string Segment(IStringLocalizer<SharedResource> l, string? segment) =>
        segment is null ? l["Campaign.SegmentUnknown"] : l["LoadArchetype." + segment];

    public static string Pct(double x) => (x * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>"12.5% (95 % CI 8.1%–18.0%)".</summary>
    public static string Rate(IStringLocalizer<SharedResource> l, ProportionEstimate p) =>
        p.Total == 0 ? "—" : l["Campaign.RateWithCi", Pct(p.Rate), Pct(p.Low), Pct(p.High), p.Successes, p.Total];

    /// <summary>Percentage points, signed: "+4.2 pp (95 % CI −1.0 to +9.8)".</summary>
    public static string Difference(IStringLocalizer<SharedResource> l, DifferenceEstimate? d) =>
        d is { } x ? l["Campaign.DiffWithCi", Points(x.Difference), Points(x.Low), Points(x.High)] : l["Campaign.NoControl"];

    private static string Points(double x) => (x * 100).ToString("+0.0;−0.0;0.0", CultureInfo.CurrentCulture);
}
