namespace Portal.Domain.Campaigns;

/// <summary>
/// One target at the time of reading: its arm, segment, whether it saw and how it answered the offer, and whether it
/// created the offer's follow-up on its own during the campaign window (a switch request to the package, a service
/// request for the service, from any origin).
/// </summary>
public sealed record TargetOutcome(CampaignGroup Group, string? Segment, bool Viewed, TargetResponse Response, bool OrganicFollowUp)
{
    /// <summary>
    /// Uptake is the same rule in both arms, so the arms compare like with like: the account accepted the offer or
    /// created the same follow-up itself within the window. Control can only take up organically (it never sees the
    /// offer); treatment can either way, and an acceptance that created the follow-up counts once.
    /// </summary>
    public bool TookUp => Response == TargetResponse.Accepted || OrganicFollowUp;
}

/// <summary>Counts and uptake of one slice of the targets (the whole campaign or one segment).</summary>
public sealed record UptakeSlice(
    string? Segment, int Treatment, int Control, int Views, int Acceptances, int Dismissals,
    ProportionEstimate TreatmentUptake, ProportionEstimate ControlUptake, DifferenceEstimate? Lift);

public sealed record CampaignSummary(UptakeSlice Total, IReadOnlyList<UptakeSlice> BySegment);

public static class CampaignResults
{
    public static CampaignSummary Summarize(IReadOnlyCollection<TargetOutcome> targets)
    {
        var bySegment = targets.GroupBy(t => t.Segment ?? "")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Slice(g.Key.Length == 0 ? null : g.Key, g.ToList())).ToList();
        return new CampaignSummary(Slice(null, targets), bySegment);
    }

    public static UptakeSlice Slice(string? segment, IReadOnlyCollection<TargetOutcome> targets)
    {
        var treatment = targets.Where(t => t.Group == CampaignGroup.Treatment).ToList();
        var control = targets.Where(t => t.Group == CampaignGroup.Control).ToList();
        int xt = treatment.Count(t => t.TookUp), xc = control.Count(t => t.TookUp);
        return new UptakeSlice(segment, treatment.Count, control.Count,
            treatment.Count(t => t.Viewed), treatment.Count(t => t.Response == TargetResponse.Accepted), treatment.Count(t => t.Response == TargetResponse.Dismissed),
            UptakeStatistics.Wilson(xt, treatment.Count), UptakeStatistics.Wilson(xc, control.Count),
            UptakeStatistics.Difference(xt, treatment.Count, xc, control.Count));
    }

    /// <summary>
    /// What to expect before launch for an offer without a per-customer saving: the uptake rate of the newest finished
    /// or running campaign of the same offer applied to the new treatment size (null when the offer was never run).
    /// </summary>
    public static int? ExpectedAcceptances(int treatmentSize, ProportionEstimate? previousUptake) =>
        previousUptake is { Total: > 0 } p ? (int)Math.Round(treatmentSize * p.Rate, MidpointRounding.AwayFromZero) : null;
}
