using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Features.Complaints.BackOffice;
using Portal.Features.Complaints.Customer;

namespace Portal.Tests.Features.Complaints;

/// <summary>Filing a complaint through the real service on a running portal: validation, idempotency, ownership, attachments.</summary>
[Collection(PortalCollection.Name)]
public class ComplaintFilingTests(PortalHost host) : IClassFixture<PortalHost>
{
    private CustomerComplaintService Complaints => host.Service<CustomerComplaintService>();

    [Fact]
    public async Task A_valid_complaint_gets_a_tracking_number_and_is_routed_into_a_queue_by_the_job()
    {
        var user = await host.UserAsync("household@demo.local");
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var result = await Complaints.SubmitAsync(user, ComplaintsTestKit.Form(account), []);

        Assert.True(result.Ok);
        Assert.Matches(@"^TS-\d{8}-\d{6}$", result.TrackingNumber!);
        var routed = await host.WaitUntilRoutedAsync(result.ComplaintId!.Value, TimeSpan.FromSeconds(30));
        Assert.Equal(ComplaintStatus.Routed, routed.Status);
        Assert.Equal("outage", routed.QueueCode);
        // The job notifies right after it saves; give it a moment.
        var kinds = await host.WaitForNotificationsAsync(AccountAccessService.UserId(user)!, result.TrackingNumber!, 2);
        Assert.Equal(["ComplaintSubmitted", "ComplaintRouted"], kinds);
    }

    [Fact]
    public async Task A_double_submit_with_the_same_key_creates_one_complaint()
    {
        var user = await host.UserAsync("household@demo.local");
        var form = ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"), key: "double-" + Guid.NewGuid());

        var both = await Task.WhenAll(Complaints.SubmitAsync(user, form, []), host.Service<CustomerComplaintService>().SubmitAsync(user, form, []));
        var again = await Complaints.SubmitAsync(user, form, []);

        Assert.All(both.Append(again), r => Assert.True(r.Ok));
        Assert.Single(both.Append(again).Select(r => r.ComplaintId).Distinct());
        Assert.True(again.WasDuplicate);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.Complaints.CountAsync(c => c.IdempotencyKey == form.IdempotencyKey));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public async Task The_description_must_be_10_to_2000_characters(int length, bool accepted)
    {
        var user = await host.UserAsync("household@demo.local");
        var form = ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"), new string('停', length));

        var result = await Complaints.SubmitAsync(user, form, []);

        Assert.Equal(accepted, result.Ok);
        if (!accepted)
        {
            Assert.Contains(result.Errors, e => e.Code is "Complaint.DescriptionTooShort" or "Complaint.DescriptionTooLong");
            await using var db = await host.Db.CreateDbContextAsync();
            Assert.False(await db.Complaints.AnyAsync(c => c.IdempotencyKey == form.IdempotencyKey));
        }
    }

