namespace Portal.Domain.Credit;

/// <summary>
/// One problem with a policy. <see cref="Code"/> is the localization key; <see cref="Target"/> names the item
/// ("PaymentTimeliness", "PaymentTimeliness/MaxDaysLate", "A", "A/DeferredPaymentDays") so the editor can
/// highlight it.
/// </summary>
public sealed record PolicyProblem(string Code, string Target, string Message);

/// <summary>Lists every problem at once (not the first), so an admin fixes a draft in one pass.</summary>
public static class CreditPolicyValidator
{
    public static IReadOnlyList<PolicyProblem> Validate(CreditPolicy policy)
    {
        var problems = new List<PolicyProblem>();
        ValidateIndicators(policy, problems);
        ValidateTiers(policy, problems);
        ValidatePrivileges(policy, problems);
        ValidateRules(policy, problems);
        return problems;
    }

    private static void ValidateIndicators(CreditPolicy policy, List<PolicyProblem> problems)
    {
        var total = policy.Indicators.Sum(i => i.WeightPercent);
        if (total != 100m)
            problems.Add(new("Credit.WeightsNotHundred", "Indicators", $"Indicator weights sum to {total}, not 100."));

        foreach (var indicator in policy.Indicators)
        {
            var name = indicator.Indicator.ToString();
            if (indicator.WeightPercent < 0m)
                problems.Add(new("Credit.WeightNegative", name, $"{name} has a negative weight."));
            if (indicator.WeightPercent == 0m && indicator.Factors.Count == 0)
                continue;
            if (indicator.Factors.Count == 0)
            {
                problems.Add(new("Credit.IndicatorHasNoFactors", name, $"{name} has weight but nothing to score."));
                continue;
            }

            var shares = indicator.Factors.Sum(f => f.SharePercent);
            if (shares != 100m)
                problems.Add(new("Credit.FactorSharesNotHundred", name, $"{name} factor shares sum to {shares}, not 100."));

            foreach (var factor in indicator.Factors)
                ValidateFactor($"{name}/{factor.Metric}", factor, problems);
        }
    }

    private static void ValidateFactor(string target, ScoringFactor factor, List<PolicyProblem> problems)
    {
        if (factor.SharePercent <= 0m)
            problems.Add(new("Credit.FactorShareInvalid", target, "A factor's share must be positive."));
        if (CreditMetrics.IsWindowed(factor.Metric) && factor.LookbackMonths <= 0)
            problems.Add(new("Credit.LookbackInvalid", target, "A windowed metric needs a lookback of at least one month."));

        var bands = factor.Bands;
        if (bands.Count == 0)
        {
            problems.Add(new("Credit.BandsEmpty", target, "A factor needs at least one band."));
            return;
        }
        for (var i = 1; i < bands.Count; i++)
        {
            if (bands[i].AtLeast <= bands[i - 1].AtLeast)
            {
                problems.Add(new("Credit.BandsUnordered", target, "Band starts must be strictly ascending."));
                break;
            }
        }
        // Every metric is ≥ 0, so a table starting above 0 would leave low values unscored.
        if (bands.Min(b => b.AtLeast) > 0m)
            problems.Add(new("Credit.BandsDoNotStartAtZero", target, "The first band must start at 0."));
        if (bands.Any(b => b.Points is < 0m or > 100m))
            problems.Add(new("Credit.BandPointsOutOfRange", target, "Band points must be between 0 and 100."));
    }

