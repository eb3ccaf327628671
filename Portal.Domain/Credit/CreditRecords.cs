using Portal.Domain.Common;

namespace Portal.Domain.Credit;

/// <summary>A staff member's manual change to one indicator's raw points; the reason is mandatory and shown to the customer.</summary>
public sealed class CreditAdjustment
{
    private CreditAdjustment()
    {
        Reason = string.Empty;
        ByUserId = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public CreditIndicator Indicator { get; private set; }
    public decimal Points { get; private set; }
    public DateOnly On { get; private set; }
    public string Reason { get; private set; }
    public string ByUserId { get; private set; }

    public static CreditAdjustment Make(Guid accountId, CreditIndicator indicator, decimal points, DateOnly on, string? reason, string byUserId)
    {
        if (accountId == Guid.Empty) throw new DomainException("Credit.AccountRequired", "An adjustment belongs to an account.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Credit.AdjustmentReasonRequired", "A manual adjustment needs a reason.");
        if (points == 0m || points is < -100m or > 100m)
            throw new DomainException("Credit.AdjustmentPointsInvalid", "Adjust by a non-zero number of points between −100 and 100.");
        if (string.IsNullOrWhiteSpace(byUserId)) throw new DomainException("Credit.StaffRequired", "An adjustment names the staff member.");
        return new CreditAdjustment
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            Indicator = indicator,
            Points = points,
            On = on,
            Reason = reason.Trim(),
            ByUserId = byUserId,
        };
    }

    public AdjustmentFact ToFact() => new(Id.ToString(), Indicator, Points, On, Reason);
}

/// <summary>A recorded supply-rule violation or theft (from the inspection department); feeds the risk indicator and freezes.</summary>
public sealed class Violation
{
    private Violation()
    {
        Note = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public ViolationKind Kind { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public string Note { get; private set; }

    /// <summary>The longest reason staff may give (it is read out to the customer when they ask why they are frozen).</summary>
    public const int MaxNoteLength = 500;

    /// <param name="recordedOn">The day staff record it; a violation cannot have happened after that day.</param>
    public static Violation Record(Guid accountId, ViolationKind kind, DateOnly occurredOn, string? note, DateOnly? recordedOn = null)
    {
        if (accountId == Guid.Empty) throw new DomainException("Credit.AccountRequired", "A violation belongs to an account.");
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("Credit.ViolationNoteRequired", "A violation needs a description.");
        if (note.Trim().Length > MaxNoteLength)
            throw new DomainException("Credit.ViolationNoteTooLong", $"A violation's description is at most {MaxNoteLength} characters.");
        if (recordedOn is { } day && occurredOn > day)
            throw new DomainException("Credit.ViolationInFuture", "A violation cannot be dated after the day it is recorded.");
        return new Violation { Id = Guid.NewGuid(), AccountId = accountId, Kind = kind, OccurredOn = occurredOn, Note = note.Trim() };
    }

    public ViolationFact ToFact() => new(Id.ToString(), Kind, OccurredOn);
}

/// <summary>One message between a customer and the account's customer manager (a thread is all messages of one account).</summary>
public sealed class ManagerMessage
{
    public const int MaxLength = 2000;

    private ManagerMessage()
    {
        Body = string.Empty;
        AuthorUserId = string.Empty;
    }

    public long Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string AuthorUserId { get; private set; }
    public bool FromCustomer { get; private set; }
    public string Body { get; private set; }
    public DateTime SentAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public static ManagerMessage Write(Guid accountId, string authorUserId, bool fromCustomer, string? body, DateTime sentAtUtc)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new DomainException("Credit.MessageEmpty", "Write a message first.");
        if (body.Trim().Length > MaxLength) throw new DomainException("Credit.MessageTooLong", $"A message is at most {MaxLength} characters.");
        return new ManagerMessage
        {
            AccountId = accountId,
            AuthorUserId = authorUserId,
            FromCustomer = fromCustomer,
            Body = body.Trim(),
            SentAtUtc = sentAtUtc,
        };
    }

    public void MarkRead(DateTime atUtc) => ReadAtUtc ??= atUtc;
}
