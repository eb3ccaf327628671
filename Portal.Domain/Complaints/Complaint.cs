using Portal.Domain.Calendar;
using Portal.Domain.Common;

namespace Portal.Domain.Complaints;

/// <summary>
/// A customer complaint and its handling. Every change appends a timeline entry and increments
/// <see cref="Version"/> (the app-managed concurrency token). Times are utility local time (see
/// <see cref="WorkingCalendar"/>).
/// <para>"Dispatched" means claimed by a handler: routing to a queue is automatic and instant, so the
/// 15-minute commitment only means something if a person has taken the complaint.</para>
/// <para>SLA fields (<see cref="FirstContactDueAt"/>, <see cref="AnswerDueAt"/>, <see cref="ContactedAt"/>,
/// <see cref="RepliedAt"/>) describe the current handling cycle; a reopen starts a new cycle.
/// <see cref="FirstContactAt"/> and <see cref="FirstResolvedAt"/> never reset and feed the analytics.</para>
/// </summary>
public sealed class Complaint
{
    public const int ReopenWindowDays = 14;
    public const int MaxTextLength = 2000;
    public const int MaxRatingCommentLength = 500;

    private readonly List<ComplaintTimelineEntry> _timeline = new();
    private readonly List<ComplaintAttachment> _attachments = new();
    private readonly List<string> _skills = new();

    private Complaint()
    {
        TrackingNumber = CustomerUserId = Description = IdempotencyKey = SlaProfileCode = "";
    }

