using Portal.Domain.Accounts;
using Portal.Domain.Safety;

namespace Portal.Domain.Credit;

/// <summary>
/// Everything the scorer reads about one account. Facts dated after the scoring date are ignored and
/// payments/fixes dated after it count as not yet made, so the same facts replay any past score.
/// </summary>
public sealed record CreditFacts(
    AccountProfile Profile,
    DateOnly AccountOpenedOn,
    IReadOnlyList<BillFact> Bills,
    IReadOnlyList<HazardFact> Hazards,
    IReadOnlyList<ViolationFact> Violations,
    decimal AnnualKwh,
    decimal AnnualRevenueYuan,
    IReadOnlyList<AdjustmentFact>? Adjustments = null)
{
    public IReadOnlyList<AdjustmentFact> ManualAdjustments => Adjustments ?? [];
}

/// <param name="BillId">Source reference shown in explanations and used to make ledger entries idempotent.</param>
/// <param name="PaidOn">Day the bill was settled in full; null while anything is outstanding.</param>
/// <param name="PaidAmount">Paid so far; lets the UI show partial payments against arrears.</param>
public sealed record BillFact(string BillId, DateOnly DueOn, decimal Amount, DateOnly? PaidOn, decimal PaidAmount)
{
    public bool IsSettledBy(DateOnly asOf) => PaidOn is { } paid && paid <= asOf;

    public bool WasPaidOnTime(DateOnly asOf) => PaidOn is { } paid && paid <= asOf && paid <= DueOn;

    /// <summary>Days past due as of <paramref name="asOf"/>: to the payment day if settled, else to today.</summary>
    public int DaysLate(DateOnly asOf)
    {
        var end = IsSettledBy(asOf) ? PaidOn!.Value : asOf;
        return Math.Max(0, end.DayNumber - DueOn.DayNumber);
    }

    public decimal Outstanding(DateOnly asOf) => IsSettledBy(asOf) ? 0m : Math.Max(0m, Amount - PaidAmount);
}

/// <param name="FixedOn">Verified fix date; an unverified customer report is not a fix for credit purposes.</param>
public sealed record HazardFact(string HazardId, HazardSeverity Severity, DateOnly FoundOn, DateOnly Deadline, DateOnly? FixedOn)
{
    public static HazardFact From(Hazard hazard) => new(hazard.Id.ToString(), hazard.Severity, hazard.FoundOn,
        hazard.RectificationDeadline, hazard.State == HazardState.Verified ? hazard.FixedOn : null);

    public bool IsFixedBy(DateOnly asOf) => FixedOn is { } f && f <= asOf;

    public bool WasFixedOnTime(DateOnly asOf) => IsFixedBy(asOf) && FixedOn <= Deadline;

    public int DaysPastDeadline(DateOnly asOf)
    {
        var end = IsFixedBy(asOf) ? FixedOn!.Value : asOf;
        return Math.Max(0, end.DayNumber - Deadline.DayNumber);
    }
}

public enum ViolationKind
{
    /// <summary>Violation of supply rules (违约用电), e.g. unauthorised capacity increase.</summary>
    SupplyRuleViolation = 0,
    /// <summary>Electricity theft (窃电).</summary>
    Theft = 1,
}

public sealed record ViolationFact(string ViolationId, ViolationKind Kind, DateOnly OccurredOn);

/// <summary>
/// Manual points added to (or taken from) one indicator's raw points, clamped to 0–100. Part of the facts so a
/// recomputed score keeps it; the ledger insists on a reason.
/// </summary>
public sealed record AdjustmentFact(string AdjustmentId, CreditIndicator Indicator, decimal Points, DateOnly On, string Reason);
