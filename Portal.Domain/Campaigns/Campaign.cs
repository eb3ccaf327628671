using Portal.Domain.Common;

namespace Portal.Domain.Campaigns;

/// <summary>What a campaign offers: a service from the service catalogue or a tariff package.</summary>
public enum CampaignOfferKind { Service = 0, Package = 1 }

/// <summary>A targeted customer's answer: none yet, accepted or dismissed. Both answers are final.</summary>
public enum TargetResponse { None = 0, Accepted = 1, Dismissed = 2 }

/// <summary>
/// A launched campaign (精准营销活动). It is created at launch, together with its frozen target list: the filter and
/// the control share are recorded as they were, and nothing about the campaign changes afterwards.
/// </summary>
public sealed class Campaign
{
    public const int MaxNameLength = 100;
    public const int MinDays = 7, MaxDays = 180, DefaultDays = 30;

    private Campaign() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public CampaignOfferKind OfferKind { get; private set; }
    public string OfferCode { get; private set; } = "";
    /// <summary><see cref="TargetFilter"/> in its text form.</summary>
    public string Filter { get; private set; } = "";
    /// <summary>The association rule it was launched from, if any.</summary>
    public long? SourceRuleId { get; private set; }
    public int ControlPercent { get; private set; }
    public string LaunchedByUserId { get; private set; } = "";
    public string LaunchedByName { get; private set; } = "";
    /// <summary>Set when a customer manager launched it: the campaign reaches only that manager's accounts.</summary>
    public string? ManagerUserId { get; private set; }
    public DateTime LaunchedAtUtc { get; private set; }
    /// <summary>The end of the window: the offer shows until then, and uptake (accepted or organic) counts until then.</summary>
    public DateTime EndsAtUtc { get; private set; }
    public int TreatmentCount { get; private set; }
    public int ControlCount { get; private set; }

    public TargetFilter TargetFilter => TargetFilter.Parse(Filter);

    public bool IsRunning(DateTime nowUtc) => nowUtc >= LaunchedAtUtc && nowUtc < EndsAtUtc;

    /// <summary>
    /// Launches a campaign over the given accounts (already filtered to the launcher's scope): assigns each account to
    /// treatment or control by <see cref="ControlAssignment"/> and returns the frozen targets.
    /// </summary>
    public static (Campaign Campaign, IReadOnlyList<CampaignTarget> Targets) Launch(
        Guid id, string name, CampaignOfferKind kind, string offerCode, TargetFilter filter, long? sourceRuleId, int controlPercent, int days,
        string launchedByUserId, string launchedByName, string? managerUserId, DateTime nowUtc, IEnumerable<CandidateAccount> accounts)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new DomainException("Campaign.NameRequired", "A campaign needs a name.");
        if (name.Length > MaxNameLength) throw new DomainException("Campaign.NameTooLong", $"A campaign name has at most {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(offerCode)) throw new DomainException("Campaign.OfferRequired", "A campaign needs an offer.");
        if (controlPercent is < ControlAssignment.MinControlPercent or > ControlAssignment.MaxControlPercent)
            throw new DomainException("Campaign.ControlShare", $"The control share must be {ControlAssignment.MinControlPercent}–{ControlAssignment.MaxControlPercent} %.");
        if (days is < MinDays or > MaxDays) throw new DomainException("Campaign.DaysInvalid", $"A campaign runs {MinDays}–{MaxDays} days.");
        var campaign = new Campaign
        {
            Id = id,
            Name = name,
            OfferKind = kind,
            OfferCode = offerCode,
            Filter = filter.ToString(),
            SourceRuleId = sourceRuleId,
            ControlPercent = controlPercent,
            LaunchedByUserId = launchedByUserId,
            LaunchedByName = launchedByName,
            ManagerUserId = managerUserId,
            LaunchedAtUtc = nowUtc,
            EndsAtUtc = nowUtc.AddDays(days),
        };
        var targets = accounts.DistinctBy(a => a.AccountId)
            .Select(a => new CampaignTarget(id, a.AccountId, ControlAssignment.Assign(id, a.AccountId, controlPercent), a.Segment, a.Saving))
            .ToList();
        if (targets.Count == 0) throw new DomainException("Campaign.NoTargets", "No account matches the filter.");
        campaign.TreatmentCount = targets.Count(t => t.Group == CampaignGroup.Treatment);
        campaign.ControlCount = targets.Count - campaign.TreatmentCount;
        return (campaign, targets);
    }
}

/// <summary>An account that matched the filter at launch, with what is frozen about it: its segment and, for a package offer, its simulated saving.</summary>
public sealed record CandidateAccount(Guid AccountId, string? Segment, decimal? Saving);

/// <summary>One account of a campaign's frozen target list and what it did with the offer.</summary>
public sealed class CampaignTarget
{
    private CampaignTarget() { }

    public CampaignTarget(Guid campaignId, Guid accountId, CampaignGroup group, string? segment, decimal? saving)
    {
        CampaignId = campaignId;
        AccountId = accountId;
        Group = group;
        Segment = segment;
        Saving = saving;
    }

    public Guid CampaignId { get; private set; }
    public Guid AccountId { get; private set; }
    public CampaignGroup Group { get; private set; }
    /// <summary>The load segment at launch (by-segment results read this, not today's segment).</summary>
    public string? Segment { get; private set; }
    /// <summary>For a package offer: the account's simulated annual saving on that package at launch, ¥.</summary>
    public decimal? Saving { get; private set; }
    public DateTime? FirstViewedAtUtc { get; private set; }
    public TargetResponse Response { get; private set; }
    public DateTime? RespondedAtUtc { get; private set; }
    public string? RespondedByUserId { get; private set; }
    /// <summary>The follow-up accepting created: a package switch request or a service request.</summary>
    public Guid? FollowUpId { get; private set; }

    /// <summary>Records the first time the offer was shown; later views change nothing. False for control, who never see it.</summary>
    public bool MarkViewed(DateTime nowUtc)
    {
        if (Group == CampaignGroup.Control || FirstViewedAtUtc is not null) return false;
        FirstViewedAtUtc = nowUtc;
        return true;
    }

    public void Accept(string userId, DateTime nowUtc, Guid? followUpId)
    {
        EnsureOpen();
        Response = TargetResponse.Accepted;
        RespondedAtUtc = nowUtc;
        RespondedByUserId = userId;
        FollowUpId = followUpId;
        FirstViewedAtUtc ??= nowUtc;
    }

    public void Dismiss(string userId, DateTime nowUtc)
    {
        EnsureOpen();
        Response = TargetResponse.Dismissed;
        RespondedAtUtc = nowUtc;
        RespondedByUserId = userId;
        FirstViewedAtUtc ??= nowUtc;
    }

    private void EnsureOpen()
    {
        if (Group == CampaignGroup.Control) throw new DomainException("Campaign.NotOffered", "The control group is not offered anything.");
        if (Response != TargetResponse.None) throw new DomainException("Campaign.AlreadyAnswered", "The offer has been answered already.");
    }
}
