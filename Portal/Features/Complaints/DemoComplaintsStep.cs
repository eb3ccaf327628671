using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Complaints;
using Portal.Features.Demo;

namespace Portal.Features.Complaints;

/// <summary>Complaints in every state, routed by the seeded rules, so queues, timelines and analytics have data.</summary>
public sealed class DemoComplaintsStep(IDbContextFactory<AppDbContext> dbFactory, ComplaintClock clock) : IDemoSeedStep
{
    public int Order => 30;

    private static readonly (ComplaintCategory Category, string Text)[] Samples =
    [
        (ComplaintCategory.Outage, "昨晚小区停电三个小时，没有收到任何停电通知，冰箱里的东西都坏了。"),
        (ComplaintCategory.BillingDispute, "本月电费比上月高出一倍，家里用电习惯没有变化，请核实抄表数据。"),
        (ComplaintCategory.MeterFault, "电能表屏幕不显示，怀疑电表故障，请派人检查。"),
        (ComplaintCategory.VoltageQuality, "晚上电压偏低，空调启动不了，灯光一直闪烁。"),
        (ComplaintCategory.ServiceAttitude, "营业厅工作人员办理业务时态度冷淡，等候时间过长。"),
        (ComplaintCategory.ConnectionDelay, "增容申请已经提交一个月了，还没有安排现场勘查。"),
        (ComplaintCategory.Outage, "Power has been off on our street since this morning and the hotline is busy."),
        (ComplaintCategory.VoltageQuality, "配电箱有冒烟和焦糊味，担心起火，请尽快处理！"),
        (ComplaintCategory.Other, "希望增加线上开具增值税专用发票的功能。"),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var rules = RoutingRules.SeedDefault();
        var now = clock.Now;
        var calendar = await clock.CalendarAsync(ct);
        var statuses = Enum.GetValues<ComplaintStatus>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = await db.AccountBindings.AsNoTracking().ToListAsync(ct);
        var handler = await db.Users.Where(u => u.Email == "handler@demo.local").Select(u => u.Id).FirstAsync(ct);
        var seq = 0L;
        var n = 0;
        // The demo customers' own accounts first, then a spread over the rest.
        var targets = context.Accounts.Take(5).Concat(context.Accounts.Skip(5).Where(a => a.Index % 6 == 0)).ToList();
        foreach (var spec in targets)
        {
            var owner = owners.FirstOrDefault(o => o.AccountId == spec.Id)?.UserId ?? context.NeighbourUserId;
            var r = DemoRandom.For(spec.Index, 313);
            var count = spec.Index < 5 ? 2 : 1;
            for (var k = 0; k < count; k++, n++)
            {
                var status = statuses[n % statuses.Length];
                var sample = Samples[r.Next(Samples.Length)];
                var submitted = now.AddDays(-(status == ComplaintStatus.Submitted ? 0 : r.Next(1, 40))).AddHours(-r.Next(1, 8));
                var day = DateOnly.FromDateTime(submitted);
                var complaint = Complaint.Submit(
                    new ComplaintSubmission(spec.Id, owner, sample.Category, sample.Text, ContactPreference.Phone, $"demo-{spec.Index}-{k}"),
                    ++seq, submitted, calendar);
                if (status != ComplaintStatus.Submitted)
                {
                    var decision = RoutingEngine.Route(rules, new ComplaintRoutingInput(sample.Category, spec.Region, spec.Type,
                        spec.Type == CustomerType.LargeIndustrial ? CreditTierLevel.A : CreditTierLevel.B, sample.Text, submitted, []), calendar);
                    complaint.Route(decision, submitted.AddMinutes(1));
                }
                var t = submitted.AddHours(2);
                if (status is ComplaintStatus.Contacted or ComplaintStatus.Replied or ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.Reopened)
                {
                    complaint.Claim(handler, t);
                    complaint.RecordContact(handler, "已电话联系客户，核实情况。", t.AddHours(1));
                }
                if (status is ComplaintStatus.Replied or ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.Reopened)
                    complaint.Reply(handler, "您好，我们已安排工作人员核查，将在3个工作日内给您答复。", t.AddHours(5));
                if (status is ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.Reopened)
                    complaint.Resolve(handler, "Fixed", "问题已处理完毕，感谢您的耐心。", t.AddDays(1));
                if (status == ComplaintStatus.Closed)
                {
                    complaint.Confirm(owner, t.AddDays(2));
                    complaint.RateHandling(owner, 4 + r.Next(2), "处理及时", t.AddDays(2));
                }
                if (status == ComplaintStatus.Reopened)
                    complaint.Reopen(owner, "问题再次出现", t.AddDays(3), calendar);
                db.Complaints.Add(complaint);
            }
        }
        await db.SaveChangesAsync(ct);
        await SeedRatingsAsync(db, context, owners, now, ct);
    }

    /// <summary>
    /// Ratings of past activities on the non-demo accounts (the demo customers' own activities stay unrated so they
    /// can try rating), so the satisfaction analytics have something to show.
    /// </summary>
    private static async Task SeedRatingsAsync(AppDbContext db, DemoSeedContext context, List<AccountBinding> owners, DateTime now, CancellationToken ct)
    {
        var others = context.Accounts.Where(a => a.Index >= 5).Select(a => a.Id).ToList();
        var cutoffUtc = now.AddDays(-3).AddHours(-8);
        var activities = await db.ServiceActivities.AsNoTracking()
            .Where(a => others.Contains(a.AccountId) && a.CompletedAtUtc < cutoffUtc).ToListAsync(ct);
        foreach (var a in activities)
        {
            var r = new Random(a.Id.GetHashCode());
            if (r.Next(3) == 0) continue; // not everyone rates
            var owner = owners.FirstOrDefault(o => o.AccountId == a.AccountId)?.UserId ?? context.NeighbourUserId;
            var score = r.Next(10) switch { 0 => 1, 1 => 2, 2 or 3 => 3, 4 or 5 or 6 => 4, _ => 5 };
            var level = (Portal.Domain.Ratings.SatisfactionLevel)(5 - score);
            var completed = ComplaintClock.ToLocal(a.CompletedAtUtc);
            db.ServiceRatings.Add(Portal.Domain.Ratings.ServiceRating.Submit(
                new Portal.Domain.Ratings.RateableActivity(a.Id, a.Type, a.AccountId, completed), owner, level, score,
                score <= 2 ? "上门时间比约定晚了很久。" : null, completed.AddHours(r.Next(2, 72))));
        }
        await db.SaveChangesAsync(ct);
    }
}
