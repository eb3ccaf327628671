using Portal.Domain.Safety;

namespace Portal.Domain.Credit;

/// <summary>A freeze-causing event and the freeze it imposes: promotion is blocked until <see cref="FrozenUntil"/> (exclusive).</summary>
public sealed record FreezeCause(FreezeTrigger Trigger, string SourceReference, DateOnly TriggeredOn, DateOnly FrozenUntil);

public static class FreezeTriggers
{
    /// <summary>Every trigger that has happened by <paramref name="asOf"/>, active or not, oldest first.</summary>
    public static IReadOnlyList<FreezeCause> All(CreditPolicy policy, CreditFacts facts, DateOnly asOf)
    {
        var causes = new List<FreezeCause>();

        void Add(FreezeTrigger trigger, string source, DateOnly on)
        {
            if (on > asOf || policy.FreezeMonthsFor(trigger) is not { } months) return;
            causes.Add(new FreezeCause(trigger, source, on, on.AddMonths(months)));
        }

        foreach (var v in facts.Violations)
            Add(v.Kind == ViolationKind.Theft ? FreezeTrigger.Theft : FreezeTrigger.SupplyRuleViolation, v.ViolationId, v.OccurredOn);

        // Overdue from the day after the deadline: fixing on the deadline day is on time.
        foreach (var h in facts.Hazards.Where(h => h.Severity == HazardSeverity.Major))
        {
            var overdueFrom = h.Deadline.AddDays(1);
            if (!(h.FixedOn is { } f && f <= h.Deadline))
                Add(FreezeTrigger.MajorHazardOverdue, h.HazardId, overdueFrom);
        }

        // "Unpaid for 3 months": still unpaid on the day three months after the due date.
        foreach (var b in facts.Bills)
        {
            var trigger = b.DueOn.AddMonths(policy.UnpaidBillTriggerMonths);
            if (!(b.PaidOn is { } p && p < trigger))
                Add(FreezeTrigger.BillUnpaid, b.BillId, trigger);
        }

        return causes.OrderBy(c => c.TriggeredOn).ThenBy(c => c.SourceReference, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<FreezeCause> Active(CreditPolicy policy, CreditFacts facts, DateOnly asOf) =>
        All(policy, facts, asOf).Where(c => c.FrozenUntil > asOf).ToList();

    /// <summary>Within the last <paramref name="months"/> months: on or before asOf and less than that many months ago.</summary>
    internal static bool InWindow(DateOnly date, DateOnly asOf, int months) => date <= asOf && date.AddMonths(months) > asOf;
}
