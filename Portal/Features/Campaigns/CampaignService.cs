using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Campaigns;
using Portal.Domain.Common;
using Portal.Domain.Marketing;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Features.Marketing;
using Portal.Features.Notifications;
using Portal.Features.Services;
using Portal.Features.Tariffs;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Campaigns;

/// <summary>What the launcher has chosen; <see cref="Id"/> is fixed when the page opens, so the preview's split is the launch's split.</summary>
public sealed record CampaignDraft(Guid Id, string Name, CampaignOfferKind OfferKind, string OfferCode, IReadOnlyList<string> FilterItems,
    long? SourceRuleId = null, int ControlPercent = ControlAssignment.DefaultControlPercent, int Days = Campaign.DefaultDays);

/// <summary>
/// Size and expected benefit before launch. For a package offer: the accounts kept (not on the package already, with a
/// stored simulation saving money on it) and their total simulated saving a year; for a service: what the newest earlier
/// campaign of the same offer achieved, applied to this treatment size.
/// </summary>
public sealed record CampaignPreview(int Matching, int Excluded, int Treatment, int Control, decimal? TreatmentSaving,
    string? PreviousCampaign, ProportionEstimate? PreviousUptake, int? ExpectedAcceptances);

public sealed record CampaignListItem(Guid Id, string Name, CampaignOfferKind OfferKind, string OfferCode, string Filter, DateTime LaunchedAtUtc,
    DateTime EndsAtUtc, int Treatment, int Control, int Acceptances, string LaunchedBy);

public sealed record CampaignTargetRow(string AccountNumber, string HolderMasked, string Region, CampaignGroup Group, string? Segment,
    bool Viewed, TargetResponse Response, bool TookUp);

public sealed record CampaignDetail(CampaignListItem Campaign, int ControlPercent, long? SourceRuleId, CampaignSummary Summary,
    IReadOnlyList<CampaignTargetRow> Targets, int TargetsTotal);

/// <summary>An offer as its customer sees it.</summary>
public sealed record CampaignOfferView(Guid CampaignId, Guid AccountId, string AccountNumber, CampaignOfferKind OfferKind, string OfferCode,
    decimal? Saving, DateTime EndsAtUtc);

/// <summary>Ok, or the localization key of why not.</summary>
public sealed record CampaignResult(bool Ok, string? ErrorKey = null, Guid? Id = null)
{
    public static CampaignResult Success(Guid? id = null) => new(true, null, id);
    public static CampaignResult Fail(string key) => new(false, key);
}

