using Portal.Domain.Common;

namespace Portal.Domain.Safety;

public enum HazardSeverity
{
    Minor = 0,
    /// <summary>A major hazard not fixed by its deadline freezes the account's credit tier at C.</summary>
    Major = 1,
}

public enum HazardState
{
    Open = 0,
    /// <summary>The customer says it is fixed (note + photo); staff have not checked yet.</summary>
    ReportedFixed = 1,
    /// <summary>Staff confirmed the fix. Final.</summary>
    Verified = 2,
}

/// <summary>
/// A safety hazard found on an inspection, with the rectification deadline from the notice.
/// Open → ReportedFixed → Verified, or back to Open when staff reject the reported fix.
/// </summary>
public sealed class Hazard
{
    private Hazard()
    {
        Description = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid InspectionId { get; private set; }
    public string Description { get; private set; }
    public HazardSeverity Severity { get; private set; }
    public DateOnly FoundOn { get; private set; }

    /// <summary>Last day on which a fix still counts as on time (inclusive).</summary>
    public DateOnly RectificationDeadline { get; private set; }

    public HazardState State { get; private set; }

    /// <summary>The day the customer says the work was done; kept through verification, cleared on rejection.</summary>
    public DateOnly? FixedOn { get; private set; }

    public DateOnly? ReportedOn { get; private set; }
    public string? CustomerNote { get; private set; }

    /// <summary>Reference to the uploaded photo in file storage (not the bytes).</summary>
    public string? PhotoFileReference { get; private set; }

    public string? VerifiedByStaffId { get; private set; }
    public DateOnly? VerifiedOn { get; private set; }

    /// <summary>Why the last reported fix was rejected; kept after a later successful fix as history.</summary>
    public string? LastRejectionReason { get; private set; }
    public DateOnly? LastRejectedOn { get; private set; }

    public static Hazard Found(Guid accountId, Guid inspectionId, string description, HazardSeverity severity,
        DateOnly foundOn, DateOnly rectificationDeadline)
    {
        if (accountId == Guid.Empty)
            throw new DomainException("Safety.AccountRequired", "A hazard belongs to an account.");
        if (string.IsNullOrWhiteSpace(description))
            throw new DomainException("Safety.DescriptionRequired", "A hazard needs a description.");
        if (rectificationDeadline < foundOn)
            throw new DomainException("Safety.DeadlineBeforeFound",
                $"Deadline {rectificationDeadline} is before the hazard was found ({foundOn}).");
        return new Hazard
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            InspectionId = inspectionId,
            Description = description.Trim(),
            Severity = severity,
            FoundOn = foundOn,
            RectificationDeadline = rectificationDeadline,
            State = HazardState.Open,
        };
    }

    /// <summary>The customer reports the hazard fixed. A photo is required because staff verify from it.</summary>
    public void ReportFixed(DateOnly fixedOn, DateOnly reportedOn, string? customerNote, string photoFileReference)
    {
        if (State != HazardState.Open)
            throw new DomainException("Safety.HazardNotOpen", $"Only an open hazard can be reported fixed (state {State}).");
        if (fixedOn < FoundOn)
            throw new DomainException("Safety.FixedBeforeFound", "A hazard cannot be fixed before it was found.");
        if (fixedOn > reportedOn)
            throw new DomainException("Safety.FixedInFuture", "The fix date cannot be after the day it is reported.");
        if (string.IsNullOrWhiteSpace(photoFileReference))
            throw new DomainException("Safety.PhotoRequired", "A reported fix needs a photo.");
        State = HazardState.ReportedFixed;
        FixedOn = fixedOn;
        ReportedOn = reportedOn;
        CustomerNote = string.IsNullOrWhiteSpace(customerNote) ? null : customerNote.Trim();
        PhotoFileReference = photoFileReference.Trim();
    }

    public void Verify(string staffId, DateOnly verifiedOn)
    {
        if (State == HazardState.Open)
            throw new DomainException("Safety.CannotVerifyOpenHazard", "An open hazard has no fix to verify.");
        if (State == HazardState.Verified)
            throw new DomainException("Safety.AlreadyVerified", "The hazard is already verified.");
        if (string.IsNullOrWhiteSpace(staffId))
            throw new DomainException("Safety.StaffRequired", "Verification names the staff member.");
        if (verifiedOn < ReportedOn)
            throw new DomainException("Safety.VerifiedBeforeReported", "Verification cannot precede the report.");
        State = HazardState.Verified;
        VerifiedByStaffId = staffId.Trim();
        VerifiedOn = verifiedOn;
    }

    /// <summary>Staff reject the reported fix; the hazard is open again and the deadline clock keeps running.</summary>
    public void RejectFix(string staffId, DateOnly rejectedOn, string reason)
    {
        if (State != HazardState.ReportedFixed)
            throw new DomainException("Safety.NothingToReject", $"Only a reported fix can be rejected (state {State}).");
        if (string.IsNullOrWhiteSpace(staffId))
            throw new DomainException("Safety.StaffRequired", "A rejection names the staff member.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Safety.RejectionReasonRequired", "A rejected fix needs a reason for the customer.");
        if (rejectedOn < ReportedOn)
            throw new DomainException("Safety.RejectedBeforeReported", "A rejection cannot precede the report.");
        State = HazardState.Open;
        FixedOn = null;
        ReportedOn = null;
        CustomerNote = null;
        PhotoFileReference = null;
        LastRejectionReason = reason.Trim();
        LastRejectedOn = rejectedOn;
    }

    /// <summary>
    /// Open past its deadline. A reported (unverified) fix stops the clock on its fix date so the customer
    /// is not penalised for staff being slow to verify; a rejection restarts it.
    /// </summary>
    public bool IsOverdue(DateOnly asOf) => FixedOn is null && asOf > RectificationDeadline;

    /// <summary>Verified and done on or before the deadline day.</summary>
    public bool WasFixedOnTime => State == HazardState.Verified && FixedOn <= RectificationDeadline;
}
