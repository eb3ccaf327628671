using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Marketing;
using Portal.Resources;

namespace Portal.Features.Marketing;

/// <summary>
/// A rule in words, in the current UI language. The number is the risk ratio against accounts without the antecedent,
/// which is what "as often as others" says; the classic lift (against all accounts) stays a column of its own.
/// </summary>
public static class AssociationText
{
    public static string Item(IStringLocalizer<SharedResource> l, string item)
    {
        var attribute = AssociationMiner.Attribute(item);
        var value = item[(attribute.Length + 1)..];
        return attribute switch
        {
            MarketingVocabulary.Segment => l["Assoc.Item.Segment", l["LoadArchetype." + value]],
            MarketingVocabulary.Region => l["Assoc.Item.Region", l["Region." + value]],
            MarketingVocabulary.Level => l["Assoc.Item.Level", l["ConsumptionBand." + value]],
            MarketingVocabulary.CustomerType => l["Assoc.Item.Type", l["CustomerType." + value]],
            MarketingVocabulary.CreditTier => l["Assoc.Item.Tier", value],
            MarketingVocabulary.Package => l["Assoc.Item.Package", value],
            MarketingVocabulary.Heating => l["Assoc.Item.Heating." + value],
            MarketingVocabulary.Tenure => l["Assoc.Item.Tenure." + value],
            MarketingVocabulary.Capacity => l["Assoc.Item.Capacity." + value],
            _ => item,
        };
    }

    public static string Outcome(IStringLocalizer<SharedResource> l, string outcome) =>
        outcome.StartsWith(MarketingVocabulary.ComplaintPrefix, StringComparison.Ordinal)
            ? l["Assoc.Outcome.Complaint", l["ComplaintCategory." + outcome[MarketingVocabulary.ComplaintPrefix.Length..]]]
            : l["Assoc.Outcome." + outcome];

    /// <summary>Short outcome name for a column.</summary>
    public static string OutcomeName(IStringLocalizer<SharedResource> l, string outcome) =>
        outcome.StartsWith(MarketingVocabulary.ComplaintPrefix, StringComparison.Ordinal)
            ? l["Assoc.OutcomeName.Complaint", l["ComplaintCategory." + outcome[MarketingVocabulary.ComplaintPrefix.Length..]]]
            : l["Assoc.OutcomeName." + outcome];

    public static string Sentence(IStringLocalizer<SharedResource> l, AssociationRuleView r) =>
        l["Assoc.Sentence", string.Join(l["Assoc.ItemSeparator"], r.Antecedent.Select(i => Item(l, i))), Outcome(l, r.Outcome),
            Ratio(r.RiskRatio), Ratio(r.RiskRatioLow), Ratio(r.RiskRatioHigh), r.WithBoth, r.AntecedentAccounts];

    public static string Ratio(double x) => x.ToString(x >= 10 ? "0" : "0.0", CultureInfo.CurrentCulture);
}
