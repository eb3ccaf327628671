using Portal.Domain.Common;

namespace Portal.Domain.Credit;

/// <summary>One tier change with its reason, kept forever for the customer's history and disputes.</summary>
public sealed class TierChange
{
    private TierChange()
    {
        ReasonCode = string.Empty;
    }

    internal TierChange(CreditTier from, CreditTier to, DateOnly changedOn, string reasonCode, decimal score, int policyVersion)
    {
        Id = Guid.NewGuid();
        From = from;
        To = to;
        ChangedOn = changedOn;
        ReasonCode = reasonCode;
        Score = score;
        PolicyVersion = policyVersion;
    }

    public Guid Id { get; private set; }
    public CreditTier From { get; private set; }
    public CreditTier To { get; private set; }
    public DateOnly ChangedOn { get; private set; }
    public string ReasonCode { get; private set; }
    public decimal Score { get; private set; }
    public int PolicyVersion { get; private set; }
}

/// <summary>
/// The credit ledger of one account: current tier, score and freeze, the point events that explain the score,
/// and the tier history. Invariant: the sum of all event deltas equals <see cref="CurrentScore"/>, and per
/// indicator equals that indicator's weighted points in the last recorded score.
/// </summary>
public sealed class CreditAccountState
{
    private readonly List<PointEvent> _events = [];
    private readonly List<TierChange> _tierHistory = [];

    private CreditAccountState() { }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public CreditTier CurrentTier { get; private set; }
    public decimal CurrentScore { get; private set; }

    /// <summary>First day promotion is possible again; null when not frozen at the last review.</summary>
    public DateOnly? FrozenUntil { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }
    public int? PolicyVersion { get; private set; }

    /// <summary>Optimistic concurrency token managed by the app (SQLite has no rowversion).</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<PointEvent> Events => _events;
    public IReadOnlyList<TierChange> TierHistory => _tierHistory;

    /// <summary>Opens the ledger at the policy's start tier with score 0; the first <see cref="Record"/> sets the score.</summary>
    public static CreditAccountState Open(Guid accountId, CreditTier startTier)
    {
        if (accountId == Guid.Empty)
            throw new DomainException("Credit.AccountRequired", "A credit ledger belongs to an account.");
        return new CreditAccountState
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            CurrentTier = startTier,
            ConcurrencyStamp = Guid.NewGuid(),
        };
    }

    public bool HasRecorded(PointEventKind kind, string sourceReference) =>
        _events.Any(e => e.Kind == kind && e.SourceReference == sourceReference);

    /// <summary>
    /// Records that <paramref name="kind"/> happened (from <paramref name="sourceReference"/>) and the score
    /// recomputed after it. Deltas are derived per indicator from the last recorded score, so the ledger always
    /// explains the score. Recording the same kind and source again does nothing and returns no lines.
    /// </summary>
    public IReadOnlyList<PointEvent> Record(PointEventKind kind, DateOnly occurredOn, string sourceReference,
        CreditScore scoreAfter, string? reasonCode = null, string? reasonText = null)
    {
        if (string.IsNullOrWhiteSpace(sourceReference))
            throw new DomainException("Credit.SourceRequired", "A point event needs a source reference.");
        if (kind == PointEventKind.ManualAdjustment && string.IsNullOrWhiteSpace(reasonText))
            throw new DomainException("Credit.AdjustmentReasonRequired", "A manual adjustment needs a reason.");
        if (HasRecorded(kind, sourceReference)) return [];

        var code = string.IsNullOrWhiteSpace(reasonCode) ? $"Credit.Event.{kind}" : reasonCode;
        var text = string.IsNullOrWhiteSpace(reasonText) ? null : reasonText.Trim();
        var added = new List<PointEvent>();
        foreach (var indicator in scoreAfter.Indicators)
        {
            var delta = indicator.WeightedPoints - PointsOf(indicator.Indicator);
            if (delta != 0m)
                added.Add(new PointEvent(AccountId, occurredOn, kind, delta, indicator.Indicator, code, text,
                    sourceReference, scoreAfter.Total, scoreAfter.PolicyVersion));
        }
        // Indicators a new policy version dropped must be zeroed too, or the ledger would stop summing to the score.
        foreach (var orphan in _events.Where(e => e.Indicator is { } i && scoreAfter.Indicators.All(s => s.Indicator != i))
                     .GroupBy(e => e.Indicator!.Value).Where(g => g.Sum(e => e.PointsDelta) != 0m))
            added.Add(new PointEvent(AccountId, occurredOn, kind, -orphan.Sum(e => e.PointsDelta), orphan.Key, code, text,
                sourceReference, scoreAfter.Total, scoreAfter.PolicyVersion));

        if (added.Count == 0)
            added.Add(new PointEvent(AccountId, occurredOn, kind, 0m, null, code, text, sourceReference,
                scoreAfter.Total, scoreAfter.PolicyVersion));

        _events.AddRange(added);
        CurrentScore = scoreAfter.Total;
        ConcurrencyStamp = Guid.NewGuid();
        return added;
    }

    /// <summary>Current weighted points of one indicator, as the ledger explains them.</summary>
    public decimal PointsOf(CreditIndicator indicator) =>
        _events.Where(e => e.Indicator == indicator).Sum(e => e.PointsDelta);

    private bool Tightens(TierDecision decision) =>
        decision.FrozenUntil is { } until && (FrozenUntil is not { } current || until > current);

    /// <summary>
    /// Applies a review's decision. Re-applying the same review day is a no-op; an earlier day than the last
    /// review is refused because tier history must stay in order.
    /// </summary>
    public bool ApplyReview(TierDecision decision, DateOnly reviewedOn, int policyVersion)
    {
        if (LastReviewedOn is { } last)
        {
            if (reviewedOn < last)
                throw new DomainException("Credit.ReviewOutOfOrder", $"Review of {reviewedOn} is before the last review ({last}).");
            // One review a day, except that a freeze found later that day (theft recorded by staff) applies at once:
            // a frozen customer must not keep a privilege until tomorrow. Re-applying it is still a no-op.
            if (reviewedOn == last && !Tightens(decision)) return false;
        }
        if (decision.PreviousTier != CurrentTier)
            throw new DomainException("Credit.StaleDecision",
                $"The decision was made for tier {decision.PreviousTier}, but the account is now {CurrentTier}.");

        if (decision.NewTier != CurrentTier)
            _tierHistory.Add(new TierChange(CurrentTier, decision.NewTier, reviewedOn, decision.ReasonCode, decision.Score, policyVersion));
        CurrentTier = decision.NewTier;
        FrozenUntil = decision.FrozenUntil;
        LastReviewedOn = reviewedOn;
        PolicyVersion = policyVersion;
        ConcurrencyStamp = Guid.NewGuid();
        return true;
    }
}
