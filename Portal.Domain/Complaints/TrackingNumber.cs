using Portal.Domain.Common;

namespace Portal.Domain.Complaints;

/// <summary>
/// TS-yyyyMMdd-NNNNNN. The sequence is per local day and comes from the database (the caller owns
/// uniqueness); six digits allow 999,999 complaints a day, far beyond a county utility's volume.
/// </summary>
public static class TrackingNumber
{
    public const long MaxSequence = 999_999;

    public static string Format(DateOnly date, long sequence)
    {
        if (sequence is < 1 or > MaxSequence)
            throw new DomainException("Complaint.TrackingSequenceOutOfRange",
                $"Tracking sequence {sequence} must be between 1 and {MaxSequence}.");
        return $"TS-{date:yyyyMMdd}-{sequence:000000}";
    }
}
