using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Features.Demo;

namespace Portal.Features.Credit;

/// <summary>
/// Publishes the seed policy (version 1), records two violations so freezes show up in the demo, and runs the
/// review for every account, so a fresh database has a tier, a ledger with history, and managers for A accounts.
/// Runs after bills (10), hazards (20) and complaints (30).
/// </summary>
public sealed class DemoCreditStep(IDbContextFactory<AppDbContext> dbFactory, CreditReviewJob review, TimeProvider clock) : IDemoSeedStep
{
    public int Order => 40;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.CreditPolicyVersions.AnyAsync(ct))
                db.CreditPolicyVersions.Add(CreditPolicyStore.ToRow(CreditPolicy.SeedDefault(), "system", clock.GetUtcNow().UtcDateTime));
            var today = context.Today;
            // Not the demo logins' accounts (0–4): their pages should show the everyday story, not a freeze.
            foreach (var spec in context.Accounts.Where(a => a.Index is 6 or 9))
                db.Violations.Add(Violation.Record(spec.Id, spec.Index == 9 ? ViolationKind.Theft : ViolationKind.SupplyRuleViolation,
                    today.AddMonths(spec.Index == 9 ? -10 : -4), spec.Index == 9 ? "表计接线被短接（窃电）" : "擅自增加用电容量"));
            await db.SaveChangesAsync(ct);
        }
        await review.RunAllAsync("seed", PointEventKind.Review, null, notify: false, ct);
    }
}
