using Portal.Domain.Common;

namespace Portal.Domain.Credit;

/// <summary>
/// A versioned, admin-editable credit scheme: indicator weights, scoring bands, tier thresholds, freeze and
/// recovery rules, privileges. Only a Draft can be edited; publishing validates it. Published versions are
/// immutable so a past score can always be explained by the version that produced it.
/// </summary>
public sealed partial class CreditPolicy
{
    private readonly List<IndicatorDefinition> _indicators = [];
    private readonly List<TierRule> _tierRules = [];
    private readonly List<TierPrivilege> _privileges = [];
    private readonly List<FreezeRule> _freezeRules = [];

    private CreditPolicy() { }

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public PolicyStatus Status { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly? PublishedOn { get; private set; }

    public CreditTier NewCustomerTier { get; private set; }

    /// <summary>Months after the account is opened during which the tier is <see cref="NewCustomerTier"/>.</summary>
    public int NewCustomerMonths { get; private set; }

    public int MaxTiersUpPerReview { get; private set; }

    /// <summary>Clean months (all bills paid on time, no trigger) required before leaving the floor tier.</summary>
    public int RecoveryMonths { get; private set; }

    /// <summary>A bill still unpaid this many months after its due date triggers a freeze.</summary>
    public int UnpaidBillTriggerMonths { get; private set; }

    public IReadOnlyList<IndicatorDefinition> Indicators => _indicators;
    public IReadOnlyList<TierRule> TierRules => _tierRules;
    public IReadOnlyList<TierPrivilege> Privileges => _privileges;
    public IReadOnlyList<FreezeRule> FreezeRules => _freezeRules;

    public bool IsEditable => Status == PolicyStatus.Draft;

    public static CreditPolicy CreateDraft(int version, DateOnly effectiveFrom)
    {
        if (version < 1) throw new DomainException("Credit.VersionInvalid", "Policy versions start at 1.");
        var policy = new CreditPolicy
        {
            Id = Guid.NewGuid(),
            Version = version,
            Status = PolicyStatus.Draft,
            EffectiveFrom = effectiveFrom,
            NewCustomerTier = CreditTier.B,
            NewCustomerMonths = 12,
            MaxTiersUpPerReview = 1,
            RecoveryMonths = 6,
            UnpaidBillTriggerMonths = 3,
        };
        foreach (var indicator in Enum.GetValues<CreditIndicator>())
            policy._indicators.Add(new IndicatorDefinition(indicator, 0m));
        return policy;
    }

    /// <summary>A new Draft (version + 1) copying every rule of this one, for admins to edit.</summary>
    public CreditPolicy CreateNextDraft(DateOnly effectiveFrom)
    {
        var draft = new CreditPolicy
        {
            Id = Guid.NewGuid(),
            Version = Version + 1,
            Status = PolicyStatus.Draft,
            EffectiveFrom = effectiveFrom,
            NewCustomerTier = NewCustomerTier,
            NewCustomerMonths = NewCustomerMonths,
            MaxTiersUpPerReview = MaxTiersUpPerReview,
            RecoveryMonths = RecoveryMonths,
            UnpaidBillTriggerMonths = UnpaidBillTriggerMonths,
        };
        draft._indicators.AddRange(_indicators.Select(i => i.Copy()));
        draft._tierRules.AddRange(_tierRules.Select(t => new TierRule(t.Tier, t.EntryAtLeast, t.ExitBelow)));
        draft._privileges.AddRange(_privileges.Select(p => new TierPrivilege(p.Tier, p.Kind, p.Value)));
        draft._freezeRules.AddRange(_freezeRules.Select(f => new FreezeRule(f.Trigger, f.FreezeMonths)));
        return draft;
    }

    public IndicatorDefinition Indicator(CreditIndicator indicator) => _indicators.Single(i => i.Indicator == indicator);

    public TierRule? RuleFor(CreditTier tier) => _tierRules.FirstOrDefault(t => t.Tier == tier);

    public IEnumerable<TierPrivilege> PrivilegesOf(CreditTier tier) => _privileges.Where(p => p.Tier == tier);

    public int? FreezeMonthsFor(FreezeTrigger trigger) =>
        _freezeRules.FirstOrDefault(f => f.Trigger == trigger)?.FreezeMonths;

    // ---- editing (Draft only); values are checked as a whole by CreditPolicyValidator on Publish ----

    public void SetIndicatorWeight(CreditIndicator indicator, decimal weightPercent)
    {
        EnsureDraft();
        Indicator(indicator).SetWeight(weightPercent);
    }

    public void SetFactor(CreditIndicator indicator, CreditMetric metric, decimal sharePercent, int lookbackMonths,
        IEnumerable<ScoreBand> bands)
    {
        EnsureDraft();
        Indicator(indicator).SetFactor(new ScoringFactor(metric, sharePercent, lookbackMonths, bands));
    }

    public void RemoveFactor(CreditIndicator indicator, CreditMetric metric)
    {
        EnsureDraft();
        Indicator(indicator).RemoveFactor(metric);
    }

    public void SetTierRule(CreditTier tier, decimal entryAtLeast, decimal exitBelow)
    {
        EnsureDraft();
        _tierRules.RemoveAll(t => t.Tier == tier);
        _tierRules.Add(new TierRule(tier, entryAtLeast, exitBelow));
        _tierRules.Sort((a, b) => b.Tier.CompareTo(a.Tier));
    }

    public void RemoveTierRule(CreditTier tier)
    {
        EnsureDraft();
        _tierRules.RemoveAll(t => t.Tier == tier);
    }

    public void GrantPrivilege(CreditTier tier, PrivilegeKind kind, int? value = null)
    {
        EnsureDraft();
        _privileges.RemoveAll(p => p.Tier == tier && p.Kind == kind);
        _privileges.Add(new TierPrivilege(tier, kind, value));
    }

    public void RevokePrivilege(CreditTier tier, PrivilegeKind kind)
    {
        EnsureDraft();
        _privileges.RemoveAll(p => p.Tier == tier && p.Kind == kind);
    }

    public void SetFreezeRule(FreezeTrigger trigger, int freezeMonths)
    {
        EnsureDraft();
        _freezeRules.RemoveAll(f => f.Trigger == trigger);
        _freezeRules.Add(new FreezeRule(trigger, freezeMonths));
    }

    public void SetNewCustomerRule(CreditTier startTier, int months)
    {
        EnsureDraft();
        NewCustomerTier = startTier;
        NewCustomerMonths = months;
    }

    public void SetPromotionRules(int maxTiersUpPerReview, int recoveryMonths)
    {
        EnsureDraft();
        MaxTiersUpPerReview = maxTiersUpPerReview;
        RecoveryMonths = recoveryMonths;
    }

    public void SetUnpaidBillTriggerMonths(int months)
    {
        EnsureDraft();
        UnpaidBillTriggerMonths = months;
    }

    public void Publish(DateOnly publishedOn)
    {
        EnsureDraft();
        var problems = CreditPolicyValidator.Validate(this);
        if (problems.Count > 0)
            throw new DomainException("Credit.PolicyInvalid",
                "Policy has problems: " + string.Join(", ", problems.Select(p => p.Code).Distinct()));
        Status = PolicyStatus.Published;
        PublishedOn = publishedOn;
    }

    public void Retire()
    {
        if (Status != PolicyStatus.Published)
            throw new DomainException("Credit.PolicyNotPublished", "Only a published policy can be retired.");
        Status = PolicyStatus.Retired;
    }

    /// <summary>The published policy with the latest effective date on or before <paramref name="asOf"/>.</summary>
    public static CreditPolicy? InForce(IEnumerable<CreditPolicy> policies, DateOnly asOf) =>
        policies.Where(p => p.Status == PolicyStatus.Published && p.EffectiveFrom <= asOf)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
            .FirstOrDefault();

    /// <summary>Tiers from the best down (A, B, C), as configured.</summary>
    internal IReadOnlyList<TierRule> TiersBestFirst() => _tierRules.OrderByDescending(t => t.Tier).ToList();

    private void EnsureDraft()
    {
        if (Status != PolicyStatus.Draft)
            throw new DomainException("Credit.PolicyNotDraft",
                $"Policy version {Version} is {Status}; create a new draft to change it.");
    }
}
