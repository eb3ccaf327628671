namespace Portal.Domain.Credit;

public static class TierReasonCodes
{
    public const string Frozen = "Credit.Tier.Frozen";
    public const string NewCustomer = "Credit.Tier.NewCustomer";
    public const string Promoted = "Credit.Tier.Promoted";
    public const string Demoted = "Credit.Tier.Demoted";
    public const string Retained = "Credit.Tier.Retained";
    /// <summary>The score qualifies for a higher tier but the recovery window is not clean yet.</summary>
    public const string RecoveryPending = "Credit.Tier.RecoveryPending";
}

public static class BlockingCodes
{
    public const string Freeze = "Credit.Blocked.Freeze";
    public const string NewCustomerPeriod = "Credit.Blocked.NewCustomerPeriod";
    /// <summary>A late payment or trigger inside the recovery window; ends on the given date if nothing new happens.</summary>
    public const string RecoveryWindow = "Credit.Blocked.RecoveryWindow";
    /// <summary>A past-due bill is unpaid; no end date can be promised until it is paid.</summary>
    public const string UnpaidBill = "Credit.Blocked.UnpaidBill";
}

/// <summary>What it takes to reach the next tier: points still needed, and whatever blocks promotion until when.</summary>
/// <param name="BlockedUntil">First day the block no longer applies; null when not blocked or when the end is unknown.</param>
public sealed record NextTierRequirement(CreditTier Target, decimal PointsNeeded, string? BlockingCode, DateOnly? BlockedUntil);

/// <param name="FrozenUntil">First day promotion is possible again (exclusive end of the freeze); null when not frozen.</param>
/// <param name="FreezeCauses">Active triggers, oldest first.</param>
/// <param name="Next">Null at the top tier.</param>
public sealed record TierDecision(
    CreditTier PreviousTier,
    CreditTier NewTier,
    string ReasonCode,
    decimal Score,
    DateOnly? FrozenUntil,
    IReadOnlyList<FreezeCause> FreezeCauses,
    NextTierRequirement? Next)
{
    public bool Changed => PreviousTier != NewTier;
}

/// <summary>
/// The periodic tier review. Order of rules:
/// 1. An active freeze trigger puts the account in the floor tier (C) until the latest freeze ends.
/// 2. During the new-customer period the tier is the policy's start tier (B), whatever the score.
/// 3. Otherwise hysteresis: keep the tier while score ≥ its exit; below it, drop to the highest lower tier whose
///    exit the score still meets (a fall from A at 67 lands in B, as a B member at 67 would stay in B).
///    Promote when the score reaches a higher tier's entry, at most <see cref="CreditPolicy.MaxTiersUpPerReview"/>
///    tiers per review; leaving the floor also needs a clean recovery window.
/// Recovery reading (DOMAIN.md "recovery after 6 months of on-time payment with no new violation"): it does NOT cut a
/// freeze short — theft would otherwise cost 6 months, not 2 years. It gates leaving C: every bill due in the last
/// <see cref="CreditPolicy.RecoveryMonths"/> months paid on time, no past-due bill unpaid, and no freeze trigger in that
/// window. A customer who behaved through the freeze's last 6 months is promoted at the first review after it ends.
/// </summary>
public static class TierPolicy
{
    public static TierDecision Review(CreditPolicy policy, CreditAccountState state, CreditScore score, CreditFacts facts, DateOnly asOf)
    {
        var current = state.CurrentTier;
        var total = score.Total;
        var tiers = policy.TiersBestFirst();
        if (tiers.Count == 0) throw new Common.DomainException("Credit.NoTiers", "The policy defines no tiers.");
        var floor = tiers[^1].Tier;

        var active = FreezeTriggers.Active(policy, facts, asOf);
        if (active.Count > 0)
        {
            var until = active.Max(c => c.FrozenUntil);
            return new TierDecision(current, floor, TierReasonCodes.Frozen, total, until, active,
                Requirement(policy, floor, total, BlockingCodes.Freeze, until));
        }

        var newCustomerEnds = facts.AccountOpenedOn.AddMonths(policy.NewCustomerMonths);
        if (asOf < newCustomerEnds && policy.RuleFor(policy.NewCustomerTier) is not null)
        {
            var start = policy.NewCustomerTier;
            return new TierDecision(current, start, TierReasonCodes.NewCustomer, total, null, [],
                Requirement(policy, start, total, BlockingCodes.NewCustomerPeriod, newCustomerEnds));
        }

        // A tier the policy no longer defines (changed policy) is treated as the floor, then re-earned.
        var currentRule = policy.RuleFor(current) ?? tiers[^1];
        current = currentRule.Tier;
        var recovery = RecoveryBlock(policy, facts, asOf);

        CreditTier next;
        string reason;
        if (total < currentRule.ExitBelow)
        {
            next = tiers.First(t => t.Tier < current && total >= t.ExitBelow).Tier;
            reason = TierReasonCodes.Demoted;
        }
        else
        {
            var qualifies = tiers.First(t => total >= t.EntryAtLeast).Tier;
            if (qualifies <= current)
            {
                next = current;
                reason = TierReasonCodes.Retained;
            }
            else if (current == floor && recovery is not null)
            {
                next = current;
                reason = TierReasonCodes.RecoveryPending;
            }
            else
            {
                var steps = Math.Min(policy.MaxTiersUpPerReview, tiers.Count(t => t.Tier > current && t.Tier <= qualifies));
                next = tiers.Where(t => t.Tier > current).OrderBy(t => t.Tier).ElementAt(steps - 1).Tier;
                reason = TierReasonCodes.Promoted;
            }
        }

        var block = next == floor ? recovery : null;
        return new TierDecision(state.CurrentTier, next, reason, total, null, [],
            Requirement(policy, next, total, block?.Code, block?.Until));
    }

    /// <summary>Tier by score alone (no hysteresis, no history): for migrating existing accounts and for display.</summary>
    public static CreditTier TierForScore(CreditPolicy policy, decimal score) =>
        policy.TiersBestFirst().First(t => score >= t.EntryAtLeast).Tier;

    private static NextTierRequirement? Requirement(CreditPolicy policy, CreditTier tier, decimal score, string? blocking, DateOnly? until)
    {
        var target = policy.TierRules.Where(t => t.Tier > tier).OrderBy(t => t.Tier).FirstOrDefault();
        if (target is null) return null;
        return new NextTierRequirement(target.Tier, Math.Max(0m, target.EntryAtLeast - score), blocking, until);
    }

    private sealed record Block(string Code, DateOnly? Until);

    private static Block? RecoveryBlock(CreditPolicy policy, CreditFacts facts, DateOnly asOf)
    {
        var months = policy.RecoveryMonths;
        if (facts.Bills.Any(b => b.DueOn < asOf && !b.IsSettledBy(asOf)))
            return new Block(BlockingCodes.UnpaidBill, null);

        var lateDue = facts.Bills.Where(b => FreezeTriggers.InWindow(b.DueOn, asOf, months) && !b.WasPaidOnTime(asOf) && b.DueOn < asOf)
            .Select(b => b.DueOn);
        var triggered = FreezeTriggers.All(policy, facts, asOf)
            .Where(c => FreezeTriggers.InWindow(c.TriggeredOn, asOf, months)).Select(c => c.TriggeredOn);
        var dirty = lateDue.Concat(triggered).ToList();
        return dirty.Count == 0 ? null : new Block(BlockingCodes.RecoveryWindow, dirty.Max().AddMonths(months));
    }
}
