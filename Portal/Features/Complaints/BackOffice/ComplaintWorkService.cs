using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Features.Accounts;
using Portal.Features.Complaints.Customer;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Complaints.BackOffice;

public sealed record QueueCount(string QueueCode, int Open, int Unclaimed, int Overdue, int DueSoon, int Urgent);

public enum SlaState { OnTrack = 0, DueSoon = 1, Overdue = 2, Met = 3 }

public sealed record WorkItem(Guid Id, string TrackingNumber, string? QueueCode, ComplaintCategory Category, ComplaintStatus Status,
    ComplaintPriority Priority, DateTime SubmittedAt, string? ClaimedBy, bool IsEscalated, DateTime NextDueAt, SlaState Sla, int Version);

public sealed record WorkFilter(string? Queue = null, ComplaintStatus? Status = null, bool OpenOnly = true, bool MineOnly = false,
    bool OverdueOnly = false, string? Tracking = null);

public sealed record CustomerAccountGlance(Guid Id, string AccountNumber, string MaskedHolder, string MaskedPhone, string MaskedAddress,
    CustomerType Type, string Region, decimal CapacityKva, CreditTierLevel Tier, decimal Last12MonthsKwh);

public sealed record EarlierComplaint(Guid Id, string TrackingNumber, ComplaintCategory Category, ComplaintStatus Status, DateTime SubmittedAt, int? HandlingScore);

public sealed record EarlierRating(Portal.Domain.Service.ServiceActivityType Type, SatisfactionLevel Level, int Score, DateTime SubmittedAt);

public sealed record WorkDetail(ComplaintDetail Complaint, string? QueueCode, ComplaintPriority Priority, IReadOnlyList<string> Skills,
    string? RoutingRuleName, bool IsRepeat, bool IsEscalated, string? ClaimedBy, string? ClaimedByName, DateTime? DispatchDueAt,
    string? ResolutionCode, IReadOnlyList<CustomerAccountGlance> Accounts, IReadOnlyList<EarlierComplaint> EarlierComplaints,
    IReadOnlyList<EarlierRating> Ratings, string MaskedCustomerEmail);

