using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

/// <summary>The editor's form: everything it edits reaches the draft document, and the validator sees every mistake at once.</summary>
public class PolicyEditorModelTests
{
    private static PolicyEditorModel Model() => new(CreditPolicy.SeedDefault().CreateNextDraft(new DateOnly(2026, 11, 1)).ToDocument());

    private static IReadOnlyList<PolicyProblem> Validate(PolicyEditorModel model) =>
        CreditPolicyValidator.Validate(CreditPolicy.FromDocument(model.ToDocument()));

    [Fact]
    public void An_untouched_draft_is_valid_and_keeps_the_seeded_values()
    {
        var model = Model();
        Assert.Empty(Validate(model));
        Assert.Equal(100m, model.WeightTotal);
        var doc = model.ToDocument();
        Assert.Equal(new TierRuleDocument(CreditTier.A, 90m, 85m), doc.Tiers.Single(t => t.Tier == CreditTier.A));
        Assert.Equal(7, doc.Privileges.Single(p => p.Tier == CreditTier.B && p.Kind == PrivilegeKind.DeferredPaymentDays).Value);
    }

    [Fact]
    public void Weights_thresholds_rules_and_privileges_edited_in_the_form_reach_the_document()
    {
        var model = Model();
        model.Weights[CreditIndicator.PaymentTimeliness] = 35m;
        model.Weights[CreditIndicator.Contribution] = 15m;
        var a = model.Tiers.Single(t => t.Tier == CreditTier.A);
        a.Entry = 92m;
        a.Exit = 86m;
        model.RecoveryMonths = 9;
        model.FreezeMonths[FreezeTrigger.Theft] = 36;
        model.Privileges.Single(p => p.Tier == CreditTier.B && p.Kind == PrivilegeKind.BillFinancing).Granted = true;

        var doc = model.ToDocument();

        Assert.Empty(Validate(model));
        Assert.Equal(35m, doc.Indicators.Single(i => i.Indicator == CreditIndicator.PaymentTimeliness).WeightPercent);
        Assert.Equal(new TierRuleDocument(CreditTier.A, 92m, 86m), doc.Tiers.Single(t => t.Tier == CreditTier.A));
        Assert.Equal(9, doc.RecoveryMonths);
        Assert.Equal(36, doc.Freezes.Single(f => f.Trigger == FreezeTrigger.Theft).FreezeMonths);
        Assert.Contains(new PrivilegeDocument(CreditTier.B, PrivilegeKind.BillFinancing, null), doc.Privileges);
    }

    [Fact]
    public void Overlapping_and_unordered_thresholds_and_weights_off_100_are_all_listed_at_once()
    {
        var model = Model();
        model.Weights[CreditIndicator.Contribution] = 5m;                // total 95
        model.Tiers.Single(t => t.Tier == CreditTier.A).Exit = 60m;     // below B's entry (70): overlap
        var b = model.Tiers.Single(t => t.Tier == CreditTier.B);
        b.Entry = 95m;                                                  // above A's entry: unordered
        b.Exit = 96m;                                                   // exit not below entry
        model.Privileges.Single(p => p.Tier == CreditTier.A && p.Kind == PrivilegeKind.DeferredPaymentDays).Value = 0;

        var codes = Validate(model).Select(p => p.Code).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "Credit.WeightsNotHundred", "Credit.TierThresholdsUnordered", "Credit.ExitNotBelowEntry", "Credit.PrivilegeValueInvalid",
        }, codes);
    }

    [Fact]
    public void A_quantity_typed_for_a_privilege_without_one_is_dropped_so_ticking_a_box_never_invents_a_bad_value()
    {
        var model = Model();
        var row = model.Privileges.Single(p => p.Tier == CreditTier.C && p.Kind == PrivilegeKind.DepositWaiver);
        row.Granted = true;
        row.Value = 5;

        Assert.Contains(new PrivilegeDocument(CreditTier.C, PrivilegeKind.DepositWaiver, null), model.ToDocument().Privileges);
        Assert.Empty(Validate(model));
    }
}
