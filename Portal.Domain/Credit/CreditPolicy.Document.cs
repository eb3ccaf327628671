using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Credit;

/// <summary>
/// The storable form of a policy version: plain records that System.Text.Json round-trips. The database keeps one
/// JSON document per version, so a new rule never needs a schema change and an old version is read back exactly.
/// </summary>
public sealed record CreditPolicyDocument
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public PolicyStatus Status { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public CreditTier NewCustomerTier { get; init; }
    public int NewCustomerMonths { get; init; }
    public int MaxTiersUpPerReview { get; init; }
    public int RecoveryMonths { get; init; }
    public int UnpaidBillTriggerMonths { get; init; }
    public List<IndicatorDocument> Indicators { get; init; } = [];
    public List<TierRuleDocument> Tiers { get; init; } = [];
    public List<PrivilegeDocument> Privileges { get; init; } = [];
    public List<FreezeRuleDocument> Freezes { get; init; } = [];
}

public sealed record IndicatorDocument(CreditIndicator Indicator, decimal WeightPercent, List<FactorDocument> Factors);

public sealed record FactorDocument(CreditMetric Metric, decimal SharePercent, int LookbackMonths, List<BandDocument> Bands);

public sealed record BandDocument(decimal AtLeast, decimal Points);

public sealed record TierRuleDocument(CreditTier Tier, decimal EntryAtLeast, decimal ExitBelow);

public sealed record PrivilegeDocument(CreditTier Tier, PrivilegeKind Kind, int? Value);

public sealed record FreezeRuleDocument(FreezeTrigger Trigger, int FreezeMonths);

public sealed partial class CreditPolicy
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public CreditPolicyDocument ToDocument() => new()
    {
        Id = Id,
        Version = Version,
        Status = Status,
        EffectiveFrom = EffectiveFrom,
        PublishedOn = PublishedOn,
        NewCustomerTier = NewCustomerTier,
        NewCustomerMonths = NewCustomerMonths,
        MaxTiersUpPerReview = MaxTiersUpPerReview,
        RecoveryMonths = RecoveryMonths,
        UnpaidBillTriggerMonths = UnpaidBillTriggerMonths,
        Indicators = _indicators.Select(i => new IndicatorDocument(i.Indicator, i.WeightPercent,
            i.Factors.Select(f => new FactorDocument(f.Metric, f.SharePercent, f.LookbackMonths,
                f.Bands.Select(b => new BandDocument(b.AtLeast, b.Points)).ToList())).ToList())).ToList(),
        Tiers = _tierRules.Select(t => new TierRuleDocument(t.Tier, t.EntryAtLeast, t.ExitBelow)).ToList(),
        Privileges = _privileges.Select(p => new PrivilegeDocument(p.Tier, p.Kind, p.Value)).ToList(),
        Freezes = _freezeRules.Select(f => new FreezeRuleDocument(f.Trigger, f.FreezeMonths)).ToList(),
    };

    /// <summary>
    /// Rebuilds a policy exactly as stored, status included. A stored published version is trusted as it was
    /// validated when published; a draft is rebuilt as a draft so the editor can keep working on it.
    /// </summary>
    public static CreditPolicy FromDocument(CreditPolicyDocument d)
    {
        if (d.Version < 1) throw new DomainException("Credit.VersionInvalid", "Policy versions start at 1.");
        var p = new CreditPolicy
        {
            Id = d.Id == Guid.Empty ? Guid.NewGuid() : d.Id,
            Version = d.Version,
            Status = d.Status,
            EffectiveFrom = d.EffectiveFrom,
            PublishedOn = d.PublishedOn,
            NewCustomerTier = d.NewCustomerTier,
            NewCustomerMonths = d.NewCustomerMonths,
            MaxTiersUpPerReview = d.MaxTiersUpPerReview,
            RecoveryMonths = d.RecoveryMonths,
            UnpaidBillTriggerMonths = d.UnpaidBillTriggerMonths,
        };
        foreach (var indicator in Enum.GetValues<CreditIndicator>())
        {
            var stored = d.Indicators.FirstOrDefault(i => i.Indicator == indicator);
            var definition = new IndicatorDefinition(indicator, stored?.WeightPercent ?? 0m);
            foreach (var f in stored?.Factors ?? [])
                definition.SetFactor(new ScoringFactor(f.Metric, f.SharePercent, f.LookbackMonths,
                    f.Bands.Select(b => new ScoreBand(b.AtLeast, b.Points))));
            p._indicators.Add(definition);
        }
        p._tierRules.AddRange(d.Tiers.OrderByDescending(t => t.Tier).Select(t => new TierRule(t.Tier, t.EntryAtLeast, t.ExitBelow)));
        p._privileges.AddRange(d.Privileges.Select(x => new TierPrivilege(x.Tier, x.Kind, x.Value)));
        p._freezeRules.AddRange(d.Freezes.Select(f => new FreezeRule(f.Trigger, f.FreezeMonths)));
        return p;
    }

    public string ToJson() => JsonSerializer.Serialize(ToDocument(), JsonOptions);

    public static CreditPolicy FromJson(string json) =>
        FromDocument(JsonSerializer.Deserialize<CreditPolicyDocument>(json, JsonOptions)
            ?? throw new DomainException("Credit.PolicyJsonEmpty", "The stored policy document is empty."));

    /// <summary>Replaces the bands of a factor in a draft (the editor's table), keeping share and lookback.</summary>
    public void SetBands(CreditIndicator indicator, CreditMetric metric, IEnumerable<ScoreBand> bands)
    {
        EnsureDraft();
        var factor = Indicator(indicator).Factors.FirstOrDefault(f => f.Metric == metric)
            ?? throw new DomainException("Credit.FactorUnknown", $"{indicator} has no factor {metric}.");
        Indicator(indicator).SetFactor(new ScoringFactor(metric, factor.SharePercent, factor.LookbackMonths, bands));
    }
}
