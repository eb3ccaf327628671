using Portal.Domain.Credit;

namespace Portal.Features.Credit;

/// <summary>
/// The mutable form behind the policy editor: the parts admins change day to day (weights, tier thresholds, privileges,
/// freeze and promotion rules). Scoring bands and factor shares are carried over from the draft unchanged.
/// </summary>
public sealed class PolicyEditorModel
{
    public sealed class TierRow
    {
        public CreditTier Tier { get; set; }
        public decimal Entry { get; set; }
        public decimal Exit { get; set; }
    }

    public sealed class PrivilegeRow
    {
        public CreditTier Tier { get; set; }
        public PrivilegeKind Kind { get; set; }
        public bool Granted { get; set; }
        public int? Value { get; set; }
    }

    private readonly CreditPolicyDocument _source;

    public PolicyEditorModel(CreditPolicyDocument source)
    {
        _source = source;
        Weights = Enum.GetValues<CreditIndicator>().ToDictionary(i => i, i => source.Indicators.FirstOrDefault(x => x.Indicator == i)?.WeightPercent ?? 0m);
        Tiers = Enum.GetValues<CreditTier>().OrderByDescending(t => t)
            .Select(t => source.Tiers.FirstOrDefault(x => x.Tier == t) is { } r ? new TierRow { Tier = t, Entry = r.EntryAtLeast, Exit = r.ExitBelow } : new TierRow { Tier = t })
            .ToList();
        Privileges = Enum.GetValues<CreditTier>().OrderByDescending(t => t)
            .SelectMany(t => Enum.GetValues<PrivilegeKind>().Select(k =>
            {
                var p = source.Privileges.FirstOrDefault(x => x.Tier == t && x.Kind == k);
                return new PrivilegeRow { Tier = t, Kind = k, Granted = p is not null, Value = p?.Value };
            }))
            .ToList();
        FreezeMonths = Enum.GetValues<FreezeTrigger>().ToDictionary(t => t, t => source.Freezes.FirstOrDefault(f => f.Trigger == t)?.FreezeMonths ?? 0);
        NewCustomerMonths = source.NewCustomerMonths;
        RecoveryMonths = source.RecoveryMonths;
        MaxTiersUpPerReview = source.MaxTiersUpPerReview;
        UnpaidBillTriggerMonths = source.UnpaidBillTriggerMonths;
    }

    public int Version => _source.Version;
    public Dictionary<CreditIndicator, decimal> Weights { get; }
    public List<TierRow> Tiers { get; }
    public List<PrivilegeRow> Privileges { get; }
    public Dictionary<FreezeTrigger, int> FreezeMonths { get; }
    public int NewCustomerMonths { get; set; }
    public int RecoveryMonths { get; set; }
    public int MaxTiersUpPerReview { get; set; }
    public int UnpaidBillTriggerMonths { get; set; }

    public decimal WeightTotal => Weights.Values.Sum();

    public CreditPolicyDocument ToDocument() => _source with
    {
        Indicators = _source.Indicators.Select(i => i with { WeightPercent = Weights[i.Indicator] }).ToList(),
        Tiers = Tiers.Select(t => new TierRuleDocument(t.Tier, t.Entry, t.Exit)).ToList(),
        // A quantity is only kept where the privilege has one, so ticking a box never invents a bad value.
        Privileges = Privileges.Where(p => p.Granted)
            .Select(p => new PrivilegeDocument(p.Tier, p.Kind, p.Kind == PrivilegeKind.DeferredPaymentDays ? p.Value : null)).ToList(),
        Freezes = FreezeMonths.Select(f => new FreezeRuleDocument(f.Key, f.Value)).ToList(),
        NewCustomerMonths = NewCustomerMonths,
        RecoveryMonths = RecoveryMonths,
        MaxTiersUpPerReview = MaxTiersUpPerReview,
        UnpaidBillTriggerMonths = UnpaidBillTriggerMonths,
    };
}
