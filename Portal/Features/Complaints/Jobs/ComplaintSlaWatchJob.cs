using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints.Jobs;

/// <summary>
/// Escalates open complaints that broke a commitment (dispatch, first contact or answer overdue) to the supervisor
/// queue once, and tells the supervisors (admins). <see cref="Complaint.IsEscalated"/> makes a re-run a no-op.
/// </summary>
public sealed class ComplaintSlaWatchJob(IDbContextFactory<AppDbContext> dbFactory, RoutingRulesStore rulesStore, ComplaintClock clock,
    ComplaintNotifier notifier, ILogger<ComplaintSlaWatchJob> log)
{
    public const string Id = "complaints-sla-watch";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.Now;
        var (_, rules) = await rulesStore.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overdue = await db.Complaints
            .Where(c => !c.IsEscalated && c.QueueCode != rules.SupervisorQueue
                && (c.Status == ComplaintStatus.Routed || c.Status == ComplaintStatus.Contacted || c.Status == ComplaintStatus.Replied || c.Status == ComplaintStatus.Reopened)
                && ((c.DispatchDueAt != null && c.DispatchedAt == null && c.DispatchDueAt < now)
                    || (c.ContactedAt == null && c.FirstContactDueAt < now)
                    || (c.RepliedAt == null && c.AnswerDueAt < now)))
            .OrderBy(c => c.SubmittedAt).Take(200).AsSplitQuery().ToListAsync(ct);
        if (overdue.Count == 0) return 0;
        foreach (var c in overdue)
        {
            c.Escalate(null, rules.SupervisorQueue, RoutingExplanation.Encode([EscalationReason(c, now)]), now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("A complaint changed during the SLA watch; the next run retries.");
            return 0;
        }
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var supervisors = await db.UserRoles.Where(ur => ur.RoleId == adminRole).Select(ur => ur.UserId).ToListAsync(ct);
        foreach (var c in overdue)
            foreach (var s in supervisors)
                await notifier.StaffNoticeAsync(s, "ComplaintEscalated", c.TrackingNumber, c.Id, ct);
        return overdue.Count;
    }

    /// <summary>
    /// Why the watcher escalated, kept as a code with its arguments (like the routing explanation) so the back office
    /// reads it in its own language. Times are the utility's wall clock.
    /// </summary>
    public static RoutingStep EscalationReason(Complaint c, DateTime now)
    {
        if (c.IsDispatchOverdue(now))
            return new("Sla.Escalated.Dispatch", $"SLA: not dispatched within {c.DispatchWithinMinutes} min", RoutingArg.Text(c.DispatchWithinMinutes!));
        return c.IsContactOverdue(now)
            ? new("Sla.Escalated.Contact", $"SLA: first contact overdue since {Stamp(c.FirstContactDueAt)}", RoutingArg.Text(Stamp(c.FirstContactDueAt)))
            : new("Sla.Escalated.Answer", $"SLA: answer overdue since {Stamp(c.AnswerDueAt)}", RoutingArg.Text(Stamp(c.AnswerDueAt)));
    }

    private static string Stamp(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
