using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Safety;
using Portal.Domain.Service;
using Portal.Features.FieldOps;
using Portal.Features.Safety;
using Portal.Tests.Features.Credit;

namespace Portal.Tests.Features.FieldOps;

/// <summary>Field intake through the real services on the seeded app: inspections, jobs and their rating invitation, the CSV import.</summary>
[Collection(PortalCollection.Name)]
public class FieldOpsIntakeTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static DateTime NowLocal => DateTime.UtcNow.AddHours(8);

    private async Task<(Guid Id, string Number)> HouseholdAccountAsync()
    {
        var id = (await host.BoundAccountsAsync("household@demo.local")).Single();
        await using var db = await host.Db.CreateDbContextAsync();
        return (id, await db.Accounts.Where(a => a.Id == id).Select(a => a.AccountNumber).SingleAsync());
    }

    private async Task<int> CountAsync(Func<AppDbContext, Task<int>> count)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await count(db);
    }

    private async Task<int> InvitationsAsync(string userId) =>
        await CountAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.Kind == "RateActivity"));

    private async Task<string> UserIdAsync(string email) =>
        (await host.UserAsync(email, Roles.Customer)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    [Fact]
    public async Task An_inspection_recorded_by_staff_shows_its_hazard_to_the_customer_with_the_default_deadline_and_is_audited()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (_, number) = await HouseholdAccountAsync();
        var intake = host.Services.GetRequiredService<InspectionIntakeService>();

        var result = await intake.RecordAsync(staff, new InspectionDraft(number, Today, "用电检查班 赵工", null,
            [new HazardDraft(HazardSeverity.Major, "表箱进水 " + Guid.NewGuid().ToString("N")[..6])]));

        Assert.True(result.Ok);
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var mine = await host.Services.GetRequiredService<HazardService>().MineAsync(household);
        var row = Assert.Single(mine, h => h.Id == result.Recorded!.HazardIds.Single());
        Assert.Equal(Today.AddDays(RectificationDeadlines.MajorDefaultDays), row.Deadline);
        Assert.Equal(result.Recorded!.NoticeNumber, row.NoticeNumber);
        Assert.Equal(1, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Safety.InspectionRecorded" && a.Target == result.Recorded.InspectionId.ToString())));
    }

    [Fact]
    public async Task An_inspection_with_one_bad_hazard_writes_nothing_and_names_the_hazard()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (id, number) = await HouseholdAccountAsync();
        var before = await CountAsync(db => db.Inspections.CountAsync(i => i.AccountId == id));

        var result = await host.Services.GetRequiredService<InspectionIntakeService>().RecordAsync(staff, new InspectionDraft(number, Today, "赵工", null,
            [new HazardDraft(HazardSeverity.Minor, "电缆沟积水"), new HazardDraft(HazardSeverity.Major, "漏保失效", Today.AddDays(RectificationDeadlines.MajorMaxDays + 1))]));

        Assert.False(result.Ok);
        Assert.Equal(new IntakeError("Safety.DeadlineTooFar", 1), Assert.Single(result.Errors));
        Assert.Equal(before, await CountAsync(db => db.Inspections.CountAsync(i => i.AccountId == id)));
        var unknown = await host.Services.GetRequiredService<InspectionIntakeService>().RecordAsync(staff, new InspectionDraft("0000000000", Today, "赵工", null, []));
        Assert.Contains(new IntakeError("Intake.AccountUnknown"), unknown.Errors);
    }

    [Fact]
    public async Task A_completed_job_invites_the_accounts_users_to_rate_it_once_and_an_unfinished_one_does_not()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (_, number) = await HouseholdAccountAsync();
        var householdId = await UserIdAsync("household@demo.local");
        var fieldOps = host.Services.GetRequiredService<FieldOpsService>();
        var before = await InvitationsAsync(householdId);

        var notDone = await fieldOps.RecordActivityAsync(staff, new ActivityDraft(number, ServiceActivityType.MeterReplacement, NowLocal.AddHours(-1), "张师傅",
            ActivityOutcome.CouldNotComplete, "客户不在家", "换表未完成"));
        Assert.True(notDone.Ok);
        Assert.Equal(0, notDone.Invited);
        Assert.Equal(before, await InvitationsAsync(householdId));

        var done = await fieldOps.RecordActivityAsync(staff, new ActivityDraft(number, ServiceActivityType.EnergyAudit, NowLocal.AddHours(-1), "李工",
            ActivityOutcome.Completed, null, "能效诊断：建议更换空调"));
        Assert.True(done.Ok);
        Assert.Equal(1, done.Invited);
        Assert.Equal(before + 1, await InvitationsAsync(householdId));
        Assert.Equal(0, await fieldOps.InviteToRateAsync(done.ActivityId!.Value));
        Assert.Equal(before + 1, await InvitationsAsync(householdId));

        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var activities = await host.Services.GetRequiredService<Portal.Features.Complaints.Customer.RatingService>().ActivitiesAsync(household);
        Assert.Contains(activities, a => a.Id == done.ActivityId && a.AwaitsRating);
    }

    [Fact]
    public async Task A_job_with_a_missing_reason_or_in_the_future_is_refused_with_its_rule()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (_, number) = await HouseholdAccountAsync();
        var fieldOps = host.Services.GetRequiredService<FieldOpsService>();

        var noReason = await fieldOps.RecordActivityAsync(staff, new ActivityDraft(number, ServiceActivityType.Repair, NowLocal.AddHours(-1), "张师傅",
            ActivityOutcome.CouldNotComplete, " ", "抢修"));
        var future = await fieldOps.RecordActivityAsync(staff, new ActivityDraft(number, ServiceActivityType.Repair, NowLocal.AddHours(1), "张师傅",
            ActivityOutcome.Completed, null, "抢修"));

        Assert.Equal(["Activity.ReasonRequired"], noReason.Errors);
        Assert.Equal(["Activity.InFuture"], future.Errors);
    }

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    [Fact]
    public async Task An_import_with_a_wrong_header_is_refused_whole()
    {
        var import = host.Services.GetRequiredService<FieldOpsImportService>();

        var outcome = await import.ImportAsync(Csv("account,type,date", "0100,Repair,2026-12-01"), null, "test");

        Assert.True(outcome.Refused);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_writes_nothing_and_reports_its_line_and_column()
    {
        var import = host.Services.GetRequiredService<FieldOpsImportService>();
        var (_, number) = await HouseholdAccountAsync();
        var reference = "WO-" + Guid.NewGuid().ToString("N")[..8];
        var when = NowLocal.AddDays(-1).ToString("yyyy-MM-dd HH:mm");

        var outcome = await import.ImportAsync(Csv(FieldOpsImportService.Header,
            $"pms,{reference}-1,{number},Repair,{when},张师傅,Completed,,更换熔断器",
            $"pms,{reference}-2,{number},Teleport,{when},张师傅,Completed,,?",
            $"pms,{reference}-3,{number},Repair,{when},张师傅,CouldNotComplete,,未完成"), null, "test");

        Assert.False(outcome.Ok);
        Assert.Contains(new FieldImportError(3, "type", "FieldImport.TypeUnknown"), outcome.Errors);
        Assert.Contains(new FieldImportError(4, "reason", "Activity.ReasonRequired"), outcome.Errors);
        Assert.Equal(0, await CountAsync(db => db.ServiceActivities.CountAsync(a => a.ExternalReference!.StartsWith(reference))));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_its_jobs_once_and_invites_once()
    {
        var import = host.Services.GetRequiredService<FieldOpsImportService>();
        var (_, number) = await HouseholdAccountAsync();
        var householdId = await UserIdAsync("household@demo.local");
        var reference = "WO-" + Guid.NewGuid().ToString("N")[..8];
        var when = NowLocal.AddDays(-1).ToString("yyyy-MM-dd HH:mm");
        string[] file = [FieldOpsImportService.Header,
            $"pms,{reference}-1,{number},NewConnection,{when},王班长,Completed,,增容送电",
            $"pms,{reference}-2,{number},InspectionBooking,{when},王班长,FollowUpNeeded,,已预约下周检查"];
        var before = await InvitationsAsync(householdId);

        var first = await import.ImportAsync(Csv(file), null, "test");
        var second = await import.ImportAsync(Csv(file), null, "test");

        Assert.Equal((2, 0), (first.Added, first.AlreadyThere));
        Assert.Equal((0, 2), (second.Added, second.AlreadyThere));
        Assert.Equal(2, await CountAsync(db => db.ServiceActivities.CountAsync(a => a.ExternalReference!.StartsWith(reference))));
        Assert.Equal(before + 1, await InvitationsAsync(householdId));
    }
}
