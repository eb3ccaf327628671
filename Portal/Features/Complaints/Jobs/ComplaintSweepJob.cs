using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints.Jobs;

/// <summary>
/// Every minute: routes complaints whose routing job was lost (still Submitted after a minute), and closes
/// resolved complaints whose 14-day reopen window has passed. Both steps are no-ops on a re-run.
/// </summary>
public sealed class ComplaintSweepJob(IDbContextFactory<AppDbContext> dbFactory, RouteComplaintJob router, ComplaintClock clock, ComplaintNotifier notifier)
{
    public const string Id = "complaints-sweep";
    public static readonly TimeSpan UnroutedGrace = TimeSpan.FromMinutes(1);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var cutoff = now - UnroutedGrace;
        List<Guid> unrouted;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            unrouted = await db.Complaints.AsNoTracking()
                .Where(c => c.Status == ComplaintStatus.Submitted && c.SubmittedAt < cutoff)
                .OrderBy(c => c.SubmittedAt).Select(c => c.Id).Take(500).ToListAsync(ct);
        var routed = 0;
        foreach (var id in unrouted)
            if (await router.RunAsync(id, ct)) routed++;

        var reopenCutoff = now.AddDays(-Complaint.ReopenWindowDays);
        await using var closeDb = await dbFactory.CreateDbContextAsync(ct);
        var expired = await closeDb.Complaints
            .Where(c => c.Status == ComplaintStatus.Resolved && c.ResolvedAt < reopenCutoff).OrderBy(c => c.ResolvedAt).Take(500).AsSplitQuery().ToListAsync(ct);
        foreach (var c in expired) c.TryCloseAfterReopenWindow(now);
        if (expired.Count > 0)
        {
            try { await closeDb.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return routed; } // the customer acted meanwhile; the next sweep retries
            foreach (var c in expired)
                await notifier.StatusChangedAsync(c.CustomerUserId, c.Id, c.TrackingNumber, c.Status, ct);
        }
        return routed;
    }
}