    public Guid Id { get; private set; }
    public string TrackingNumber { get; private set; }
    public Guid AccountId { get; private set; }
    public string CustomerUserId { get; private set; }
    public Guid? RelatedActivityId { get; private set; }
    public Guid? RelatedBillId { get; private set; }
    public ComplaintCategory Category { get; private set; }
    public string Description { get; private set; }
    public ContactPreference ContactPreference { get; private set; }
    public string IdempotencyKey { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public ComplaintStatus Status { get; private set; }

    public string? QueueCode { get; private set; }
    public ComplaintPriority Priority { get; private set; }
    public IReadOnlyList<string> Skills => _skills;
    public string? RoutingRuleName { get; private set; }
    public bool IsRepeat { get; private set; }
    public bool IsEscalated { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedAt { get; private set; }

    public string SlaProfileCode { get; private set; }
    public int ContactWithinWorkingDays { get; private set; }
    public int AnswerWithinWorkingDays { get; private set; }
    public int? DispatchWithinMinutes { get; private set; }
    public DateTime? DispatchDueAt { get; private set; }
    public DateTime? DispatchedAt { get; private set; }
    public DateTime FirstContactDueAt { get; private set; }
    public DateTime AnswerDueAt { get; private set; }

    public DateTime? ContactedAt { get; private set; }
    public DateTime? RepliedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public DateTime? FirstContactAt { get; private set; }
    public DateTime? FirstResolvedAt { get; private set; }
    public string? ResolutionCode { get; private set; }
    public string? ResolutionText { get; private set; }
    public int ReopenCount { get; private set; }
    public int? HandlingScore { get; private set; }
    public string? HandlingComment { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ComplaintTimelineEntry> Timeline => _timeline;
    public IReadOnlyList<ComplaintAttachment> Attachments => _attachments;

    public bool IsOpen => Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed);

    /// <summary>
    /// Creates a complaint with the standard SLA clock running from <paramref name="now"/>, so the customer sees
    /// deadlines at once; <see cref="Route"/> replaces them with the routed profile's.
    /// </summary>
    public static Complaint Submit(ComplaintSubmission submission, long dailySequence, DateTime now, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(calendar);
        submission.Validate().ThrowIfAny();
        var complaint = new Complaint
        {
            Id = Guid.NewGuid(),
            TrackingNumber = Complaints.TrackingNumber.Format(DateOnly.FromDateTime(now), dailySequence),
            AccountId = submission.AccountId,
            CustomerUserId = submission.CustomerUserId,
            RelatedActivityId = submission.RelatedActivityId,
            RelatedBillId = submission.RelatedBillId,
            Category = submission.Category,
            Description = submission.Description.Trim(),
            ContactPreference = submission.ContactPreference,
            IdempotencyKey = submission.IdempotencyKey,
            SubmittedAt = now,
            Status = ComplaintStatus.Submitted,
            Priority = ComplaintPriority.Normal,
        };
        complaint.ApplySla(SlaProfile.Standard, SlaProfile.Standard.Compute(calendar, now));
        complaint.Record(new(TimelineEntryKind.Submitted, now, submission.CustomerUserId, null, null));
        return complaint;
    }

    /// <summary>
    /// Applies a routing decision to a new or reopened complaint, including its deadlines. The engine computes
    /// them from <see cref="ComplaintRoutingInput.SubmittedAt"/>: when re-routing a reopened complaint, pass the
    /// reopen time there, or the new cycle would inherit the first cycle's expired deadlines.
    /// </summary>
    public void Route(RoutingDecision decision, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        RequireStatus("Route", ComplaintStatus.Submitted, ComplaintStatus.Reopened);
        QueueCode = decision.QueueCode;
        Priority = decision.Priority;
        _skills.Clear();
        _skills.AddRange(decision.Skills);
        RoutingRuleName = decision.RuleName;
        IsRepeat |= decision.IsRepeat;
        // Deadlines were computed by the engine from the start of this cycle, which is what the customer saw.
        ApplySla(decision.SlaProfile, decision.Deadlines);
        if (Status == ComplaintStatus.Submitted) Status = ComplaintStatus.Routed;
        Record(new(TimelineEntryKind.Routed, now, null, null, RoutingExplanation.Encode(decision.Explanation), null, decision.QueueCode));
    }

    public void Claim(string handlerId, DateTime now)
    {
        RequireActor(handlerId);
        RequireStatus("Claim", ComplaintStatus.Routed, ComplaintStatus.Contacted, ComplaintStatus.Replied, ComplaintStatus.Reopened);
        if (ClaimedBy == handlerId) return; // a double click must not bump the version and fail the other tab
        if (ClaimedBy is not null)
            throw new DomainException("Complaint.AlreadyClaimed", $"{TrackingNumber} is already claimed by another handler.");
        ClaimedBy = handlerId;
        ClaimedAt = now;
        DispatchedAt ??= now;
        Record(new(TimelineEntryKind.Claimed, now, handlerId, null, null));
    }

    public void Release(string handlerId, DateTime now)
    {
        RequireClaimedBy(handlerId);
        ClaimedBy = null;
        ClaimedAt = null;
        Record(new(TimelineEntryKind.Released, now, handlerId, null, null));
    }

    public void RecordContact(string handlerId, string? internalNote, DateTime now)
    {
        RequireStatus("RecordContact", ComplaintStatus.Routed, ComplaintStatus.Reopened);
        RequireClaimedBy(handlerId);
        ContactedAt = now;
        FirstContactAt ??= now;
        Status = ComplaintStatus.Contacted;
        Record(new(TimelineEntryKind.Contacted, now, handlerId, null, OptionalText(internalNote, "Complaint.NoteTooLong")));
    }

    /// <summary>
    /// A handler's note for colleagues; never shown to the customer and not a status change, so any handler
    /// may add one while the complaint is open (claiming is about who answers the customer).
    /// </summary>
    public void AddInternalNote(string handlerId, string note, DateTime now)
    {
        RequireActor(handlerId);
        if (!IsOpen)
            throw new DomainException("Complaint.NotOpen", $"{TrackingNumber} is {Status}; notes can no longer be added.");
        var text = RequiredText(note, "Complaint.NoteRequired", "Complaint.NoteTooLong");
        Record(new(TimelineEntryKind.Note, now, handlerId, null, text));
    }

    /// <summary>
    /// The customer writes to the handler (answers the reply, adds a fact) while the complaint is open. Not a status
    /// change and no clock stops: the handler's commitments stay as they were.
    /// </summary>
    public void AddCustomerMessage(string customerUserId, string text, DateTime now)
    {
        RequireCustomer(customerUserId);
        if (!IsOpen)
            throw new DomainException("Complaint.NotOpen", $"{TrackingNumber} is {Status}; messages can no longer be added.");
        var message = RequiredText(text, "Complaint.MessageRequired", "Complaint.MessageTooLong");
        Record(new(TimelineEntryKind.CustomerMessage, now, customerUserId, message, null));
    }

    /// <summary>The answer to the customer; this is what the 7-working-day commitment measures.</summary>
    public void Reply(string handlerId, string customerText, DateTime now)
    {
        RequireStatus("Reply", ComplaintStatus.Contacted);
        RequireClaimedBy(handlerId);
        var text = RequiredText(customerText, "Complaint.ReplyRequired", "Complaint.ReplyTooLong");
        RepliedAt = now;
        Status = ComplaintStatus.Replied;
        Record(new(TimelineEntryKind.Replied, now, handlerId, text, null));
    }

    public void Resolve(string handlerId, string resolutionCode, string customerText, DateTime now)
    {
        RequireStatus("Resolve", ComplaintStatus.Replied);
        RequireClaimedBy(handlerId);
        if (string.IsNullOrWhiteSpace(resolutionCode))
            throw new DomainException("Complaint.ResolutionCodeRequired", "A resolution code is required.");
        var text = RequiredText(customerText, "Complaint.ResolutionTextRequired", "Complaint.ResolutionTextTooLong");
        ResolutionCode = resolutionCode.Trim();
        ResolutionText = text;
        ResolvedAt = now;
        FirstResolvedAt ??= now;
        Status = ComplaintStatus.Resolved;
        Record(new(TimelineEntryKind.Resolved, now, handlerId, text, null));
    }

    /// <summary>The customer accepts the resolution.</summary>
    public void Confirm(string customerUserId, DateTime now)
    {
        RequireCustomer(customerUserId);
        RequireStatus("Confirm", ComplaintStatus.Resolved);
        Status = ComplaintStatus.Closed;
        ClosedAt = now;
        Record(new(TimelineEntryKind.Confirmed, now, customerUserId, null, null));
    }

    /// <summary>
    /// For the sweep job: closes a resolved complaint once the reopen window has passed. Returns false (and
    /// changes nothing) when it does not apply, so a re-run is harmless.
    /// </summary>
    public bool TryCloseAfterReopenWindow(DateTime now)
    {
        if (Status != ComplaintStatus.Resolved || now <= ReopenDeadline) return false;
        Status = ComplaintStatus.Closed;
        ClosedAt = now;
        Record(new(TimelineEntryKind.Closed, now, null, null, null));
        return true;
    }

    /// <summary>The last moment the customer may reopen: 14 × 24 h after the latest resolution.</summary>
    public DateTime? ReopenDeadline => ResolvedAt?.AddDays(ReopenWindowDays);

    /// <summary>
    /// The customer sends the complaint back. It keeps its queue, loses its handler, and a new SLA cycle starts
    /// from <paramref name="now"/>. The earlier rating is cleared (it rated the earlier outcome; the timeline
    /// keeps it).
    /// </summary>
    public void Reopen(string customerUserId, string reason, DateTime now, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        RequireCustomer(customerUserId);
        RequireStatus("Reopen", ComplaintStatus.Resolved, ComplaintStatus.Closed);
        if (now > ReopenDeadline)
            throw new DomainException("Complaint.ReopenWindowExpired",
                $"A complaint can be reopened within {ReopenWindowDays} days of its resolution.");
        var text = RequiredText(reason, "Complaint.ReopenReasonRequired", "Complaint.ReopenReasonTooLong");
        Status = ComplaintStatus.Reopened;
        ReopenCount++;
        ClaimedBy = null;
        ClaimedAt = null;
        DispatchedAt = null;
        ContactedAt = null;
        RepliedAt = null;
        ClosedAt = null;
        ResolutionCode = null;
        ResolutionText = null;
        HandlingScore = null;
        HandlingComment = null;
        var profile = new SlaProfile(SlaProfileCode, ContactWithinWorkingDays, AnswerWithinWorkingDays, DispatchWithinMinutes);
        ApplySla(profile, profile.Compute(calendar, now));
        Record(new(TimelineEntryKind.Reopened, now, customerUserId, text, null));
    }

    /// <summary>Moves the complaint to another queue; the handler lets go so the new queue can claim it.</summary>
    public void Transfer(string? actorId, string toQueue, string reason, DateTime now)
    {
        RequireStatus("Transfer", ComplaintStatus.Routed, ComplaintStatus.Contacted, ComplaintStatus.Replied, ComplaintStatus.Reopened);
        var (from, to, note) = MoveTo(toQueue, reason);
        Record(new(TimelineEntryKind.Transferred, now, actorId, null, note, from, to));
    }

    /// <summary>Sends the complaint to the supervisor queue and raises its priority one step.</summary>
    public void Escalate(string? actorId, string supervisorQueue, string reason, DateTime now)
    {
        RequireStatus("Escalate", ComplaintStatus.Routed, ComplaintStatus.Contacted, ComplaintStatus.Replied, ComplaintStatus.Reopened);
        var (from, to, note) = MoveTo(supervisorQueue, reason);
        IsEscalated = true;
        Priority = Priority.RaisedOneStep();
        Record(new(TimelineEntryKind.Escalated, now, actorId, null, note, from, to));
    }

    public void AddAttachment(string customerUserId, string fileName, string contentType, long sizeBytes,
        string storedPath, string sha256Hex, AttachmentKind sniffedKind, DateTime now)
    {
        RequireCustomer(customerUserId);
        if (!IsOpen)
            throw new DomainException("Complaint.NotOpen", $"{TrackingNumber} is {Status}; attachments can no longer be added.");
        if (_attachments.Count >= AttachmentPolicy.MaxPerComplaint)
            throw new DomainException("Attachment.TooMany", $"At most {AttachmentPolicy.MaxPerComplaint} attachments per complaint.");
        AttachmentPolicy.Validate(fileName, contentType, sizeBytes, sha256Hex, sniffedKind).ThrowIfAny();
        if (string.IsNullOrWhiteSpace(storedPath))
            throw new DomainException("Attachment.StoredPathRequired", "The stored path is missing.");
        var attachment = new ComplaintAttachment(fileName, contentType, sizeBytes, storedPath, sha256Hex, sniffedKind, now);
        _attachments.Add(attachment);
        Record(new(TimelineEntryKind.AttachmentAdded, now, customerUserId, attachment.FileName, null));
    }

    /// <summary>The customer rates how the complaint was handled, once per resolution.</summary>
    public void RateHandling(string customerUserId, int score, string? comment, DateTime now)
    {
        RequireCustomer(customerUserId);
        RequireStatus("RateHandling", ComplaintStatus.Resolved, ComplaintStatus.Closed);
        if (HandlingScore is not null)
            throw new DomainException("Complaint.AlreadyRated", $"{TrackingNumber} has already been rated.");
        if (score is < 1 or > 5)
            throw new DomainException("Complaint.InvalidScore", "The score must be between 1 and 5.");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (ComplaintSubmission.TextLength(text) > MaxRatingCommentLength)
            throw new DomainException("Complaint.RatingCommentTooLong", $"The comment may not exceed {MaxRatingCommentLength} characters.");
        HandlingScore = score;
        HandlingComment = text;
        Record(new(TimelineEntryKind.Rated, now, customerUserId, text, null));
    }

    /// <summary>Urgent complaints only: nobody has claimed it and 15 minutes have passed.</summary>
    public bool IsDispatchOverdue(DateTime now) =>
        IsOpen && DispatchDueAt is { } due && DispatchedAt is null && now > due;

    public bool IsContactOverdue(DateTime now) => IsOpen && ContactedAt is null && now > FirstContactDueAt;

    public bool IsAnswerOverdue(DateTime now) => IsOpen && RepliedAt is null && now > AnswerDueAt;

    /// <summary>The figures the analytics need, detached from the entity.</summary>
    public ComplaintFacts ToFacts() => new(SubmittedAt, FirstContactDueAt, ContactedAt, AnswerDueAt, RepliedAt,
        FirstContactAt, FirstResolvedAt, ReopenCount, Status, Description);

    private void ApplySla(SlaProfile profile, SlaDeadlines deadlines)
    {
        SlaProfileCode = profile.Code;
        ContactWithinWorkingDays = profile.ContactWithinWorkingDays;
        AnswerWithinWorkingDays = profile.AnswerWithinWorkingDays;
        DispatchWithinMinutes = profile.DispatchWithinMinutes;
        DispatchDueAt = deadlines.DispatchDueAt;
        FirstContactDueAt = deadlines.FirstContactDueAt;
        AnswerDueAt = deadlines.AnswerDueAt;
    }

    private (string? From, string To, string Note) MoveTo(string toQueue, string reason)
    {
        if (string.IsNullOrWhiteSpace(toQueue))
            throw new DomainException("Complaint.QueueRequired", "A target queue is required.");
        var to = toQueue.Trim();
        if (string.Equals(to, QueueCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Complaint.AlreadyInQueue", $"{TrackingNumber} is already in queue '{to}'.");
        var note = RequiredText(reason, "Complaint.TransferReasonRequired", "Complaint.TransferReasonTooLong");
        var from = QueueCode;
        QueueCode = to;
        ClaimedBy = null;
        ClaimedAt = null;
        return (from, to, note);
    }

    private void Record(ComplaintTimelineEntry entry)
    {
        _timeline.Add(entry);
        Version++;
    }

    private void RequireStatus(string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainException("Complaint.InvalidTransition", $"Cannot {action} complaint {TrackingNumber} while it is {Status}.");
    }

    private static void RequireActor(string actorId)
    {
        if (string.IsNullOrWhiteSpace(actorId))
            throw new DomainException("Complaint.ActorRequired", "The acting user is missing.");
    }

    private void RequireClaimedBy(string handlerId)
    {
        RequireActor(handlerId);
        if (ClaimedBy != handlerId)
            throw new DomainException("Complaint.NotClaimedByHandler", $"{TrackingNumber} is not claimed by this handler.");
    }

    private void RequireCustomer(string customerUserId)
    {
        if (customerUserId != CustomerUserId)
            throw new DomainException("Complaint.NotOwner", $"Only the customer who submitted {TrackingNumber} may do this.");
    }

    private static string RequiredText(string? text, string missingCode, string tooLongCode)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException(missingCode, "A text is required.");
        return OptionalText(text, tooLongCode)!;
    }

    private static string? OptionalText(string? text, string tooLongCode)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (ComplaintSubmission.TextLength(trimmed) > MaxTextLength)
            throw new DomainException(tooLongCode, $"The text may not exceed {MaxTextLength} characters.");
        return trimmed;
    }
}
