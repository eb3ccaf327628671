using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Admin;
using Portal.Features.Complaints.BackOffice;
using Portal.Features.Complaints.Customer;

namespace Portal.Tests.Features.Complaints;

/// <summary>The handler's side and the whole loop: claim, contact, reply, resolve; the customer confirms and rates; conflicts.</summary>
[Collection(PortalCollection.Name)]
public class ComplaintHandlingTests(PortalHost host) : IClassFixture<PortalHost>
{
    private async Task<Guid> NewRoutedComplaintAsync(string text = "No power on our street since 7 o'clock this morning.")
    {
        var customer = await host.UserAsync("household@demo.local");
        var result = await host.Service<CustomerComplaintService>().SubmitAsync(customer,
            ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"), text), []);
        var routed = await host.WaitUntilRoutedAsync(result.ComplaintId!.Value);
        await host.WaitForNotificationsAsync(routed.CustomerUserId, routed.TrackingNumber, 2);
        return result.ComplaintId!.Value;
    }

    [Fact]
    public async Task A_complaint_goes_round_the_whole_loop_and_the_customer_is_told_at_every_status_change()
    {
        var id = await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var customer = await host.UserAsync("household@demo.local");
        var work = host.Service<ComplaintWorkService>();
        var mine = host.Service<CustomerComplaintService>();
        async Task<int> V() => (await host.LoadAsync(id)).Version;

        Assert.True((await work.ClaimAsync(handler, id, await V())).Ok);
        Assert.True((await work.RecordContactAsync(handler, id, await V(), "called at 10:05")).Ok);
        Assert.True((await work.ReplyAsync(handler, id, await V(), "A crew replaced the fuse at the pole.")).Ok);
        var seen = await mine.DetailAsync(customer, id);
        Assert.Contains(seen!.Timeline, t => t.Kind == TimelineEntryKind.Replied && t.CustomerText == "A crew replaced the fuse at the pole.");
        Assert.True(seen.Contact.IsMet);
        Assert.True(seen.Answer.IsMet);
        Assert.True((await work.ResolveAsync(handler, id, await V(), "Fixed", "Supply restored at 11:20.")).Ok);
        Assert.True((await mine.ConfirmAsync(customer, id, await V())).Ok);
        Assert.True((await mine.RateHandlingAsync(customer, id, await V(), 5, "Quick, thank you")).Ok);

        var done = await host.LoadAsync(id);
        Assert.Equal(ComplaintStatus.Closed, done.Status);
        Assert.Equal(5, done.HandlingScore);
        await using var db = await host.Db.CreateDbContextAsync();
        var kinds = await db.Notifications.Where(n => n.UserId == AccountAccessService.UserId(customer) && n.Arguments == done.TrackingNumber)
            .OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync();
        Assert.Equal(["ComplaintSubmitted", "ComplaintRouted", "ComplaintContacted", "ComplaintReplied", "ComplaintResolved", "ComplaintClosed"], kinds);
        Assert.True(await db.EmailMessages.AnyAsync(m => m.To == "household@demo.local" && m.Subject.Contains(done.TrackingNumber)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ComplaintResolved" && a.Target == "complaint:" + done.TrackingNumber));
    }

    [Fact]
    public async Task The_customer_answers_the_handlers_reply_and_the_handler_sees_it_and_gets_a_notice_while_nobody_else_can_write()
    {
        var id = await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var customer = await host.UserAsync("household@demo.local");
        var stranger = await host.UserAsync("business@demo.local");
        var work = host.Service<ComplaintWorkService>();
        var mine = host.Service<CustomerComplaintService>();
        async Task<int> V() => (await host.LoadAsync(id)).Version;
        Assert.True((await work.ClaimAsync(handler, id, await V())).Ok);
        Assert.True((await work.RecordContactAsync(handler, id, await V(), null)).Ok);
        Assert.True((await work.ReplyAsync(handler, id, await V(), "A crew will come tomorrow morning.")).Ok);

        Assert.Equal("Complaint.MessageRequired", Assert.Single((await mine.AddMessageAsync(customer, id, await V(), "  ")).Errors).Code);
        Assert.Equal("Complaints.NotFound", Assert.Single((await mine.AddMessageAsync(stranger, id, await V(), "Not my complaint.")).Errors).Code);
        Assert.True((await mine.AddMessageAsync(customer, id, await V(), "Tomorrow morning suits us, thank you.")).Ok);

        var handlerView = (await work.DetailAsync(id))!;
        Assert.Contains(handlerView.Complaint.Timeline, t => t.Kind == TimelineEntryKind.CustomerMessage && t.CustomerText == "Tomorrow morning suits us, thank you.");
        Assert.Equal(ComplaintStatus.Replied, handlerView.Complaint.Status);
        Assert.Contains((await mine.DetailAsync(customer, id))!.Timeline, t => t.Kind == TimelineEntryKind.CustomerMessage);
        var done = await host.LoadAsync(id);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == AccountAccessService.UserId(handler) && n.Kind == CustomerComplaintService.CustomerMessageNotice
            && n.Arguments == done.TrackingNumber && n.Link == $"/backoffice/complaints/{id}"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ComplaintCustomerMessage" && a.Target == "complaint:" + done.TrackingNumber));

        Assert.True((await work.ResolveAsync(handler, id, await V(), "Fixed", "Supply restored.")).Ok);
        Assert.Equal("Complaint.NotOpen", Assert.Single((await mine.AddMessageAsync(customer, id, await V(), "One more thing.")).Errors).Code);
    }

    [Fact]
    public async Task The_second_of_two_handlers_acting_on_the_same_version_is_told_and_nothing_is_overwritten()
    {
        var id = await NewRoutedComplaintAsync();
        var first = await host.UserAsync("handler@demo.local");
        var second = await host.UserAsync("admin@demo.local");
        var seenByBoth = (await host.LoadAsync(id)).Version;

        var won = await host.Service<ComplaintWorkService>().ClaimAsync(first, id, seenByBoth);
        var lost = await host.Service<ComplaintWorkService>().TransferAsync(second, id, seenByBoth, "billing", "wrong queue");

        Assert.True(won.Ok);
        Assert.False(lost.Ok);
        Assert.Equal("Complaints.Conflict", Assert.Single(lost.Errors).Code);
        var c = await host.LoadAsync(id);
        Assert.Equal("outage", c.QueueCode);
        Assert.Equal(AccountAccessService.UserId(first), c.ClaimedBy);
    }

    [Fact]
    public async Task The_version_token_refuses_a_save_that_raced_past_the_version_check()
    {
        var id = await NewRoutedComplaintAsync();
        var clock = host.Services.GetRequiredService<ComplaintClock>();
        await using var a = await host.Db.CreateDbContextAsync();
        await using var b = await host.Db.CreateDbContextAsync();
        var inA = await a.Complaints.FirstAsync(c => c.Id == id);
        var inB = await b.Complaints.FirstAsync(c => c.Id == id);
        inA.Claim("handler-a", clock.Now);
        inB.Claim("handler-b", clock.Now);

        await a.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        Assert.Equal("handler-a", (await host.LoadAsync(id)).ClaimedBy);
    }

    [Fact]
    public async Task A_handler_cannot_reply_to_a_complaint_claimed_by_someone_else()
    {
        var id = await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var admin = await host.UserAsync("admin@demo.local");
        var work = host.Service<ComplaintWorkService>();
        await work.ClaimAsync(handler, id, (await host.LoadAsync(id)).Version);
        await work.RecordContactAsync(handler, id, (await host.LoadAsync(id)).Version, null);

        var result = await work.ReplyAsync(admin, id, (await host.LoadAsync(id)).Version, "Answer from someone else");

        Assert.Equal("Complaint.NotClaimedByHandler", Assert.Single(result.Errors).Code);
        Assert.Null((await host.LoadAsync(id)).RepliedAt);
    }

    [Fact]
    public async Task A_transfer_needs_a_reason_and_moves_the_complaint_to_the_other_queue_unclaimed()
    {
        var id = await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var work = host.Service<ComplaintWorkService>();
        await work.ClaimAsync(handler, id, (await host.LoadAsync(id)).Version);

        var noReason = await work.TransferAsync(handler, id, (await host.LoadAsync(id)).Version, "billing", " ");
        var moved = await work.TransferAsync(handler, id, (await host.LoadAsync(id)).Version, "billing", "It is about the bill after the outage");

        Assert.Equal("Complaint.TransferReasonRequired", Assert.Single(noReason.Errors).Code);
        Assert.True(moved.Ok);
        var c = await host.LoadAsync(id);
        Assert.Equal("billing", c.QueueCode);
        Assert.Null(c.ClaimedBy);
    }

    [Fact]
    public async Task Resolving_requires_a_known_resolution_code()
    {
        var id = await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var work = host.Service<ComplaintWorkService>();
        await work.ClaimAsync(handler, id, (await host.LoadAsync(id)).Version);
        await work.RecordContactAsync(handler, id, (await host.LoadAsync(id)).Version, null);
        await work.ReplyAsync(handler, id, (await host.LoadAsync(id)).Version, "We are on it.");

        var unknown = await work.ResolveAsync(handler, id, (await host.LoadAsync(id)).Version, "Magic", "Done.");

        Assert.Equal("Complaint.ResolutionCodeRequired", Assert.Single(unknown.Errors).Code);
        Assert.Equal(ComplaintStatus.Replied, (await host.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Queue_counts_and_the_filtered_list_agree_and_page_on_the_server()
    {
        await NewRoutedComplaintAsync();
        var handler = await host.UserAsync("handler@demo.local");
        var work = host.Service<ComplaintWorkService>();

        var counts = await work.QueueCountsAsync();
        var outage = counts.Single(q => q.QueueCode == "outage");
        var (firstPage, total) = await work.ListAsync(handler, new WorkFilter(Queue: "outage"), 0, 2);
        var (overdueOnly, overdueTotal) = await work.ListAsync(handler, new WorkFilter(Queue: "outage", OverdueOnly: true), 0, 50);

        Assert.Equal(outage.Open, total);
        Assert.True(firstPage.Count <= 2);
        Assert.All(firstPage, w => Assert.Equal("outage", w.QueueCode));
        Assert.Equal(outage.Overdue, overdueTotal);
        Assert.All(overdueOnly, w => Assert.Equal(SlaState.Overdue, w.Sla));
    }

    [Fact]
    public async Task The_handler_sees_the_customer_at_a_glance_with_personal_data_masked()
    {
        var id = await NewRoutedComplaintAsync();
        await using var db = await host.Db.CreateDbContextAsync();
        var account = await db.Accounts.FirstAsync(a => a.Id == db.Complaints.Where(c => c.Id == id).Select(c => c.AccountId).First());

        var detail = await host.Service<ComplaintWorkService>().DetailAsync(id);

        var glance = Assert.Single(detail!.Accounts, a => a.Id == account.Id);
        Assert.NotEqual(account.Phone, glance.MaskedPhone);
        Assert.Contains("****", glance.MaskedPhone);
        Assert.NotEqual(account.HolderName, glance.MaskedHolder);
        Assert.Equal("h***@demo.local", detail.MaskedCustomerEmail);
        Assert.NotEmpty(detail.EarlierComplaints);
    }

    [Fact]
    public async Task Analytics_measure_resolution_and_satisfaction_and_export_csv_for_admins_only()
    {
        var report = await host.Service<ComplaintAnalyticsService>().ReportAsync();
        Assert.True(report.ContactCompliance.Denominator > 0);
        Assert.NotEmpty(report.ByCategory);
        Assert.All(report.ByCategory, g => Assert.Equal(g.Count, g.Resolved.Denominator));

        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        var csv = await admin.GetAsync("/backoffice/complaints/analytics.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("section,key,count,value,detail", text.TrimStart('\uFEFF'));
        Assert.Contains("sla,first-contact", text);

        using var handler = host.Client(@internal: true);
        await handler.SignInAsync("handler@demo.local");
        var refused = await handler.GetAsync("/backoffice/complaints/analytics.csv");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString());
        using var outside = host.Client();
        await outside.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/backoffice/complaints/analytics.csv")).StatusCode);
    }

    [Theory]
    [InlineData("/backoffice/complaints")]
    [InlineData("/backoffice/complaints/rules")]
    [InlineData("/backoffice/complaints/analytics")]
    public async Task Back_office_complaint_pages_render_for_an_admin_on_the_internal_endpoint(string path)
    {
        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/activities")]
    [InlineData("/complaints")]
    [InlineData("/complaints/new")]
    public async Task Customer_complaint_pages_render_for_a_customer(string path)
    {
        using var customer = host.Client();
        await customer.SignInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(path)).StatusCode);
    }
}
