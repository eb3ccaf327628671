namespace Portal.Domain.Credit;

/// <summary>Something in the facts that deserves its own ledger line, identified by (kind, source) for idempotency.</summary>
public sealed record LedgerCandidate(PointEventKind Kind, string SourceReference, DateOnly On, string? ReasonText = null);

/// <param name="Added">Ledger lines written by this evaluation (empty on a re-run).</param>
/// <param name="Applied">False when the account was already reviewed that day (the decision is then informational).</param>
public sealed record CreditEvaluation(CreditScore Score, TierDecision Decision, bool Applied, IReadOnlyList<PointEvent> Added)
{
    public bool TierChanged => Applied && Decision.Changed;
}

/// <summary>
/// Brings one account's ledger up to a day: every fact not yet in the ledger becomes its own line (scored as of the
/// day it happened, so the customer sees what each payment or hazard did), then the day's review line, then the tier
/// review. Re-running on the same facts and day adds nothing and changes no tier, which makes the job idempotent.
/// </summary>
public static class CreditReview
{
    public static string ReviewSource(DateOnly on) => $"review:{on:yyyy-MM-dd}";

    public static string PolicySource(int version) => $"policy:v{version}";

    /// <summary>Facts that are events, oldest first (ties by kind then source, for determinism).</summary>
    public static IReadOnlyList<LedgerCandidate> Candidates(CreditFacts facts, DateOnly asOf)
    {
        var list = new List<LedgerCandidate>();
        foreach (var b in facts.Bills)
        {
            if (b.IsSettledBy(asOf))
                list.Add(new(b.WasPaidOnTime(asOf) ? PointEventKind.BillPaidOnTime : PointEventKind.LatePayment, $"bill:{b.BillId}", b.PaidOn!.Value));
            else if (b.DueOn < asOf)
                list.Add(new(PointEventKind.ArrearsOpened, $"bill:{b.BillId}:arrears", b.DueOn.AddDays(1)));
        }
        foreach (var h in facts.Hazards)
        {
            if (h.FoundOn <= asOf) list.Add(new(PointEventKind.HazardFound, $"hazard:{h.HazardId}", h.FoundOn));
            if (h.IsFixedBy(asOf))
                list.Add(new(h.WasFixedOnTime(asOf) ? PointEventKind.HazardFixedOnTime : PointEventKind.HazardFixedLate,
                    $"hazard:{h.HazardId}:fixed", h.FixedOn!.Value));
        }
        foreach (var v in facts.Violations.Where(v => v.OccurredOn <= asOf))
            list.Add(new(v.Kind == ViolationKind.Theft ? PointEventKind.Theft : PointEventKind.Violation, $"violation:{v.ViolationId}", v.OccurredOn));
        foreach (var a in facts.ManualAdjustments.Where(a => a.On <= asOf))
            list.Add(new(PointEventKind.ManualAdjustment, $"adjustment:{a.AdjustmentId}", a.On, a.Reason));
        return list.OrderBy(c => c.On).ThenBy(c => c.Kind).ThenBy(c => c.SourceReference, StringComparer.Ordinal).ToList();
    }

    /// <param name="closingKind"><see cref="PointEventKind.Review"/> for reviews, <see cref="PointEventKind.PolicyChanged"/> after a publish.</param>
    public static CreditEvaluation Evaluate(CreditPolicy policy, CreditAccountState state, CreditFacts facts, DateOnly asOf,
        PointEventKind closingKind = PointEventKind.Review, string? closingSource = null)
    {
        var added = new List<PointEvent>();
        if (state.Events.Count == 0)
            added.AddRange(state.Record(PointEventKind.Opening, asOf, $"opening:{asOf:yyyy-MM-dd}", CreditScorer.Score(policy, facts, asOf)));
        // Facts up to the opening day are inside the opening score; replaying them would only add empty lines.
        var openedOn = state.Events.Min(e => e.OccurredOn);
        var lastOn = state.Events.Max(e => e.OccurredOn);
        foreach (var c in Candidates(facts, asOf).Where(c => c.On > openedOn && !state.HasRecorded(c.Kind, c.SourceReference)))
        {
            // A fact that surfaces late (a fix dated last week, verified today) is scored no earlier than the ledger's
            // last line, or its delta would undo the effect of time that the ledger has already recorded.
            var on = c.On < lastOn ? lastOn : c.On;
            added.AddRange(state.Record(c.Kind, on, c.SourceReference, CreditScorer.Score(policy, facts, on), reasonText: c.ReasonText));
            lastOn = on;
        }
        var score = CreditScorer.Score(policy, facts, asOf);
        added.AddRange(state.Record(closingKind, asOf, closingSource ?? ReviewSource(asOf), score));
        var decision = TierPolicy.Review(policy, state, score, facts, asOf);
        // The same day again is ApplyReview's call (a no-op unless a new freeze appeared); an earlier day is informational.
        var applied = state.LastReviewedOn is not { } last || asOf >= last
            ? state.ApplyReview(decision, asOf, policy.Version)
            : false;
        return new CreditEvaluation(score, decision, applied, added);
    }

    /// <summary>
    /// Review days for an account with no ledger yet: the first of each month over the last <paramref name="months"/>
    /// months (not before the account opened), then <paramref name="asOf"/>. Gives a new ledger a real history.
    /// </summary>
    public static IReadOnlyList<DateOnly> CatchUpDays(DateOnly openedOn, DateOnly asOf, int months)
    {
        var days = new List<DateOnly>();
        var first = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - months);
        for (var d = first; d < asOf; d = d.AddMonths(1))
            if (d >= openedOn) days.Add(d);
        days.Add(asOf);
        return days;
    }
}