/// <summary>
/// The handlers' side: queue counts, the filtered work list, the detail with the customer at a glance, and the
/// actions. Every action names the version the handler saw; if the complaint changed since, nothing is written
/// and the handler is told (the concurrency token also catches a true race at save time).
/// </summary>
public sealed class ComplaintWorkService(IDbContextFactory<AppDbContext> dbFactory, ComplaintClock clock, ComplaintNotifier notifier,
    AuditService audit, IComplaintCreditTiers tiers, RoutingRulesStore rulesStore)
{
    public static readonly string[] ResolutionCodes = ["Fixed", "Explained", "Compensated", "BillCorrected", "NoFault", "Withdrawn"];

    /// <summary>An open complaint is "due soon" when its next deadline is within this time.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(4);

    public async Task<IReadOnlyList<QueueCount>> QueueCountsAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        var soon = now + DueSoonWindow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await OpenComplaints(db).GroupBy(c => c.QueueCode ?? "")
            .Select(g => new QueueCount(g.Key,
                g.Count(),
                g.Count(c => c.ClaimedBy == null),
                g.Count(c => (c.ContactedAt == null && c.FirstContactDueAt < now) || (c.RepliedAt == null && c.AnswerDueAt < now)),
                g.Count(c => (c.ContactedAt == null && c.FirstContactDueAt >= now && c.FirstContactDueAt < soon)
                    || (c.ContactedAt != null && c.RepliedAt == null && c.AnswerDueAt >= now && c.AnswerDueAt < soon)),
                g.Count(c => c.Priority == ComplaintPriority.Urgent)))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.QueueCode).ToList();
    }

    public async Task<(IReadOnlyList<WorkItem> Rows, int Total)> ListAsync(ClaimsPrincipal user, WorkFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filtered(db, filter, AccountAccessService.UserId(user), now);
        var total = await q.CountAsync(ct);
        var rows = await Ordered(q).Skip(page * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.TrackingNumber,
                c.QueueCode,
                c.Category,
                c.Status,
                c.Priority,
                c.SubmittedAt,
                c.ClaimedBy,
                c.IsEscalated,
                c.FirstContactDueAt,
                c.ContactedAt,
                c.AnswerDueAt,
                c.RepliedAt,
                c.Version
            })
            .ToListAsync(ct);
        return (rows.Select(c =>
        {
            var (due, state) = Sla(c.FirstContactDueAt, c.ContactedAt, c.AnswerDueAt, c.RepliedAt, c.Status, now);
            return new WorkItem(c.Id, c.TrackingNumber, c.QueueCode, c.Category, c.Status, c.Priority, c.SubmittedAt, c.ClaimedBy, c.IsEscalated, due, state, c.Version);
        }).ToList(), total);
    }

    /// <summary>The work list's filter; internal so a test can check its query plan uses the indexes.</summary>
    internal static IQueryable<Complaint> Filtered(AppDbContext db, WorkFilter filter, string? me, DateTime now)
    {
        var q = filter.OpenOnly ? OpenComplaints(db) : db.Complaints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Tracking)) q = q.Where(c => c.TrackingNumber.StartsWith(filter.Tracking.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(filter.Queue)) q = q.Where(c => c.QueueCode == filter.Queue);
        if (filter.Status is { } s) q = q.Where(c => c.Status == s);
        if (filter.MineOnly) q = q.Where(c => c.ClaimedBy == me);
        if (filter.OverdueOnly) q = q.Where(c => (c.ContactedAt == null && c.FirstContactDueAt < now) || (c.RepliedAt == null && c.AnswerDueAt < now));
        return q;
    }

    internal static IOrderedQueryable<Complaint> Ordered(IQueryable<Complaint> q) => q.OrderByDescending(c => c.Priority).ThenBy(c => c.SubmittedAt);

    /// <summary>The next commitment still running and how it stands: contact first, then the answer.</summary>
    public static (DateTime Due, SlaState State) Sla(DateTime contactDue, DateTime? contacted, DateTime answerDue, DateTime? replied, ComplaintStatus status, DateTime now)
    {
        if (status is ComplaintStatus.Resolved or ComplaintStatus.Closed || replied is not null)
            return (answerDue, replied is { } r && r > answerDue ? SlaState.Overdue : SlaState.Met);
        var due = contacted is null ? contactDue : answerDue;
        if (contacted is null && now > contactDue) return (contactDue, SlaState.Overdue);
        if (now > answerDue) return (answerDue, SlaState.Overdue);
        return (due, due - now <= DueSoonWindow ? SlaState.DueSoon : SlaState.OnTrack);
    }

    public async Task<IReadOnlyList<string>> QueuesAsync(CancellationToken ct = default)
    {
        var (_, rules) = await rulesStore.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var used = await db.Complaints.AsNoTracking().Where(c => c.QueueCode != null).Select(c => c.QueueCode!).Distinct().ToListAsync(ct);
        return rules.Rules.Select(r => r.QueueCode).Where(q => !q.Contains('{')).Append(rules.SupervisorQueue)
            .Concat(used).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
    }

    public async Task<WorkDetail?> DetailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var accountIds = await db.AccountBindings.AsNoTracking().Where(b => b.UserId == c.CustomerUserId).Select(b => b.AccountId).ToListAsync(ct);
        if (!accountIds.Contains(c.AccountId)) accountIds.Add(c.AccountId);
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).OrderBy(a => a.AccountNumber).ToListAsync(ct);
        var from = DateOnly.FromDateTime(clock.Now).AddMonths(-12);
        var usage = await db.MonthlyUsage.AsNoTracking().Where(m => accountIds.Contains(m.AccountId) && m.Month >= from)
            .GroupBy(m => m.AccountId).Select(g => new { g.Key, Wh = g.Sum(m => m.TotalWh) }).ToListAsync(ct);
        var glance = new List<CustomerAccountGlance>();
        foreach (var a in accounts)
            glance.Add(new(a.Id, a.AccountNumber, Masking.Name(a.HolderName), Masking.Phone(a.Phone), Masking.Address(a.Address), a.Type, a.Region,
                a.ContractedCapacityKva, await tiers.TierForAsync(a.Id, a.Type, ct), (usage.FirstOrDefault(u => u.Key == a.Id)?.Wh ?? 0) / 1000m));
        var earlier = await db.Complaints.AsNoTracking().Where(x => x.CustomerUserId == c.CustomerUserId && x.Id != c.Id)
            .OrderByDescending(x => x.SubmittedAt).Take(10)
            .Select(x => new EarlierComplaint(x.Id, x.TrackingNumber, x.Category, x.Status, x.SubmittedAt, x.HandlingScore)).ToListAsync(ct);
        var ratings = await db.ServiceRatings.AsNoTracking().Where(r => r.CustomerUserId == c.CustomerUserId)
            .OrderByDescending(r => r.SubmittedAt).Take(10)
            .Select(r => new EarlierRating(r.ActivityType, r.Level, r.Score, r.SubmittedAt)).ToListAsync(ct);
        var email = await db.Users.Where(u => u.Id == c.CustomerUserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        var claimedByName = c.ClaimedBy is null ? null : await db.Users.Where(u => u.Id == c.ClaimedBy).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        var accountNumber = accounts.First(a => a.Id == c.AccountId).AccountNumber;
        return new WorkDetail(CustomerComplaintService.ToDetail(c, accountNumber, customerView: false), c.QueueCode, c.Priority, c.Skills.ToList(),
            c.RoutingRuleName, c.IsRepeat, c.IsEscalated, c.ClaimedBy, claimedByName, c.DispatchDueAt, c.ResolutionCode, glance, earlier, ratings,
            Masking.Email(email));
    }

    public Task<ActionResult> ClaimAsync(ClaimsPrincipal user, Guid id, int version, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintClaimed", null, (c, me, now) => c.Claim(me, now), ct);

    public Task<ActionResult> ReleaseAsync(ClaimsPrincipal user, Guid id, int version, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintReleased", null, (c, me, now) => c.Release(me, now), ct);

    public Task<ActionResult> RecordContactAsync(ClaimsPrincipal user, Guid id, int version, string? note, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintContacted", null, (c, me, now) => c.RecordContact(me, note, now), ct);

    public Task<ActionResult> ReplyAsync(ClaimsPrincipal user, Guid id, int version, string text, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintReplied", null, (c, me, now) => c.Reply(me, text, now), ct);

    public Task<ActionResult> AddNoteAsync(ClaimsPrincipal user, Guid id, int version, string note, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintNoteAdded", null, (c, me, now) => c.AddInternalNote(me, note, now), ct);

    public Task<ActionResult> TransferAsync(ClaimsPrincipal user, Guid id, int version, string toQueue, string reason, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintTransferred", $"to {toQueue}", (c, me, now) => c.Transfer(me, toQueue, reason, now), ct);

    public Task<ActionResult> ResolveAsync(ClaimsPrincipal user, Guid id, int version, string code, string text, CancellationToken ct = default) =>
        ActAsync(user, id, version, "ComplaintResolved", code, (c, me, now) =>
        {
            if (!ResolutionCodes.Contains(code)) throw new DomainException("Complaint.ResolutionCodeRequired", "Unknown resolution code.");
            c.Resolve(me, code, text, now);
        }, ct);

    private async Task<ActionResult> ActAsync(ClaimsPrincipal user, Guid id, int expectedVersion, string auditAction, string? detail,
        Action<Complaint, string, DateTime> act, CancellationToken ct)
    {
        var me = AccountAccessService.UserId(user);
        if (me is null) return ActionResult.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Complaints.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return ActionResult.NotFound;
        if (c.Version != expectedVersion) return ActionResult.Conflict;
        var before = c.Status;
        try
        {
            act(c, me, clock.Now);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return ActionResult.Fail(e.Code);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ActionResult.Conflict;
        }
        await audit.RecordAsync(new AuditEvent(auditAction, "complaint:" + c.TrackingNumber, Detail: detail, UserId: me), ct);
        if (c.Status != before)
            await notifier.StatusChangedAsync(c.CustomerUserId, c.Id, c.TrackingNumber, c.Status, ct);
        return ActionResult.Success;
    }

    // Two "not equal"s rather than IN (…): nearly every complaint in a queue is open, so the planner should walk
    // the priority-ordered indexes and stop after one page instead of seeking the status index row by row.
    private static IQueryable<Complaint> OpenComplaints(AppDbContext db) =>
        db.Complaints.AsNoTracking().Where(c => c.Status != ComplaintStatus.Resolved && c.Status != ComplaintStatus.Closed);
}
