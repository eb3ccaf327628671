using System.Security.Claims;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;
using Portal.Features.Complaints.Jobs;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Complaints.Customer;

/// <summary>
/// The customer's side of complaints: filing (validated completely before anything is written), the own list and
/// detail, confirming, reopening and rating. Ownership: a complaint is the customer's when they filed it and the
/// account is still one of theirs (AccountAccessService); anything else is "not found".
/// </summary>
public sealed class CustomerComplaintService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccountAccessService access,
    ComplaintClock clock,
    ComplaintAttachmentStorage storage,
    ComplaintNotifier notifier,
    IBackgroundJobClient jobs,
    AuditService audit,
    Infrastructure.Security.InteractiveLimiter limiter,
    ILogger<CustomerComplaintService> log)
{
    public async Task<ComplaintFormOptions> FormOptionsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (own.Count == 0) return new([], [], []);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => own.Contains(a.Id)).OrderBy(a => a.AccountNumber)
            .Select(a => new AccountOption(a.Id, a.AccountNumber, a.Region)).ToListAsync(ct);
        var since = clock.Now.AddDays(-400).AddHours(-8);
        var activities = await db.ServiceActivities.AsNoTracking().Where(a => own.Contains(a.AccountId) && a.CompletedAtUtc >= since)
            .OrderByDescending(a => a.CompletedAtUtc)
            .Select(a => new ActivityOption(a.Id, a.AccountId, a.Type, a.CompletedAtUtc, a.Summary)).ToListAsync(ct);
        var bills = await db.Bills.AsNoTracking().Where(b => own.Contains(b.AccountId))
            .OrderByDescending(b => b.PeriodStart).Take(own.Count * 12)
            .Select(b => new BillOption(b.Id, b.AccountId, b.PeriodStart, b.Amount)).ToListAsync(ct);
        return new(accounts, activities, bills);
    }

    private const int MaxSubmitAttempts = 10;

    public async Task<SubmitResult> SubmitAsync(ClaimsPrincipal user, ComplaintForm form, IReadOnlyList<AttachmentUpload> files, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return Failed("Complaints.NotFound");
        var errors = new List<ComplaintError>();

        // Someone else's account, activity or bill reads exactly like a missing one.
        if (form.AccountId != Guid.Empty && !(await access.OwnAccountIdsAsync(user, ct)).Contains(form.AccountId))
            errors.Add(new("Complaint.AccountNotFound"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (form.RelatedActivityId is { } activityId
            && !await db.ServiceActivities.AnyAsync(a => a.Id == activityId && a.AccountId == form.AccountId, ct))
            errors.Add(new("Complaint.ActivityNotFound"));
        if (form.RelatedBillId is { } billId && !await db.Bills.AnyAsync(b => b.Id == billId && b.AccountId == form.AccountId, ct))
            errors.Add(new("Complaint.BillNotFound"));

        var submission = new ComplaintSubmission(form.AccountId, userId, form.Category, form.Description ?? "", form.ContactPreference,
            form.IdempotencyKey, form.RelatedActivityId, form.RelatedBillId);
        errors.AddRange(submission.Validate().Select(p => new ComplaintError(p.Code, p.Subject)));

        if (files.Count > AttachmentPolicy.MaxPerComplaint) errors.Add(new("Attachment.TooMany"));
        var checkedFiles = new List<(AttachmentUpload File, string Sha, AttachmentKind Kind)>();
        foreach (var f in files)
        {
            var size = Math.Max(f.DeclaredSize, f.Content.LongLength);
            var sha = Convert.ToHexStringLower(SHA256.HashData(f.Content));
            var kind = AttachmentSniffer.Detect(f.Content.AsSpan(0, Math.Min(f.Content.Length, AttachmentSniffer.HeaderLength)));
            var problems = AttachmentPolicy.Validate(f.FileName, f.ContentType, size, sha, kind);
            errors.AddRange(problems.Select(p => new ComplaintError(p.Code, f.FileName)));
            checkedFiles.Add((f, sha, kind));
        }
        if (errors.Count > 0) return new(null, null, false, errors.DistinctBy(e => (e.Code, e.Subject)).ToList());

        var existing = await FindByKeyAsync(db, userId, form.IdempotencyKey, ct);
        if (existing is not null) return new(existing.Value.Id, existing.Value.Tracking, true, []);
        // Only a valid, new complaint spends the user's hourly budget (a replayed double-submit does not).
        if (!limiter.TryAcquire(Infrastructure.Security.InteractiveAction.ComplaintSubmission, userId))
        {
            await audit.RecordAsync(new AuditEvent("ComplaintSubmitted", "account:" + form.AccountId, "RateLimited", UserId: userId), ct);
            return Failed("Complaints.TooMany");
        }

        var calendar = await clock.CalendarAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.Now;
            var complaint = Complaint.Submit(submission, await NextSequenceAsync(db, now, ct), now, calendar);
            try
            {
                foreach (var (file, sha, kind) in checkedFiles)
                {
                    var stored = await storage.SaveAsync(complaint.Id, Guid.NewGuid(), file.Content, ct);
                    complaint.AddAttachment(userId, file.FileName, file.ContentType, file.Content.LongLength, stored, sha, kind, now);
                }
                db.Complaints.Add(complaint);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                storage.DeleteComplaintFolder(complaint.Id);
                db.ChangeTracker.Clear();
                // A double submit that raced past the check above: the first one won, return it.
                var raced = await FindByKeyAsync(db, userId, form.IdempotencyKey, ct);
                if (raced is not null) return new(raced.Value.Id, raced.Value.Tracking, true, []);
                if (attempt >= MaxSubmitAttempts) throw;
                log.LogInformation(e, "Tracking number {Tracking} was taken; retrying.", complaint.TrackingNumber);
                // Several instances filing at once all read the same next sequence; a random pause spreads the retries.
                await Task.Delay(Random.Shared.Next(5, 40) * (attempt + 1), ct);
                continue;
            }
            catch
            {
                storage.DeleteComplaintFolder(complaint.Id);
                throw;
            }
            // Receipt first, so the customer's notifications read in the order things happened.
            await notifier.StatusChangedAsync(userId, complaint.Id, complaint.TrackingNumber, complaint.Status, ct);
            jobs.Enqueue<RouteComplaintJob>(j => j.RunAsync(complaint.Id, CancellationToken.None));
            await audit.RecordAsync(new AuditEvent("ComplaintSubmitted", "complaint:" + complaint.TrackingNumber, UserId: userId), ct);
            return new(complaint.Id, complaint.TrackingNumber, false, []);
        }
    }

    public async Task<IReadOnlyList<ComplaintListItem>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (userId is null || own.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking()
            .Where(c => c.CustomerUserId == userId && own.Contains(c.AccountId))
            .OrderByDescending(c => c.SubmittedAt)
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new ComplaintListItem(c.Id, c.TrackingNumber, c.Category, c.Status,
                a.AccountNumber, c.SubmittedAt, c.FirstContactDueAt, c.ContactedAt, c.AnswerDueAt, c.RepliedAt))
            .ToListAsync(ct);
    }

    /// <summary>The customer's view: only customer-visible timeline entries, and never an internal note.</summary>
    public async Task<ComplaintDetail?> DetailAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await OwnComplaintAsync(db, user, id, tracking: false, ct);
        if (c is null) return null;
        var accountNumber = await db.Accounts.Where(a => a.Id == c.AccountId).Select(a => a.AccountNumber).FirstAsync(ct);
        return ToDetail(c, accountNumber, customerView: true);
    }

    internal static ComplaintDetail ToDetail(Complaint c, string accountNumber, bool customerView) => new(
        c.Id, c.TrackingNumber, c.AccountId, accountNumber, c.Category, c.Status, c.Description, c.ContactPreference, c.SubmittedAt,
        new SlaClock(c.FirstContactDueAt, c.ContactedAt), new SlaClock(c.AnswerDueAt, c.RepliedAt),
        c.ResolvedAt, c.ReopenDeadline, c.ResolutionText, c.HandlingScore, c.HandlingComment,
        c.Timeline.Where(t => !customerView || t.VisibleToCustomer).OrderBy(t => t.At)
            .Select(t => new TimelineItem(t.Id, t.Kind, t.At, t.CustomerText, customerView ? null : t.InternalNote,
                customerView ? null : t.FromQueue, customerView ? null : t.ToQueue, customerView ? null : t.ActorId, t.VisibleToCustomer))
            .ToList(),
        c.Attachments.Select(a => new AttachmentItem(a.Id, a.FileName, a.ContentType, a.SizeBytes)).ToList(),
        c.Version, c.RelatedActivityId, c.RelatedBillId);

    public Task<ActionResult> ConfirmAsync(ClaimsPrincipal user, Guid id, int expectedVersion, CancellationToken ct = default) =>
        ActAsync(user, id, expectedVersion, "ComplaintConfirmed", (c, userId, now) => c.Confirm(userId, now), ct);

    public async Task<ActionResult> ReopenAsync(ClaimsPrincipal user, Guid id, int expectedVersion, string reason, CancellationToken ct = default)
    {
        var calendar = await clock.CalendarAsync(ct);
        return await ActAsync(user, id, expectedVersion, "ComplaintReopened", (c, userId, now) => c.Reopen(userId, reason, now, calendar), ct);
    }

    public Task<ActionResult> RateHandlingAsync(ClaimsPrincipal user, Guid id, int expectedVersion, int score, string? comment, CancellationToken ct = default) =>
        ActAsync(user, id, expectedVersion, "ComplaintRated", (c, userId, now) => c.RateHandling(userId, score, comment, now), ct);

    /// <summary>
    /// The customer's message to the handler on an open complaint. The handler who holds it gets a notice on their
    /// bell; an unclaimed complaint waits in its queue, where the message is the newest line of its timeline.
    /// </summary>
    public async Task<ActionResult> AddMessageAsync(ClaimsPrincipal user, Guid id, int expectedVersion, string? text, CancellationToken ct = default)
    {
        var result = await ActAsync(user, id, expectedVersion, "ComplaintCustomerMessage", (c, userId, now) => c.AddCustomerMessage(userId, text ?? "", now), ct);
        if (!result.Ok) return result;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Complaints.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.ClaimedBy, x.TrackingNumber }).FirstAsync(ct);
        if (c.ClaimedBy is { } handler)
            await notifier.StaffNoticeAsync(handler, CustomerMessageNotice, c.TrackingNumber, id, ct);
        return result;
    }

    /// <summary>The notification kind a handler gets when the customer writes.</summary>
    public const string CustomerMessageNotice = "ComplaintCustomerMessage";

    /// <summary>The attachment's bytes for its owner; null (404) for anyone else or an unknown id.</summary>
    public async Task<(AttachmentItem Item, Stream Content)?> OpenAttachmentAsync(ClaimsPrincipal user, Guid complaintId, Guid attachmentId, bool staff, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = staff
            ? await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == complaintId, ct)
            : await OwnComplaintAsync(db, user, complaintId, tracking: false, ct);
        var a = c?.Attachments.FirstOrDefault(x => x.Id == attachmentId);
        if (a is null) return null;
        var stream = storage.OpenRead(a.StoredPath);
        return stream is null ? null : (new AttachmentItem(a.Id, a.FileName, a.ContentType, a.SizeBytes), stream);
    }

    private async Task<ActionResult> ActAsync(ClaimsPrincipal user, Guid id, int expectedVersion, string auditAction,
        Action<Complaint, string, DateTime> act, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await OwnComplaintAsync(db, user, id, tracking: true, ct);
        if (c is null) return ActionResult.NotFound;
        if (c.Version != expectedVersion) return ActionResult.Conflict;
        var before = c.Status;
        try
        {
            act(c, c.CustomerUserId, clock.Now);
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
        await audit.RecordAsync(new AuditEvent(auditAction, "complaint:" + c.TrackingNumber, UserId: c.CustomerUserId), ct);
        if (c.Status != before)
            await notifier.StatusChangedAsync(c.CustomerUserId, c.Id, c.TrackingNumber, c.Status, ct);
        return ActionResult.Success;
    }

    private async Task<Complaint?> OwnComplaintAsync(AppDbContext db, ClaimsPrincipal user, Guid id, bool tracking, CancellationToken ct)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return null;
        var q = tracking ? db.Complaints : db.Complaints.AsNoTracking();
        var c = await q.FirstOrDefaultAsync(x => x.Id == id && x.CustomerUserId == userId, ct);
        if (c is null || !(await access.OwnAccountIdsAsync(user, ct)).Contains(c.AccountId)) return null;
        return c;
    }

    private static async Task<(Guid Id, string Tracking)?> FindByKeyAsync(AppDbContext db, string userId, string key, CancellationToken ct)
    {
        var hit = await db.Complaints.AsNoTracking().Where(c => c.CustomerUserId == userId && c.IdempotencyKey == key)
            .Select(c => new { c.Id, c.TrackingNumber }).FirstOrDefaultAsync(ct);
        return hit is null ? null : (hit.Id, hit.TrackingNumber);
    }

    /// <summary>The next number of the local day: one past the highest tracking number issued today (unique index backs it).</summary>
    private static async Task<long> NextSequenceAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var prefix = $"TS-{now:yyyyMMdd}-";
        var last = await db.Complaints.AsNoTracking().Where(c => c.TrackingNumber.StartsWith(prefix))
            .OrderByDescending(c => c.TrackingNumber).Select(c => c.TrackingNumber).FirstOrDefaultAsync(ct);
        return last is null ? 1 : long.Parse(last[prefix.Length..]) + 1;
    }

    private static SubmitResult Failed(string code) => new(null, null, false, [new ComplaintError(code)]);
}
