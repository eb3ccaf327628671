using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Safety;
using Portal.Features.Demo;

namespace Portal.Features.Safety;

/// <summary>
/// Safety inspections with hazards, recorded through the inspection intake (one batch, default deadlines by severity):
/// fixed on time, fixed late, open, overdue (and one open for the demo household). The fixes of the history are then
/// played through the hazard's own rules (report, verify) without the photo upload a customer makes.
/// </summary>
public sealed class DemoSafetyStep(IDbContextFactory<AppDbContext> dbFactory, InspectionIntakeService intake) : IDemoSeedStep
{
    public int Order => 20;

    private static readonly (string Text, HazardSeverity Severity)[] Findings =
    [
        ("进户线绝缘老化", HazardSeverity.Minor),
        ("配电箱未接地", HazardSeverity.Major),
        ("私拉乱接临时用电线路", HazardSeverity.Major),
        ("漏电保护器失效", HazardSeverity.Major),
        ("电缆沟积水", HazardSeverity.Minor),
        ("变压器室消防器材过期", HazardSeverity.Minor),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var today = context.Today;
        var drafts = new List<InspectionDraft>();
        // What happens to each hazard afterwards: null open, else (fixed on, reported on, verified on or null, note). Drawn in
        // the same order as ever, so the demo's story (the household's one open hazard, no freeze) stays the same.
        var plans = new List<List<(DateOnly Fixed, DateOnly Reported, DateOnly? Verified, string Note)?>>();
        var indexes = new List<int>();
        foreach (var spec in context.Accounts.Where(a => a.Index < 5 || a.Index % 4 == 1))
        {
            var r = DemoRandom.For(spec.Index, 555);
            var inspectedOn = spec.Index == 0 ? today.AddDays(-20) : today.AddDays(-r.Next(15, 600));
            var inspector = r.Next(2) == 0 ? "用电检查班 王工" : "用电检查班 李工";
            var count = 1 + r.Next(2);
            var hazards = new List<HazardDraft>();
            var plan = new List<(DateOnly, DateOnly, DateOnly?, string)?>();
            for (var k = 0; k < count; k++)
            {
                var f = Findings[r.Next(Findings.Length)];
                hazards.Add(new HazardDraft(f.Severity, f.Text));
                var deadline = RectificationDeadlines.Default(f.Severity, inspectedOn);
                var outcome = spec.Index == 0 && k == 0 ? 0 : r.Next(4); // 0 open, 1 on time, 2 late, 3 reported awaiting check
                if (deadline < today && outcome is 1 or 2)
                {
                    var fixedOn = outcome == 1 ? deadline.AddDays(-r.Next(1, 10)) : deadline.AddDays(r.Next(3, 30));
                    if (fixedOn >= today) fixedOn = today.AddDays(-1);
                    plan.Add((fixedOn, fixedOn, fixedOn.AddDays(2) < today ? fixedOn.AddDays(2) : today, "已整改"));
                }
                else if (outcome == 3)
                {
                    plan.Add((today.AddDays(-2), today.AddDays(-1), null, "已更换漏保，请核实"));
                }
                else
                {
                    plan.Add(null);
                }
            }
            drafts.Add(new InspectionDraft(spec.AccountNumber, inspectedOn, inspector, $"JC-{inspectedOn:yyyyMM}-{spec.Index:D5}", hazards));
            plans.Add(plan);
            indexes.Add(spec.Index);
        }
        var (errors, recorded) = await intake.RecordBatchAsync(drafts, "demo-seeder", ct);
        if (errors.Count > 0) throw new InvalidOperationException("Demo inspections broke an intake rule: " + string.Join(", ", errors.Select(e => e.Error.Code).Distinct()));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = recorded.SelectMany(r => r.HazardIds).ToList();
        var hazardsById = await db.Hazards.Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        for (var i = 0; i < recorded.Count; i++)
            for (var k = 0; k < recorded[i].HazardIds.Count; k++)
            {
                if (plans[i][k] is not { } p) continue;
                var hazard = hazardsById[recorded[i].HazardIds[k]];
                hazard.ReportFixed(p.Fixed, p.Reported, p.Note, $"demo/hazard-{indexes[i]}-{k}.jpg");
                if (p.Verified is { } verifiedOn) hazard.Verify("inspector", verifiedOn);
            }
        await db.SaveChangesAsync(ct);
    }
}
