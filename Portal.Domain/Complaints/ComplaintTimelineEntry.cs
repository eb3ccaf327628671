namespace Portal.Domain.Complaints;

/// <summary>
/// One event in a complaint's history. <see cref="CustomerText"/> is written for the customer;
/// <see cref="InternalNote"/> must never reach a customer page or PDF. <see cref="VisibleToCustomer"/> says
/// whether the event itself (rendered from <see cref="Kind"/>) appears in the customer's timeline: queue
/// moves and claims are internal.
/// </summary>
public sealed class ComplaintTimelineEntry
{
    private ComplaintTimelineEntry() { }

    internal ComplaintTimelineEntry(TimelineEntryKind kind, DateTime at, string? actorId, string? customerText,
        string? internalNote, string? fromQueue = null, string? toQueue = null)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        At = at;
        ActorId = actorId;
        CustomerText = customerText;
        InternalNote = internalNote;
        FromQueue = fromQueue;
        ToQueue = toQueue;
        VisibleToCustomer = kind is not (TimelineEntryKind.Routed or TimelineEntryKind.Claimed
            or TimelineEntryKind.Released or TimelineEntryKind.Transferred or TimelineEntryKind.Note);
    }

    public Guid Id { get; private set; }
    public TimelineEntryKind Kind { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>Login id of the customer or handler; null for the system (routing, jobs).</summary>
    public string? ActorId { get; private set; }
    public string? CustomerText { get; private set; }
    public string? InternalNote { get; private set; }
    public string? FromQueue { get; private set; }
    public string? ToQueue { get; private set; }
    public bool VisibleToCustomer { get; private set; }
}
