namespace Portal.Domain.Credit;

public enum PointEventKind
{
    BillPaidOnTime = 0,
    LatePayment = 1,
    ArrearsOpened = 2,
    HazardFound = 3,
    HazardFixedOnTime = 4,
    HazardFixedLate = 5,
    Violation = 6,
    Theft = 7,
    ManualAdjustment = 8,
    PolicyChanged = 9,
    /// <summary>Periodic re-score: picks up changes from time passing (old events leaving a lookback window).</summary>
    Review = 10,
    /// <summary>The score when the ledger was opened; facts before that day are summed in it rather than replayed one by one.</summary>
    Opening = 11,
}

/// <summary>
/// One immutable line of the credit ledger: what happened, and how it moved one indicator's weighted points.
/// An event that moves several indicators is several lines sharing kind and source; an event that moves
/// nothing is one line with delta 0 and no indicator, so the customer still sees it was counted.
/// </summary>
public sealed class PointEvent
{
    private PointEvent()
    {
        ReasonCode = string.Empty;
        SourceReference = string.Empty;
    }

    internal PointEvent(Guid accountId, DateOnly occurredOn, PointEventKind kind, decimal pointsDelta,
        CreditIndicator? indicator, string reasonCode, string? reasonText, string sourceReference, decimal scoreAfter, int policyVersion)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        OccurredOn = occurredOn;
        Kind = kind;
        PointsDelta = pointsDelta;
        Indicator = indicator;
        ReasonCode = reasonCode;
        ReasonText = reasonText;
        SourceReference = sourceReference;
        ScoreAfter = scoreAfter;
        PolicyVersion = policyVersion;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public PointEventKind Kind { get; private set; }

    /// <summary>Change in the indicator's weighted points (two decimals); the ledger's deltas sum to the score.</summary>
    public decimal PointsDelta { get; private set; }

    public CreditIndicator? Indicator { get; private set; }

    /// <summary>Localization key ("Credit.Event.LatePayment" by default).</summary>
    public string ReasonCode { get; private set; }

    /// <summary>Free text from staff (required for manual adjustments); never shown untranslated as a code.</summary>
    public string? ReasonText { get; private set; }

    /// <summary>The bill, hazard, violation, adjustment or review the event comes from ("bill:2025-06:123").</summary>
    public string SourceReference { get; private set; }

    public decimal ScoreAfter { get; private set; }
    public int PolicyVersion { get; private set; }
}
