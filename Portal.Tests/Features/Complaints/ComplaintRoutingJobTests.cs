using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Customer;
using Portal.Features.Complaints.Jobs;

namespace Portal.Tests.Features.Complaints;

/// <summary>The routing job, the sweeper and the SLA watcher against the real database: idempotent, and they recover lost work.</summary>
[Collection(PortalCollection.Name)]
public class ComplaintRoutingJobTests(PortalHost host) : IClassFixture<PortalHost>
{
    private ComplaintClock Clock => host.Services.GetRequiredService<ComplaintClock>();

    [Fact]
    public async Task The_sweeper_routes_a_complaint_whose_job_was_lost_after_a_minute_but_not_before()
    {
        var user = await host.UserAsync("household@demo.local");
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var userId = AccountAccessService.UserId(user)!;
        var lost = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddSeconds(-70));
        var fresh = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddSeconds(-30));

        await host.Service<ComplaintSweepJob>().RunAsync(CancellationToken.None);

        Assert.Equal(ComplaintStatus.Routed, (await host.LoadAsync(lost)).Status);
        Assert.Equal("metering", (await host.LoadAsync(lost)).QueueCode);
        Assert.Equal(ComplaintStatus.Submitted, (await host.LoadAsync(fresh)).Status);
    }

    [Theory]
    [InlineData("en-US", "Rule “meter” → queue Metering, priority Normal", "Urgency keywords [smoke]: Normal → Urgent", "Metering")]
    [InlineData("zh-CN", "规则“meter” → 队列 计量，优先级 普通", "紧急关键词 [smoke]：普通 → 紧急", "计量")]
    public async Task The_back_office_reads_the_stored_routing_explanation_and_queue_names_in_its_language(string culture, string rule, string urgency, string metering)
    {
        var user = await host.UserAsync("household@demo.local");
        var id = await host.InsertUnroutedAsync(await host.FirstAccountOfAsync("household@demo.local"), AccountAccessService.UserId(user)!, Clock.Now,
            "There is smoke coming from the meter box.");
        await host.Service<RouteComplaintJob>().RunAsync(id, CancellationToken.None);
        var note = (await host.LoadAsync(id)).Timeline.Single(t => t.Kind == TimelineEntryKind.Routed).InternalNote;
        var l = host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            var text = ComplaintUi.InternalNote(l, TimelineEntryKind.Routed, note);
            Assert.StartsWith(rule, text);
            Assert.Contains(urgency, text);
            Assert.Equal(metering, ComplaintUi.QueueName(l, "metering"));
            Assert.Equal("new-queue", ComplaintUi.QueueName(l, "new-queue"));
            Assert.Equal("Rule 'x' → queue 'y'", ComplaintUi.InternalNote(l, TimelineEntryKind.Routed, "Rule 'x' → queue 'y'"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Routed_deadlines_skip_the_national_day_holiday_and_count_its_make_up_saturday()
    {
        var user = await host.UserAsync("household@demo.local");
        var submitted = new DateTime(2026, 9, 30, 16, 0, 0); // Wednesday; 1–7 October are holidays, Saturday 10 October is worked
        var id = await host.InsertUnroutedAsync(await host.FirstAccountOfAsync("household@demo.local"), AccountAccessService.UserId(user)!, submitted);

        await host.Service<RouteComplaintJob>().RunAsync(id, CancellationToken.None);

        var c = await host.LoadAsync(id);
        Assert.Equal(new DateTime(2026, 10, 8, 16, 0, 0), c.FirstContactDueAt);
        Assert.Equal(new DateTime(2026, 10, 15, 16, 0, 0), c.AnswerDueAt);
    }

    [Fact]
    public async Task A_complaint_filed_on_friday_evening_starts_its_clock_on_monday_morning()
    {
        var user = await host.UserAsync("household@demo.local");
        var hours = (await Clock.CalendarAsync()).Hours;
        var opens = hours.Opens;
        var friday = new DateTime(2026, 11, 20).Add(hours.Closes.ToTimeSpan()).AddMinutes(30);
        var id = await host.InsertUnroutedAsync(await host.FirstAccountOfAsync("household@demo.local"), AccountAccessService.UserId(user)!, friday);

        await host.Service<RouteComplaintJob>().RunAsync(id, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 11, 24).ToDateTime(opens), (await host.LoadAsync(id)).FirstContactDueAt);
    }

    [Fact]
    public async Task Running_the_routing_job_twice_routes_once()
    {
        var user = await host.UserAsync("household@demo.local");
        var id = await host.InsertUnroutedAsync(await host.FirstAccountOfAsync("household@demo.local"), AccountAccessService.UserId(user)!, Clock.Now);
        var job = host.Service<RouteComplaintJob>();

        Assert.True(await job.RunAsync(id, CancellationToken.None));
        Assert.False(await job.RunAsync(id, CancellationToken.None));

        var c = await host.LoadAsync(id);
        Assert.Single(c.Timeline, t => t.Kind == TimelineEntryKind.Routed);
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(31, false)]
    public async Task A_second_complaint_on_the_same_account_within_30_days_is_a_repeat_and_raised_one_step(int daysBetween, bool repeat)
    {
        var userId = AccountAccessService.UserId(await host.UserAsync("neighbour@demo.local"))!;
        Guid account;
        await using (var db = await host.Db.CreateDbContextAsync())
            account = await db.Accounts.Where(a => a.Type == CustomerType.Residential && !db.Complaints.Any(c => c.AccountId == a.Id))
                .Select(a => a.Id).FirstAsync();
        var job = host.Service<RouteComplaintJob>();
        var first = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddDays(-daysBetween), "Meter reading looks wrong this month.");
        await job.RunAsync(first, CancellationToken.None);
        var second = await host.InsertUnroutedAsync(account, userId, Clock.Now, "Meter reading looks wrong this month again.");

        await job.RunAsync(second, CancellationToken.None);

        var c = await host.LoadAsync(second);
        Assert.Equal(repeat, c.IsRepeat);
        // The meter rule gives Normal; a repeat raises it one step, and so does a top credit tier.
        var topTier = await host.Service<IComplaintCreditTiers>().TierForAsync(account, CustomerType.Residential) == CreditTierLevel.A;
        var expected = (ComplaintPriority)Math.Min((int)ComplaintPriority.Urgent, (int)ComplaintPriority.Normal + (repeat ? 1 : 0) + (topTier ? 1 : 0));
        Assert.Equal(expected, c.Priority);
    }

    [Fact]
    public async Task Routing_applies_the_accounts_current_credit_tier()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var large = await db.Accounts.Where(a => a.Type == CustomerType.LargeIndustrial).Select(a => a.Id).FirstAsync();
        var business = await host.UserAsync("business@demo.local");
        var id = await host.InsertUnroutedAsync(large, AccountAccessService.UserId(business)!, Clock.Now, "Meter shows an error code E-07.");
        // The tier comes from the credit ledger (CreditComplaintTiers); accounts without one fall back to the type rule.
        var tier = await host.Service<IComplaintCreditTiers>().TierForAsync(large, CustomerType.LargeIndustrial);

        await host.Service<RouteComplaintJob>().RunAsync(id, CancellationToken.None);

        var routed = await host.LoadAsync(id);
        var steps = RoutingExplanation.TryDecode(routed.Timeline.Single(t => t.Kind == TimelineEntryKind.Routed).InternalNote);
        Assert.NotNull(steps);
        var tierStep = steps.SingleOrDefault(s => s.Code == "Routing.Overlay.TopCreditTier");
        if (tier == CreditTierLevel.A)
        {
            Assert.Equal([RoutingArg.Text("A"), RoutingArg.Priority(ComplaintPriority.Normal), RoutingArg.Priority(ComplaintPriority.High)], tierStep!.Args);
            Assert.True(routed.Priority >= ComplaintPriority.High);
        }
        else
        {
            Assert.Null(tierStep);
        }
    }

    [Fact]
    public void Without_a_credit_ledger_large_industrial_counts_as_the_top_tier()
    {
        Assert.Equal(CreditTierLevel.A, AccountTypeCreditTiers.FromAccountType(CustomerType.LargeIndustrial));
        Assert.Equal(CreditTierLevel.B, AccountTypeCreditTiers.FromAccountType(CustomerType.Business));
    }

    [Fact]
    public async Task An_urgency_keyword_makes_the_complaint_urgent_with_a_15_minute_dispatch_clock()
    {
        var user = await host.UserAsync("household@demo.local");
        var result = await host.Service<CustomerComplaintService>().SubmitAsync(user,
            ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"), "配电箱冒烟，有焦糊味，请马上处理", ComplaintCategory.VoltageQuality), []);

        var c = await host.WaitUntilRoutedAsync(result.ComplaintId!.Value);

        Assert.Equal(ComplaintPriority.Urgent, c.Priority);
        Assert.Equal(c.SubmittedAt.AddMinutes(15), c.DispatchDueAt);
    }

    [Fact]
    public async Task The_sla_watcher_escalates_an_overdue_complaint_once_and_tells_the_supervisors()
    {
        var user = await host.UserAsync("household@demo.local");
        var userId = AccountAccessService.UserId(user)!;
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var job = host.Service<RouteComplaintJob>();
        var overdue = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddDays(-20), "Meter has been blank for three weeks.");
        var onTime = await host.InsertUnroutedAsync(account, userId, Clock.Now, "Meter display flickers sometimes.");
        await job.RunAsync(overdue, CancellationToken.None);
        await job.RunAsync(onTime, CancellationToken.None);
        var watcher = host.Service<ComplaintSlaWatchJob>();

        await watcher.RunAsync(CancellationToken.None);
        await watcher.RunAsync(CancellationToken.None);

        var escalated = await host.LoadAsync(overdue);
        Assert.True(escalated.IsEscalated);
        Assert.Equal("supervisor", escalated.QueueCode);
        Assert.Single(escalated.Timeline, t => t.Kind == TimelineEntryKind.Escalated);
        Assert.False((await host.LoadAsync(onTime)).IsEscalated);
        await using var db = await host.Db.CreateDbContextAsync();
        var admin = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).FirstAsync();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == admin && n.Kind == "ComplaintEscalated" && n.Arguments == escalated.TrackingNumber));
    }

    [Theory]
    [InlineData("en-US", "SLA: first contact overdue since {0}", "SLA: not dispatched within 15 min")]
    [InlineData("zh-CN", "时限：首次联系已于 {0} 超期", "时限：15 分钟内未派单")]
    public async Task The_sla_watchers_escalation_reason_reads_in_the_back_offices_language(string culture, string contact, string dispatch)
    {
        var user = await host.UserAsync("household@demo.local");
        var userId = AccountAccessService.UserId(user)!;
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var job = host.Service<RouteComplaintJob>();
        var silent = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddDays(-20), "Meter has been blank for three weeks.");
        var undispatched = await host.InsertUnroutedAsync(account, userId, Clock.Now.AddMinutes(-30), "There is smoke coming from the meter box.");
        await job.RunAsync(silent, CancellationToken.None);
        await job.RunAsync(undispatched, CancellationToken.None);

        await host.Service<ComplaintSlaWatchJob>().RunAsync(CancellationToken.None);

        var l = host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            var s = await host.LoadAsync(silent);
            var due = s.FirstContactDueAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(string.Format(contact, due), ComplaintUi.InternalNote(l, TimelineEntryKind.Escalated, s.Timeline.Single(t => t.Kind == TimelineEntryKind.Escalated).InternalNote));
            var d = await host.LoadAsync(undispatched);
            Assert.Equal(dispatch, ComplaintUi.InternalNote(l, TimelineEntryKind.Escalated, d.Timeline.Single(t => t.Kind == TimelineEntryKind.Escalated).InternalNote));
            // A handler's own escalation reason is shown as written, even when it looks like a list.
            Assert.Equal("[urgent] customer called twice", ComplaintUi.InternalNote(l, TimelineEntryKind.Escalated, "[urgent] customer called twice"));
            Assert.Equal("[]", ComplaintUi.InternalNote(l, TimelineEntryKind.Escalated, "[]"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Saved_rules_route_new_complaints_and_invalid_rules_are_refused_without_a_new_version()
    {
        var store = host.Services.GetRequiredService<RoutingRulesStore>();
        var seed = RoutingRulesJson.Serialize(RoutingRules.SeedDefault().Settings);
        var adminId = AccountAccessService.UserId(await host.UserAsync("admin@demo.local"))!;

        var broken = await store.SaveAsync("{ \"Rules\": [ ", adminId);
        var seedRules = RoutingRules.SeedDefault().Settings;
        var noCatchAll = await store.SaveAsync(RoutingRulesJson.Serialize(seedRules with { Rules = seedRules.Rules.SkipLast(1).ToList() }), adminId);
        Assert.Null(broken.Version);
        Assert.Contains(broken.Problems, p => p.Code == "Routing.InvalidJson");
        Assert.Null(noCatchAll.Version);
        Assert.Contains(noCatchAll.Problems, p => p.Code == "Routing.NoCatchAll");

        var saved = await store.SaveAsync(seed.Replace("\"QueueCode\": \"metering\"", "\"QueueCode\": \"meter-lab\""), adminId);
        try
        {
            Assert.NotNull(saved.Version);
            var user = await host.UserAsync("household@demo.local");
            var id = await host.InsertUnroutedAsync(await host.FirstAccountOfAsync("household@demo.local"), AccountAccessService.UserId(user)!, Clock.Now);
            await host.Service<RouteComplaintJob>().RunAsync(id, CancellationToken.None);
            Assert.Equal("meter-lab", (await host.LoadAsync(id)).QueueCode);
        }
        finally
        {
            await store.SaveAsync(seed, adminId); // the other tests expect the seeded queues
        }
    }
}