    [Fact]
    public async Task An_exe_renamed_jpg_is_refused_and_nothing_is_stored()
    {
        var user = await host.UserAsync("household@demo.local");
        var form = ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"));
        var storage = host.Services.GetRequiredService<ComplaintAttachmentStorage>();
        var foldersBefore = Directory.Exists(storage.Root) ? Directory.GetDirectories(storage.Root).Length : 0;

        var result = await Complaints.SubmitAsync(user, form,
            [new AttachmentUpload("photo.jpg", "image/jpeg", 200, ComplaintsTestKit.Exe), new AttachmentUpload("ok.jpg", "image/jpeg", 11, ComplaintsTestKit.Jpeg)]);

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == "Attachment.UnsupportedContent" && e.Subject == "photo.jpg");
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Complaints.AnyAsync(c => c.IdempotencyKey == form.IdempotencyKey));
        Assert.Equal(foldersBefore, Directory.Exists(storage.Root) ? Directory.GetDirectories(storage.Root).Length : 0);
    }

    [Theory]
    [InlineData(5 * 1024 * 1024, true)]
    [InlineData(5 * 1024 * 1024 + 1, false)]
    public async Task An_attachment_may_be_at_most_5_MB(int size, bool accepted)
    {
        var user = await host.UserAsync("household@demo.local");
        var bytes = new byte[size];
        ComplaintsTestKit.Jpeg.CopyTo(bytes, 0);

        var result = await Complaints.SubmitAsync(user, ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local")),
            [new AttachmentUpload("meter.jpg", "image/jpeg", size, bytes)]);

        Assert.Equal(accepted, result.Ok);
        if (!accepted) Assert.Contains(result.Errors, e => e.Code == "Attachment.TooLarge");
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public async Task A_complaint_takes_at_most_three_attachments(int count, bool accepted)
    {
        var user = await host.UserAsync("household@demo.local");
        var files = Enumerable.Range(1, count).Select(i => new AttachmentUpload($"p{i}.jpg", "image/jpeg", 11, ComplaintsTestKit.Jpeg)).ToList();

        var result = await Complaints.SubmitAsync(user, ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local")), files);

        Assert.Equal(accepted, result.Ok);
        if (accepted)
        {
            var stored = await host.LoadAsync(result.ComplaintId!.Value);
            Assert.Equal(count, stored.Attachments.Count);
            var storage = host.Services.GetRequiredService<ComplaintAttachmentStorage>();
            Assert.All(stored.Attachments, a => Assert.True(File.Exists(Path.Combine(storage.Root, a.StoredPath))));
            Assert.DoesNotContain("wwwroot", storage.Root);
        }
        else Assert.Contains(result.Errors, e => e.Code == "Attachment.TooMany");
    }

    [Fact]
    public async Task A_complaint_on_someone_elses_account_or_activity_is_refused_and_nothing_is_stored()
    {
        var user = await host.UserAsync("household@demo.local");
        var neighbours = await host.FirstAccountOfAsync("neighbour@demo.local");
        Guid neighboursActivity;
        await using (var db = await host.Db.CreateDbContextAsync())
            neighboursActivity = await db.ServiceActivities.Where(a => a.AccountId == neighbours).Select(a => a.Id).FirstAsync();

        var onAccount = await Complaints.SubmitAsync(user, ComplaintsTestKit.Form(neighbours), []);
        var onActivity = await Complaints.SubmitAsync(user,
            ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local"), activity: neighboursActivity), []);

        Assert.Contains(onAccount.Errors, e => e.Code == "Complaint.AccountNotFound");
        Assert.Contains(onActivity.Errors, e => e.Code == "Complaint.ActivityNotFound");
        Assert.False(onAccount.Ok || onActivity.Ok);
    }

    [Fact]
    public async Task Another_customer_gets_not_found_for_a_complaint_and_its_attachment()
    {
        var owner = await host.UserAsync("household@demo.local");
        var result = await Complaints.SubmitAsync(owner, ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local")),
            [new AttachmentUpload("meter.jpg", "image/jpeg", 11, ComplaintsTestKit.Jpeg)]);
        var id = result.ComplaintId!.Value;
        var attachment = (await host.LoadAsync(id)).Attachments.Single().Id;
        var url = $"/complaints/{id}/attachments/{attachment}";

        Assert.Null(await Complaints.DetailAsync(await host.UserAsync("neighbour@demo.local"), id));
        Assert.Equal(ActionResult.NotFound.Errors, (await Complaints.ConfirmAsync(await host.UserAsync("neighbour@demo.local"), id, 1)).Errors);

        using var ownerClient = host.Client();
        await ownerClient.SignInAsync("household@demo.local");
        var download = await ownerClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(ComplaintsTestKit.Jpeg, await download.Content.ReadAsByteArrayAsync());

        using var neighbour = host.Client();
        await neighbour.SignInAsync("neighbour@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(url)).StatusCode);

        using var handlerOutside = host.Client();
        await handlerOutside.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await handlerOutside.GetAsync(url)).StatusCode);

        using var handlerInside = host.Client(@internal: true);
        await handlerInside.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await handlerInside.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_customer_timeline_never_shows_internal_notes_or_queue_moves()
    {
        var customer = await host.UserAsync("household@demo.local");
        var handler = await host.UserAsync("handler@demo.local");
        var work = host.Service<ComplaintWorkService>();
        var submitted = await Complaints.SubmitAsync(customer, ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local")), []);
        var id = submitted.ComplaintId!.Value;
        await host.WaitUntilRoutedAsync(id);
        var version = (await host.LoadAsync(id)).Version;
        Assert.True((await work.ClaimAsync(handler, id, version)).Ok);
        Assert.True((await work.AddNoteAsync(handler, id, version + 1, "SECRET: line crew short-staffed")).Ok);
        Assert.True((await work.RecordContactAsync(handler, id, version + 2, "SECRET: customer was rude")).Ok);

        var view = await Complaints.DetailAsync(customer, id);

        Assert.NotNull(view);
        Assert.All(view.Timeline, t => Assert.Null(t.InternalNote));
        Assert.DoesNotContain(view.Timeline, t => t.Kind is TimelineEntryKind.Note or TimelineEntryKind.Routed or TimelineEntryKind.Claimed);
        Assert.Contains(view.Timeline, t => t.Kind == TimelineEntryKind.Contacted);
        var staffView = await work.DetailAsync(id);
        Assert.Contains(staffView!.Complaint.Timeline, t => t.InternalNote == "SECRET: line crew short-staffed");
    }
}
