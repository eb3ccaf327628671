using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Safety;
using Portal.Features.Demo;

namespace Portal.Features.Safety;

/// <summary>Safety inspections with hazards: fixed on time, fixed late, open, overdue (and one open for the demo household).</summary>
public sealed class DemoSafetyStep(IDbContextFactory<AppDbContext> dbFactory) : IDemoSeedStep
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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = context.Today;
        foreach (var spec in context.Accounts.Where(a => a.Index < 5 || a.Index % 4 == 1))
        {
            var r = DemoRandom.For(spec.Index, 555);
            var inspectedOn = spec.Index == 0 ? today.AddDays(-20) : today.AddDays(-r.Next(15, 600));
            var inspection = Inspection.Record(spec.Id, inspectedOn, r.Next(2) == 0 ? "用电检查班 王工" : "用电检查班 李工", $"JC-{inspectedOn:yyyyMM}-{spec.Index:D5}");
            db.Inspections.Add(inspection);
            var count = 1 + r.Next(2);
            for (var k = 0; k < count; k++)
            {
                var f = Findings[r.Next(Findings.Length)];
                var deadline = inspectedOn.AddDays(f.Severity == HazardSeverity.Major ? 15 : 30);
                var hazard = Hazard.Found(spec.Id, inspection.Id, f.Text, f.Severity, inspectedOn, deadline);
                var outcome = spec.Index == 0 && k == 0 ? 0 : r.Next(4); // 0 open, 1 on time, 2 late, 3 reported awaiting check
                if (deadline < today && outcome is 1 or 2)
                {
                    var fixedOn = outcome == 1 ? deadline.AddDays(-r.Next(1, 10)) : deadline.AddDays(r.Next(3, 30));
                    if (fixedOn >= today) fixedOn = today.AddDays(-1);
                    hazard.ReportFixed(fixedOn, fixedOn, "已整改", $"demo/hazard-{spec.Index}-{k}.jpg");
                    hazard.Verify("inspector", fixedOn.AddDays(2) < today ? fixedOn.AddDays(2) : today);
                }
                else if (outcome == 3)
                {
                    hazard.ReportFixed(today.AddDays(-2), today.AddDays(-1), "已更换漏保，请核实", $"demo/hazard-{spec.Index}-{k}.jpg");
                }
                db.Hazards.Add(hazard);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