    private static void ValidateTiers(CreditPolicy policy, List<PolicyProblem> problems)
    {
        foreach (var dup in policy.TierRules.GroupBy(t => t.Tier).Where(g => g.Count() > 1))
            problems.Add(new("Credit.DuplicateTier", dup.Key.ToString(), $"Tier {dup.Key} is defined twice."));

        var tiers = policy.TierRules.GroupBy(t => t.Tier).Select(g => g.First()).OrderByDescending(t => t.Tier).ToList();
        if (tiers.Count == 0)
        {
            problems.Add(new("Credit.NoTiers", "Tiers", "The policy defines no tiers."));
            return;
        }

        var floor = tiers[^1];
        if (floor.EntryAtLeast != 0m || floor.ExitBelow != 0m)
            problems.Add(new("Credit.NoFloorTier", floor.Tier.ToString(),
                "The lowest tier must have entry 0 and exit 0 so every score has a tier."));

        foreach (var tier in tiers)
        {
            var name = tier.Tier.ToString();
            if (tier.EntryAtLeast is < 0m or > 100m || tier.ExitBelow is < 0m or > 100m)
                problems.Add(new("Credit.ThresholdOutOfRange", name, "Thresholds must be between 0 and 100."));
            if (tier != floor && tier.ExitBelow >= tier.EntryAtLeast)
                problems.Add(new("Credit.ExitNotBelowEntry", name,
                    $"Tier {name} exit ({tier.ExitBelow}) must be below its entry ({tier.EntryAtLeast})."));
        }

        for (var i = 0; i < tiers.Count - 1; i++)
        {
            var higher = tiers[i];
            var lower = tiers[i + 1];
            if (higher.EntryAtLeast <= lower.EntryAtLeast)
                problems.Add(new("Credit.TierThresholdsUnordered", higher.Tier.ToString(),
                    $"Tier {higher.Tier} entry must be above tier {lower.Tier} entry."));
            // A higher tier kept below the lower tier's entry would let its members hold it on scores that
            // would not even admit a newcomer to the tier beneath.
            else if (higher.ExitBelow < lower.EntryAtLeast)
                problems.Add(new("Credit.TierBandsOverlap", higher.Tier.ToString(),
                    $"Tier {higher.Tier} exit ({higher.ExitBelow}) is below tier {lower.Tier} entry ({lower.EntryAtLeast})."));
        }
    }

    private static void ValidatePrivileges(CreditPolicy policy, List<PolicyProblem> problems)
    {
        var tiers = policy.TierRules.Select(t => t.Tier).ToHashSet();
        foreach (var privilege in policy.Privileges)
        {
            var target = $"{privilege.Tier}/{privilege.Kind}";
            if (!tiers.Contains(privilege.Tier))
                problems.Add(new("Credit.PrivilegeWithoutTier", target,
                    $"Privilege {privilege.Kind} references tier {privilege.Tier}, which the policy does not define."));
            var needsValue = privilege.Kind == PrivilegeKind.DeferredPaymentDays;
            if (needsValue && privilege.Value is null or <= 0)
                problems.Add(new("Credit.PrivilegeValueInvalid", target, "Deferred payment needs a positive number of days."));
            if (!needsValue && privilege.Value is not null)
                problems.Add(new("Credit.PrivilegeValueInvalid", target, $"{privilege.Kind} takes no value."));
        }
    }

    private static void ValidateRules(CreditPolicy policy, List<PolicyProblem> problems)
    {
        if (policy.RuleFor(policy.NewCustomerTier) is null)
            problems.Add(new("Credit.NewCustomerTierUnknown", "NewCustomer",
                $"New customers start in tier {policy.NewCustomerTier}, which the policy does not define."));
        if (policy.NewCustomerMonths < 0)
            problems.Add(new("Credit.NewCustomerMonthsInvalid", "NewCustomer", "The new-customer period cannot be negative."));
        if (policy.MaxTiersUpPerReview < 1)
            problems.Add(new("Credit.MaxTiersUpInvalid", "Promotion", "At least one tier up per review must be allowed."));
        if (policy.RecoveryMonths < 0)
            problems.Add(new("Credit.RecoveryMonthsInvalid", "Promotion", "The recovery period cannot be negative."));
        if (policy.UnpaidBillTriggerMonths < 1)
            problems.Add(new("Credit.UnpaidBillMonthsInvalid", "Freeze", "An unpaid bill triggers after at least one month."));
        foreach (var rule in policy.FreezeRules.Where(r => r.FreezeMonths <= 0))
            problems.Add(new("Credit.FreezeMonthsInvalid", $"Freeze/{rule.Trigger}", "A freeze lasts at least one month."));
    }
}
