using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;
using Portal.Domain.Marketing;
using Portal.Features.Complaints;
using Portal.Features.Demo;
using Portal.Features.Usage;

namespace Portal.Features.Marketing;

/// <summary>
/// Writes the generator's planted association outcomes as real rows (closed complaints taken by the hotline, usage
/// alerts), added to accounts that have no demo login, so the analysis finds known rules in the demo utility. Nothing
/// that other steps seeded is changed. The analysis then runs once, so the admin page has results before the first night.
/// </summary>
public sealed class DemoAssociationsStep(IDbContextFactory<AppDbContext> dbFactory, ComplaintClock clock, AssociationMiningJob analysis) : IDemoSeedStep
{
    public int Order => 60;

    // Above the other demo complaints' daily sequence numbers, so tracking numbers stay unique.
    private const long FirstSequence = 50_000;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var rules = RoutingRules.SeedDefault();
        var now = clock.Now;
        var calendar = await clock.CalendarAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hotline = await db.Users.Where(u => u.Email == "handler@demo.local").Select(u => u.Id).FirstAsync(ct);
        var seq = FirstSequence;
        foreach (var spec in context.Accounts)
        {
            var r = DemoRandom.For(spec.Index, 4712);
            foreach (var outcome in DemoPlantedAssociations.Outcomes(spec, context.Today))
            {
                // Well inside the default 12-month window and old enough to be closed.
                var at = now.AddDays(-r.Next(20, 330)).AddHours(-r.Next(0, 8));
                if (outcome.StartsWith(MarketingVocabulary.ComplaintPrefix, StringComparison.Ordinal))
                {
                    var category = Enum.Parse<ComplaintCategory>(outcome[MarketingVocabulary.ComplaintPrefix.Length..]);
                    var text = category == ComplaintCategory.BillingDispute ? "冬季电费明显偏高，请核实电采暖电价是否执行。" : "报装申请提交后迟迟没有安排现场勘查。";
                    var complaint = Complaint.Submit(new ComplaintSubmission(spec.Id, hotline, category, text, ContactPreference.Phone, $"demo-assoc-{spec.Index}-{category}"),
                        ++seq, at, calendar);
                    complaint.Route(RoutingEngine.Route(rules, new ComplaintRoutingInput(category, spec.Region, spec.Type, CreditTierLevel.B, text, at, []), calendar), at.AddMinutes(1));
                    complaint.Claim(hotline, at.AddHours(1));
                    complaint.RecordContact(hotline, "已电话联系客户，核实情况。", at.AddHours(2));
                    complaint.Reply(hotline, "已核实并向客户说明。", at.AddHours(6));
                    complaint.Resolve(hotline, "Fixed", "问题已处理完毕。", at.AddDays(1));
                    complaint.Confirm(hotline, at.AddDays(2));
                    db.Complaints.Add(complaint);
                }
                else if (outcome == MarketingVocabulary.AlertRaised)
                {
                    db.UsageAlerts.Add(new UsageAlertRow
                    {
                        AccountId = spec.Id,
                        DedupeKey = $"{spec.AccountNumber}|demo-assoc|{(int)Domain.Usage.UsageAlertKind.ForecastAboveThreshold}",
                        Kind = (int)Domain.Usage.UsageAlertKind.ForecastAboveThreshold,
                        Value = 1200m,
                        Limit = 1000m,
                        RaisedAtUtc = at - ComplaintClock.Offset,
                    });
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await analysis.RunAsync(ct);
    }
}
