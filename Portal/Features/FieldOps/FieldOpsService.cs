using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Features.Notifications;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.FieldOps;

/// <summary>A service job as staff key it in or the field system exports it; the time is the utility's local time (UTC+8).</summary>
public sealed record ActivityDraft(string AccountNumber, ServiceActivityType Type, DateTime DoneAtLocal, string? StaffName,
    ActivityOutcome Outcome, string? OutcomeReason, string? Summary, string? Source = null, string? ExternalReference = null, Guid? Id = null);

public sealed record ActivityIntakeResult(IReadOnlyList<string> Errors, Guid? ActivityId, int Invited)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>What a batch came to: rule errors by draft index (nothing written then), or what was added and skipped.</summary>
public sealed record ActivityBatchResult(IReadOnlyList<(int Draft, string Code)> Errors, IReadOnlyList<Guid> Added, int AlreadyThere, int Invited = 0)
{
    public bool Ok => Errors.Count == 0;
}

public enum FieldEntryKind { Inspection, Activity }

/// <summary>A line of the recent-entries list; the holder's name is masked (a list of customers for staff).</summary>
public sealed record FieldEntryRow(FieldEntryKind Kind, Guid Id, string AccountNumber, string MaskedHolder, DateTime WhenLocal, string What,
    ActivityOutcome? Outcome, int Hazards, string Staff);

