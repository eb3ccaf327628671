using Portal.Domain.Complaints;

namespace Portal.Features.Complaints;

/// <summary>An error for the UI: <see cref="Code"/> is a resource key (the domain's stable codes), <see cref="Subject"/> e.g. a file name.</summary>
public sealed record ComplaintError(string Code, string? Subject = null);

/// <summary>Outcome of a complaint action. A conflict means someone else changed the complaint first; nothing was saved.</summary>
public sealed record ActionResult(bool Ok, IReadOnlyList<ComplaintError> Errors)
{
    public static ActionResult Success { get; } = new(true, []);
    public static ActionResult Fail(string code, string? subject = null) => new(false, [new ComplaintError(code, subject)]);
    public static ActionResult Conflict { get; } = Fail("Complaints.Conflict");
    public static ActionResult NotFound { get; } = Fail("Complaints.NotFound");
}

/// <summary>An uploaded file as the form received it (≤ 5 MB, read into memory by the page).</summary>
public sealed record AttachmentUpload(string FileName, string ContentType, long DeclaredSize, byte[] Content);

public sealed record ComplaintForm(
    Guid AccountId,
    ComplaintCategory Category,
    string Description,
    ContactPreference ContactPreference,
    string IdempotencyKey,
    Guid? RelatedActivityId = null,
    Guid? RelatedBillId = null);

public sealed record SubmitResult(Guid? ComplaintId, string? TrackingNumber, bool WasDuplicate, IReadOnlyList<ComplaintError> Errors)
{
    public bool Ok => ComplaintId is not null;
}

public sealed record ComplaintListItem(Guid Id, string TrackingNumber, ComplaintCategory Category, ComplaintStatus Status,
    string AccountNumber, DateTime SubmittedAt, DateTime FirstContactDueAt, DateTime? ContactedAt, DateTime AnswerDueAt, DateTime? RepliedAt);

public sealed record TimelineItem(Guid Id, TimelineEntryKind Kind, DateTime At, string? CustomerText, string? InternalNote,
    string? FromQueue, string? ToQueue, string? ActorId, bool VisibleToCustomer);

public sealed record AttachmentItem(Guid Id, string FileName, string ContentType, long SizeBytes);

/// <summary>A commitment as the customer sees it: due time, and when it was met (or not yet).</summary>
public sealed record SlaClock(DateTime DueAt, DateTime? MetAt)
{
    public bool IsMet => MetAt is { } m && m <= DueAt;
    public bool IsLate(DateTime now) => MetAt is { } m ? m > DueAt : now > DueAt;
}

public sealed record ComplaintDetail(
    Guid Id, string TrackingNumber, Guid AccountId, string AccountNumber, ComplaintCategory Category, ComplaintStatus Status,
    string Description, ContactPreference ContactPreference, DateTime SubmittedAt, SlaClock Contact, SlaClock Answer,
    DateTime? ResolvedAt, DateTime? ReopenDeadline, string? ResolutionText, int? HandlingScore, string? HandlingComment,
    IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<AttachmentItem> Attachments, int Version,
    Guid? RelatedActivityId, Guid? RelatedBillId)
{
    public bool CanConfirm => Status == ComplaintStatus.Resolved;

    public bool CanReopen(DateTime now) => Status is ComplaintStatus.Resolved or ComplaintStatus.Closed && ReopenDeadline is { } d && now <= d;

    public bool CanRate => Status is ComplaintStatus.Resolved or ComplaintStatus.Closed && HandlingScore is null;
}

/// <summary>What the new-complaint form offers: the customer's accounts, recent activities and bills.</summary>
public sealed record ComplaintFormOptions(IReadOnlyList<AccountOption> Accounts, IReadOnlyList<ActivityOption> Activities, IReadOnlyList<BillOption> Bills);

public sealed record AccountOption(Guid Id, string AccountNumber, string Region);

public sealed record ActivityOption(Guid Id, Guid AccountId, Portal.Domain.Service.ServiceActivityType Type, DateTime CompletedAtUtc, string Summary);

public sealed record BillOption(Guid Id, Guid AccountId, DateOnly PeriodStart, decimal Amount);
