namespace Portal.Domain.Complaints;

/// <summary>
/// Submitted → Routed → Contacted → Replied → Resolved → Closed. Reopened is a Resolved or Closed complaint
/// the customer sent back within 14 days; it re-enters the queue and goes through contact and reply again.
/// </summary>
public enum ComplaintStatus
{
    Submitted = 0,
    Routed = 1,
    Contacted = 2,
    Replied = 3,
    Resolved = 4,
    Closed = 5,
    Reopened = 6,
}

public enum ContactPreference
{
    Phone = 0,
    Email = 1,
    PortalMessage = 2,
}

public enum ComplaintPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>
/// The routing view of a customer's credit tier. Kept here so routing does not depend on the credit area;
/// the feature service maps the credit tier onto it. Higher is better.
/// </summary>
public enum CreditTierLevel
{
    C = 1,
    B = 2,
    A = 3,
}

public enum TimelineEntryKind
{
    Submitted = 0,
    Routed = 1,
    Claimed = 2,
    Released = 3,
    Contacted = 4,
    Replied = 5,
    Transferred = 6,
    Escalated = 7,
    Resolved = 8,
    Confirmed = 9,
    Closed = 10,
    Reopened = 11,
    AttachmentAdded = 12,
    Rated = 13,
    Note = 14,
    /// <summary>The customer writes to the handler while the complaint is open (answering a reply, adding facts).</summary>
    CustomerMessage = 15,
}

public static class ComplaintPriorityExtensions
{
    public static ComplaintPriority RaisedOneStep(this ComplaintPriority p) =>
        p == ComplaintPriority.Urgent ? p : p + 1;
}