/// <summary>
/// Field operations intake: service activities with their outcome, one at a time from the back office or in batches from
/// the field system's CSV. A completed job invites the customer to rate it (once per job). Inspections are recorded by
/// <see cref="Safety.InspectionIntakeService"/>, which owns the hazards.
/// </summary>
public sealed class FieldOpsService(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications,
    IStringLocalizer<SharedResource> l, AuditService audit, TimeProvider clock)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    public const int RecentCount = 10;

    public async Task<ActivityIntakeResult> RecordActivityAsync(ClaimsPrincipal staff, ActivityDraft draft, CancellationToken ct = default)
    {
        var staffId = AccountAccessService.UserId(staff);
        var result = await RecordActivitiesAsync([draft], staffId, staff.Identity?.Name, inviteToRate: true, ct);
        if (!result.Ok) return new(result.Errors.Select(e => e.Code).ToList(), null, 0);
        if (result.Added.Count == 0) return new(["Intake.AlreadyRecorded"], null, 0);
        return new([], result.Added[0], result.Invited);
    }

    /// <summary>
    /// Records jobs in one transaction: every rule is checked first and any broken rule writes nothing. A job whose
    /// field-system reference is already stored is skipped, so a re-import adds nothing twice. Audited per job.
    /// <paramref name="inviteToRate"/> false leaves the invitations out (the demo's history).
    /// </summary>
    /// <param name="checkOnly">Only check the rules (an import that already failed reports every row's errors at once).</param>
    public async Task<ActivityBatchResult> RecordActivitiesAsync(IReadOnlyList<ActivityDraft> drafts, string? recordedByUserId, string? recordedByName,
        bool inviteToRate, CancellationToken ct = default, bool checkOnly = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = drafts.Select(d => d.AccountNumber.Trim()).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => numbers.Contains(a.AccountNumber))
            .ToDictionaryAsync(a => a.AccountNumber, a => a.Id, ct);
        var refs = drafts.Where(d => !string.IsNullOrWhiteSpace(d.ExternalReference)).Select(d => d.ExternalReference!.Trim()).Distinct().ToList();
        var stored = refs.Count == 0 ? [] : (await db.ServiceActivities.AsNoTracking().Where(a => a.ExternalReference != null && refs.Contains(a.ExternalReference))
            .Select(a => new { a.Source, a.ExternalReference }).ToListAsync(ct)).Select(a => (a.Source!, a.ExternalReference!)).ToHashSet();

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var errors = new List<(int, string)>();
        var added = new List<ServiceActivity>();
        var seen = new HashSet<(string, string)>();
        var skipped = 0;
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            if (!accounts.TryGetValue(d.AccountNumber.Trim(), out var accountId))
            {
                errors.Add((i, "Intake.AccountUnknown"));
                continue;
            }
            try
            {
                var activity = ServiceActivity.Record(d.Id ?? Guid.NewGuid(), accountId, d.Type, DateTime.SpecifyKind(d.DoneAtLocal - ChinaOffset, DateTimeKind.Utc),
                    d.Summary, d.StaffName, d.Outcome, d.OutcomeReason, recordedByUserId, d.Source, d.ExternalReference, nowUtc);
                if (activity.Source is { } src && activity.ExternalReference is { } reference)
                {
                    if (!seen.Add((src, reference))) { errors.Add((i, "Intake.DuplicateReference")); continue; }
                    if (stored.Contains((src, reference))) { skipped++; continue; }
                }
                added.Add(activity);
            }
            catch (DomainException e)
            {
                errors.Add((i, e.Code));
            }
        }
        if (errors.Count > 0 || checkOnly) return new(errors, [], 0);
        if (added.Count == 0) return new([], [], skipped);

        db.ServiceActivities.AddRange(added);
        await db.SaveChangesAsync(ct);
        if (drafts.Count == 1 || recordedByUserId is not null)
            foreach (var a in added)
                await audit.RecordAsync(new AuditEvent("FieldOps.ActivityRecorded", a.Id.ToString(),
                    Detail: $"{a.Type} {a.Outcome} {a.Source}/{a.ExternalReference}".TrimEnd('/', ' '), UserId: recordedByUserId, UserName: recordedByName), ct);
        else
            await audit.RecordAsync(new AuditEvent("FieldOps.ActivitiesImported", $"{added.Count} activities", Detail: $"skipped={skipped}",
                UserName: recordedByName), ct);
        var invited = 0;
        if (inviteToRate)
            foreach (var a in added.Where(a => a.InvitesRating))
                invited += await InviteToRateAsync(a.Id, ct);
        return new([], added.Select(a => a.Id).ToList(), skipped, invited);
    }

    /// <summary>
    /// Invites the account's portal users to rate a completed job, in the portal and by email in each user's language.
    /// The job is marked first with a conditional update, so two callers never both send: returns the users notified.
    /// </summary>
    public async Task<int> InviteToRateAsync(Guid activityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ServiceActivities
            .Where(a => a.Id == activityId && a.Outcome == ActivityOutcome.Completed && a.RatingInvitedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RatingInvitedAtUtc, nowUtc), ct);
        if (claimed == 0) return 0;
        var activity = await db.ServiceActivities.AsNoTracking()
            .Join(db.Accounts, a => a.AccountId, acc => acc.Id, (a, acc) => new { a.Id, a.AccountId, a.Type, acc.AccountNumber })
            .FirstAsync(a => a.Id == activityId, ct);
        var users = await db.AccountBindings.AsNoTracking().Where(b => b.AccountId == activity.AccountId)
            .Select(b => b.UserId).Distinct().ToListAsync(ct);
        foreach (var u in users)
            await notifications.NotifyAsync(u, "RateActivity", activity.AccountNumber, "/activities", () => InvitationText(activity.AccountNumber, activity.Type), ct);
        return users.Count;
    }

    /// <summary>The invitation in the current (the recipient's) culture.</summary>
    private EmailContent InvitationText(string accountNumber, ServiceActivityType type) =>
        new(l["Notify.RateActivity", accountNumber], l["FieldOps.RateEmail", accountNumber, l["ServiceActivityType." + type].Value]);

    /// <summary>The latest inspections and jobs, newest first, names masked. Viewing it is audited.</summary>
    public async Task<IReadOnlyList<FieldEntryRow>> RecentAsync(ClaimsPrincipal staff, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = await db.ServiceActivities.AsNoTracking().OrderByDescending(a => a.CompletedAtUtc).Take(RecentCount)
            .Join(db.Accounts, a => a.AccountId, acc => acc.Id, (a, acc) => new { a.Id, acc.AccountNumber, acc.HolderName, a.CompletedAtUtc, a.Type, a.Outcome, a.StaffName })
            .ToListAsync(ct);
        var inspections = await db.Inspections.AsNoTracking().OrderByDescending(i => i.InspectedOn).Take(RecentCount)
            .Join(db.Accounts, i => i.AccountId, acc => acc.Id, (i, acc) => new
            {
                i.Id,
                acc.AccountNumber,
                acc.HolderName,
                i.InspectedOn,
                i.NoticeNumber,
                i.Inspector,
                Hazards = db.Hazards.Count(h => h.InspectionId == i.Id),
            })
            .ToListAsync(ct);
        var rows = activities.Select(a => new FieldEntryRow(FieldEntryKind.Activity, a.Id, a.AccountNumber, Masking.Name(a.HolderName),
                a.CompletedAtUtc + ChinaOffset, a.Type.ToString(), a.Outcome, 0, a.StaffName))
            .Concat(inspections.Select(i => new FieldEntryRow(FieldEntryKind.Inspection, i.Id, i.AccountNumber, Masking.Name(i.HolderName),
                i.InspectedOn.ToDateTime(TimeOnly.MinValue), i.NoticeNumber, null, i.Hazards, i.Inspector)))
            .OrderByDescending(r => r.WhenLocal).ThenBy(r => r.Id).Take(RecentCount).ToList();
        await audit.RecordAsync(new AuditEvent("FieldOps.RecentViewed", Detail: $"rows={rows.Count}",
            UserId: AccountAccessService.UserId(staff), UserName: staff.Identity?.Name), ct);
        return rows;
    }
}
