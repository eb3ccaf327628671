using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints.Jobs;

/// <summary>
/// Routes one submitted complaint with the rules in force. Idempotent: a complaint that is no longer Submitted is
/// left alone, and a concurrent run that saved first wins (the other sees the version conflict and stops).
/// </summary>
public sealed class RouteComplaintJob(IDbContextFactory<AppDbContext> dbFactory, RoutingRulesStore rulesStore,
    IComplaintCreditTiers tiers, ComplaintClock clock, ComplaintNotifier notifier, ILogger<RouteComplaintJob> log,
    Infrastructure.Telemetry.PortalMetrics? metrics = null)
{
    public async Task<bool> RunAsync(Guid complaintId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, ct);
        if (complaint is null || complaint.Status != ComplaintStatus.Submitted) return false;
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == complaint.AccountId)
            .Select(a => new { a.Region, a.Type }).FirstAsync(ct);
        var (_, rules) = await rulesStore.CurrentAsync(ct);
        var windowStart = complaint.SubmittedAt.AddDays(-rules.Settings.RepeatWindowDays);
        // A repeat is another complaint about the same supply point within the window.
        var earlier = await db.Complaints.AsNoTracking()
            .Where(c => c.AccountId == complaint.AccountId && c.Id != complaint.Id && c.SubmittedAt >= windowStart && c.SubmittedAt <= complaint.SubmittedAt)
            .Select(c => c.SubmittedAt).ToListAsync(ct);
        var tier = await tiers.TierForAsync(complaint.AccountId, account.Type, ct);
        var priority = await tiers.PriorityHandlingAsync(complaint.AccountId, ct);
        var decision = RoutingEngine.Route(rules,
            new ComplaintRoutingInput(complaint.Category, account.Region, account.Type, tier, complaint.Description, complaint.SubmittedAt, earlier, priority),
            await clock.CalendarAsync(ct));
        complaint.Route(decision, clock.Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Complaint {Id} changed while routing; another run handled it.", complaintId);
            return false;
        }
        metrics?.RoutingLatency.Record(Math.Max(0, (clock.Now - complaint.SubmittedAt).TotalSeconds));
        await notifier.StatusChangedAsync(complaint.CustomerUserId, complaint.Id, complaint.TrackingNumber, complaint.Status, ct);
        return true;
    }
}