/// <summary>
/// Campaigns (精准营销): preview and launch by admins and customer managers (a manager reaches only the accounts they
/// manage and sees only the campaigns they launched), results with uptake against the control group, and the
/// customer's side: the offers of their treatment-group accounts, viewed, accepted or dismissed.
/// </summary>
public sealed class CampaignService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TariffCatalog catalog,
    SwitchService switches, ServiceRequestService serviceRequests, NotificationService notifications, AuditService audit, TimeProvider clock)
{
    public const string LaunchAction = "Campaign.Launched";
    public const string ViewTargetsAction = "Campaign.ViewTargets";
    public const string AcceptAction = "Campaign.OfferAccepted";
    public const string DismissAction = "Campaign.OfferDismissed";
    public const string NotificationKind = "CampaignOffer";
    public const int MaxTargetsShown = 500;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(UtcNow + Complaints.ComplaintClock.Offset);

    // ---- back office -------------------------------------------------------------------------------------------

    /// <summary>For each attribute, the values the launcher's accounts have: the filter's choices.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FilterChoicesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = (await ScopeAsync(db, user, ct)).SelectMany(a => a.Items).Distinct(StringComparer.Ordinal).ToList();
        return items.GroupBy(AssociationMiner.Attribute)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(i => i[(g.Key.Length + 1)..]).OrderBy(v => v, StringComparer.Ordinal).ToList());
    }

    /// <summary>A stored rule's antecedent and outcome, to start a campaign from it.</summary>
    public async Task<(IReadOnlyList<string> Antecedent, string Outcome)?> RuleAsync(long ruleId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.Set<AssociationRuleRow>().AsNoTracking().Where(r => r.Id == ruleId).Select(r => new { r.Antecedent, r.Outcome }).FirstOrDefaultAsync(ct);
        return rule is null ? null : (rule.Antecedent.Split('&'), rule.Outcome);
    }

    public async Task<CampaignPreview> PreviewAsync(ClaimsPrincipal user, CampaignDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (matching, kept) = await CandidatesAsync(db, user, draft, ct);
        var control = kept.Count(a => ControlAssignment.Assign(draft.Id, a.AccountId, draft.ControlPercent) == CampaignGroup.Control);
        var treatment = kept.Count - control;
        if (draft.OfferKind == CampaignOfferKind.Package)
        {
            var saving = kept.Where(a => ControlAssignment.Assign(draft.Id, a.AccountId, draft.ControlPercent) == CampaignGroup.Treatment).Sum(a => a.Saving ?? 0m);
            return new CampaignPreview(matching, matching - kept.Count, treatment, control, saving, null, null, null);
        }
        var previous = await db.Set<Campaign>().AsNoTracking()
            .Where(c => c.OfferKind == draft.OfferKind && c.OfferCode == draft.OfferCode && c.Id != draft.Id)
            .OrderByDescending(c => c.LaunchedAtUtc).FirstOrDefaultAsync(ct);
        if (previous is null) return new CampaignPreview(matching, 0, treatment, control, null, null, null, null);
        var uptake = (await SummaryAsync(db, previous, ct)).Summary.Total.TreatmentUptake;
        return new CampaignPreview(matching, 0, treatment, control, null, previous.Name, uptake, CampaignResults.ExpectedAcceptances(treatment, uptake));
    }

    /// <summary>Launches the campaign: freezes the target list with each account's group, notifies treatment, audits.</summary>
    public async Task<CampaignResult> LaunchAsync(ClaimsPrincipal user, CampaignDraft draft, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null || !IsLauncher(user)) return CampaignResult.Fail("Common.NotFound");
        if (!OfferExists(draft.OfferKind, draft.OfferCode)) return CampaignResult.Fail("Campaign.OfferRequired");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<Campaign>().AnyAsync(c => c.Id == draft.Id, ct)) return CampaignResult.Fail("Campaign.AlreadyLaunched");
        Campaign campaign;
        IReadOnlyList<CampaignTarget> targets;
        try
        {
            var (_, kept) = await CandidatesAsync(db, user, draft, ct);
            (campaign, targets) = Campaign.Launch(draft.Id, draft.Name, draft.OfferKind, draft.OfferCode, TargetFilter.Of(draft.FilterItems),
                draft.SourceRuleId, draft.ControlPercent, draft.Days, userId, user.Identity?.Name ?? userId,
                user.IsInRole(Roles.Admin) ? null : userId, UtcNow, kept.Select(k => new CandidateAccount(k.AccountId, k.Segment, k.Saving)));
        }
        catch (DomainException e)
        {
            return CampaignResult.Fail(e.Code);
        }
        db.Add(campaign);
        db.AddRange(targets);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(LaunchAction, $"campaign:{campaign.Id}",
            Detail: $"offer={CampaignOffers.Key(campaign.OfferKind, campaign.OfferCode)};filter={campaign.Filter};rule={campaign.SourceRuleId};" +
                    $"control={campaign.ControlPercent}%;treatment={campaign.TreatmentCount};controlCount={campaign.ControlCount}",
            UserId: userId, UserName: user.Identity?.Name), ct);

        // The bell renders the message in the reader's language when shown; the argument is only the account number.
        var treatmentIds = targets.Where(t => t.Group == CampaignGroup.Treatment).Select(t => t.AccountId).ToList();
        var recipients = await db.AccountBindings.AsNoTracking().Where(b => treatmentIds.Contains(b.AccountId))
            .Join(db.Accounts, b => b.AccountId, a => a.Id, (b, a) => new { b.UserId, a.AccountNumber }).ToListAsync(ct);
        foreach (var r in recipients)
            await notifications.NotifyAsync(r.UserId, NotificationKind, r.AccountNumber, "/", ct: ct);
        return CampaignResult.Success(campaign.Id);
    }

    public async Task<IReadOnlyList<CampaignListItem>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!IsLauncher(user)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, user)
            .OrderByDescending(c => c.LaunchedAtUtc)
            .Select(c => new CampaignListItem(c.Id, c.Name, c.OfferKind, c.OfferCode, c.Filter, c.LaunchedAtUtc, c.EndsAtUtc, c.TreatmentCount, c.ControlCount,
                db.Set<CampaignTarget>().Count(t => t.CampaignId == c.Id && t.Response == TargetResponse.Accepted), c.LaunchedByName))
            .ToListAsync(ct);
    }

    /// <summary>The results and the masked target list; every view is audited. Null when the campaign is not the user's to see.</summary>
    public async Task<CampaignDetail?> DetailAsync(ClaimsPrincipal user, Guid campaignId, CancellationToken ct = default)
    {
        if (!IsLauncher(user)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return null;
        var (summary, targets, tookUp) = await SummaryAsync(db, campaign, ct);
        await audit.RecordAsync(new AuditEvent(ViewTargetsAction, $"campaign:{campaign.Id}", Detail: $"accounts={targets.Count}",
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);

        var shown = targets.OrderBy(t => t.Group).ThenBy(t => t.AccountId).Take(MaxTargetsShown).ToList();
        var ids = shown.Select(t => t.AccountId).ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.AccountNumber, a.HolderName, a.Region }).ToDictionaryAsync(a => a.Id, ct);
        var rows = shown.Select(t => (t, a: accounts[t.AccountId]))
            .OrderBy(x => x.t.Group).ThenBy(x => x.a.AccountNumber, StringComparer.Ordinal)
            .Select(x => new CampaignTargetRow(AssociationAnalysisService.MaskNumber(x.a.AccountNumber), Masking.Name(x.a.HolderName), x.a.Region,
                x.t.Group, x.t.Segment, x.t.FirstViewedAtUtc is not null, x.t.Response, tookUp.Contains(x.t.AccountId)))
            .ToList();
        var item = new CampaignListItem(campaign.Id, campaign.Name, campaign.OfferKind, campaign.OfferCode, campaign.Filter, campaign.LaunchedAtUtc,
            campaign.EndsAtUtc, campaign.TreatmentCount, campaign.ControlCount, summary.Total.Acceptances, campaign.LaunchedByName);
        return new CampaignDetail(item, campaign.ControlPercent, campaign.SourceRuleId, summary, rows, targets.Count);
    }

    // ---- customer side ----------------------------------------------------------------------------------------

    /// <summary>
    /// The open offers of the customer's own accounts (treatment group, running campaign, not answered yet). Showing
    /// them is a view: the first one is recorded.
    /// </summary>
    public async Task<IReadOnlyList<CampaignOfferView>> ShowOffersAsync(ClaimsPrincipal customer, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(customer, ct);
        if (own.Count == 0) return [];
        var now = UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = await db.Set<CampaignTarget>().AsNoTracking()
            .Where(t => own.Contains(t.AccountId) && t.Group == CampaignGroup.Treatment && t.Response == TargetResponse.None)
            .Join(db.Set<Campaign>().Where(c => c.LaunchedAtUtc <= now && c.EndsAtUtc > now), t => t.CampaignId, c => c.Id, (t, c) => new { t, c })
            .Join(db.Accounts, x => x.t.AccountId, a => a.Id, (x, a) => new CampaignOfferView(x.c.Id, x.t.AccountId, a.AccountNumber, x.c.OfferKind,
                x.c.OfferCode, x.t.Saving, x.c.EndsAtUtc))
            .ToListAsync(ct);
        foreach (var o in offers)
        {
            await db.Set<CampaignTarget>()
                .Where(t => t.CampaignId == o.CampaignId && t.AccountId == o.AccountId && t.FirstViewedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstViewedAtUtc, now), ct);
        }
        return offers.OrderBy(o => o.EndsAtUtc).ThenBy(o => o.AccountNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The services that running campaigns are offering the account and that it has not answered yet: the home page's
    /// service menu leaves these out, so the same service is not offered twice on one page. Reading records nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> OfferedServiceCodesAsync(AppDbContext db, Guid accountId, DateTime utcNow, CancellationToken ct = default) =>
        await db.Set<CampaignTarget>().AsNoTracking()
            .Where(t => t.AccountId == accountId && t.Group == CampaignGroup.Treatment && t.Response == TargetResponse.None)
            .Join(db.Set<Campaign>().Where(c => c.LaunchedAtUtc <= utcNow && c.EndsAtUtc > utcNow && c.OfferKind == CampaignOfferKind.Service),
                t => t.CampaignId, c => c.Id, (t, c) => c.OfferCode)
            .Distinct().ToListAsync(ct);

    /// <summary>
    /// Accepts an offer: creates the real follow-up (a package switch request through the switch service, or a service
    /// request with origin Campaign) and records the answer. A second accept, or one racing it, creates nothing more.
    /// </summary>
    public async Task<CampaignResult> AcceptAsync(ClaimsPrincipal customer, Guid campaignId, Guid accountId, CancellationToken ct = default)
    {
        var (error, campaign, userId) = await OpenOfferAsync(customer, campaignId, accountId, ct);
        if (error is not null) return CampaignResult.Fail(error);

        Guid? followUp;
        if (campaign!.OfferKind == CampaignOfferKind.Package)
        {
            var result = await switches.ApplyAsync(customer, accountId, campaign.OfferCode, ct);
            if (!result.Ok) return CampaignResult.Fail(result.ErrorKey!);
            await using var read = await dbFactory.CreateDbContextAsync(ct);
            followUp = await read.PackageSwitchRequests.AsNoTracking()
                .Where(r => r.AccountId == accountId && r.ToPackageCode == campaign.OfferCode)
                .OrderByDescending(r => r.RequestedAtUtc).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        }
        else
        {
            var outcome = await serviceRequests.RequestAsync(customer, accountId, campaign.OfferCode, ServiceCodes.DefaultTeam(campaign.OfferCode),
                ServiceRequestOrigin.Campaign, campaign.Id, null, ct);
            // An open request for the same service (made organically before) is the follow-up already: link it, add none.
            if (outcome.Kind is not (ServiceRequestOutcomeKind.Created or ServiceRequestOutcomeKind.AlreadyOpen))
                return CampaignResult.Fail(outcome.ErrorKey ?? "Campaign.FollowUpFailed");
            followUp = outcome.RequestId;
        }

        var answered = await AnswerAsync(campaignId, accountId, t => t.Accept(userId!, UtcNow, followUp), ct);
        if (answered is not null) return CampaignResult.Fail(answered);
        await audit.RecordAsync(new AuditEvent(AcceptAction, $"campaign:{campaignId}/{accountId}", Detail: $"followUp={followUp}",
            UserId: userId, UserName: customer.Identity?.Name), ct);
        return CampaignResult.Success(followUp);
    }

    /// <summary>Dismisses an offer; it does not come back. Nothing else is asked or created.</summary>
    public async Task<CampaignResult> DismissAsync(ClaimsPrincipal customer, Guid campaignId, Guid accountId, CancellationToken ct = default)
    {
        var (error, _, userId) = await OpenOfferAsync(customer, campaignId, accountId, ct);
        if (error is not null) return CampaignResult.Fail(error);
        var answered = await AnswerAsync(campaignId, accountId, t => t.Dismiss(userId!, UtcNow), ct);
        if (answered is not null) return CampaignResult.Fail(answered);
        await audit.RecordAsync(new AuditEvent(DismissAction, $"campaign:{campaignId}/{accountId}", UserId: userId, UserName: customer.Identity?.Name), ct);
        return CampaignResult.Success();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private static bool IsLauncher(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.CustomerManager);

    private bool OfferExists(CampaignOfferKind kind, string code) =>
        kind == CampaignOfferKind.Package ? catalog.TryGet(code, out _) : CampaignOffers.IsService(code);

    /// <summary>Admins see every campaign; a customer manager the ones they launched.</summary>
    private static IQueryable<Campaign> Visible(AppDbContext db, ClaimsPrincipal user)
    {
        var query = db.Set<Campaign>().AsNoTracking();
        if (user.IsInRole(Roles.Admin)) return query;
        var userId = AccountAccessService.UserId(user) ?? "";
        return query.Where(c => c.ManagerUserId == userId);
    }

    private sealed record ScopedAccount(Guid AccountId, string? Segment, string Package, IReadOnlyCollection<string> Items);

    /// <summary>The accounts a launcher may target, with their association items today: all for an admin, a manager's own for a manager.</summary>
    private async Task<List<ScopedAccount>> ScopeAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!IsLauncher(user)) return [];
        HashSet<Guid>? managed = null;
        if (!user.IsInRole(Roles.Admin))
        {
            var userId = AccountAccessService.UserId(user) ?? "";
            managed = [.. await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId == userId).Select(a => a.Id).ToListAsync(ct)];
        }
        var today = Today;
        return (await AssociationData.AccountsAsync(db, ct))
            .Where(f => managed is null || managed.Contains(f.AccountId))
            .Select(f => new ScopedAccount(f.AccountId, f.Segment, f.Package, MarketingVocabulary.Items(f, today).ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    private sealed record Candidate(Guid AccountId, string? Segment, decimal? Saving);

    /// <summary>
    /// Accounts in scope that match the filter, and those kept for the offer: for a package, only accounts not on it
    /// already whose stored simulation shows it saving them money (the saving is what they will be shown).
    /// </summary>
    private async Task<(int Matching, List<Candidate> Kept)> CandidatesAsync(AppDbContext db, ClaimsPrincipal user, CampaignDraft draft, CancellationToken ct)
    {
        var filter = TargetFilter.Of(draft.FilterItems);
        var matching = (await ScopeAsync(db, user, ct)).Where(a => filter.Matches(a.Items)).ToList();
        if (draft.OfferKind != CampaignOfferKind.Package)
            return (matching.Count, matching.Select(a => new Candidate(a.AccountId, a.Segment, null)).ToList());

        var ids = matching.Where(a => !string.Equals(a.Package, draft.OfferCode, StringComparison.OrdinalIgnoreCase)).Select(a => a.AccountId).ToHashSet();
        var stored = await db.TariffRecommendations.AsNoTracking().Select(r => new { r.AccountId, r.Json }).ToListAsync(ct);
        var savings = new Dictionary<Guid, decimal>();
        foreach (var r in stored.Where(r => ids.Contains(r.AccountId)))
        {
            var option = RecommendationSnapshot.FromJson(r.Json).Options.FirstOrDefault(o => string.Equals(o.Cost.Code, draft.OfferCode, StringComparison.OrdinalIgnoreCase));
            if (option is { Saving: > 0 }) savings[r.AccountId] = option.Saving;
        }
        return (matching.Count, matching.Where(a => savings.ContainsKey(a.AccountId)).Select(a => new Candidate(a.AccountId, a.Segment, savings[a.AccountId])).ToList());
    }

    /// <summary>
    /// The campaign's results as of now. Uptake (see <see cref="TargetOutcome.TookUp"/>) counts an acceptance, or the same
    /// follow-up created by the account itself between launch and the end of the window: a switch request to the
    /// package, or a service request for the service from any origin.
    /// </summary>
    private static async Task<(CampaignSummary Summary, List<CampaignTarget> Targets, HashSet<Guid> TookUp)> SummaryAsync(AppDbContext db, Campaign c, CancellationToken ct)
    {
        var targets = await db.Set<CampaignTarget>().AsNoTracking().Where(t => t.CampaignId == c.Id).ToListAsync(ct);
        var organic = c.OfferKind == CampaignOfferKind.Package
            ? await db.PackageSwitchRequests.AsNoTracking()
                .Where(r => r.ToPackageCode == c.OfferCode && r.RequestedAtUtc >= c.LaunchedAtUtc && r.RequestedAtUtc < c.EndsAtUtc)
                .Select(r => r.AccountId).Distinct().ToListAsync(ct)
            : await db.ServiceRequests.AsNoTracking()
                .Where(r => r.ServiceCode == c.OfferCode && r.RequestedAtUtc >= c.LaunchedAtUtc && r.RequestedAtUtc < c.EndsAtUtc)
                .Select(r => r.AccountId).Distinct().ToListAsync(ct);
        var organicSet = organic.ToHashSet();
        var outcomes = targets.Select(t => (t.AccountId, Outcome: new TargetOutcome(t.Group, t.Segment, t.FirstViewedAtUtc is not null, t.Response,
            organicSet.Contains(t.AccountId)))).ToList();
        var tookUp = outcomes.Where(o => o.Outcome.TookUp).Select(o => o.AccountId).ToHashSet();
        return (CampaignResults.Summarize(outcomes.Select(o => o.Outcome).ToList()), targets, tookUp);
    }

    private async Task<(string? Error, Campaign? Campaign, string? UserId)> OpenOfferAsync(ClaimsPrincipal customer, Guid campaignId, Guid accountId, CancellationToken ct)
    {
        var userId = AccountAccessService.UserId(customer);
        if (userId is null || !(await access.OwnAccountIdsAsync(customer, ct)).Contains(accountId)) return ("Common.NotFound", null, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<CampaignTarget>().AsNoTracking().FirstOrDefaultAsync(t => t.CampaignId == campaignId && t.AccountId == accountId, ct);
        // Control is held out: to its customers the offer does not exist.
        if (target is null || target.Group == CampaignGroup.Control) return ("Common.NotFound", null, null);
        if (target.Response != TargetResponse.None) return ("Campaign.AlreadyAnswered", null, null);
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        if (!campaign.IsRunning(UtcNow)) return ("Campaign.Ended", null, null);
        return (null, campaign, userId);
    }

    private async Task<string?> AnswerAsync(Guid campaignId, Guid accountId, Action<CampaignTarget> answer, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Set<CampaignTarget>().FirstAsync(t => t.CampaignId == campaignId && t.AccountId == accountId, ct);
        try
        {
            answer(target);
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DomainException e)
        {
            return e.Code;
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Campaign.AlreadyAnswered";
        }
    }
}
