using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Statements;
using static Portal.Tests.Features.Statements.StatementTestHelpers;

namespace Portal.Tests.Features.Statements;

[Collection(PortalCollection.Name)]
public class StatementAdminTests(PortalHost host) : IClassFixture<PortalHost>
{
    private StatementAdminService Admin => host.Services.GetRequiredService<StatementAdminService>();

    private async Task<ClaimsPrincipal> StaffAsync(string email, string role)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Role, role)], "test"));
    }

    private async Task<Guid> IssueAsync(Guid accountId, int skip = 0)
    {
        var bill = await LatestBillAsync(host, accountId, skip);
        return (await host.Services.GetRequiredService<StatementIssuer>().IssueAsync(bill.Id)).StatementId!.Value;
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_correction_without_a_reason_writes_nothing(string reason)
    {
        var id = await IssueAsync(await AccountOfAsync(host, "household@demo.local"));
        var (outcome, newId) = await Admin.CorrectAsync(await StaffAsync("admin@demo.local", Roles.Admin), id, reason);
        Assert.Equal((CorrectionOutcome.ReasonRequired, (Guid?)null), (outcome, newId));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Statements.AnyAsync(s => s.SupersedesId == id));
    }

    [Fact]
    public async Task A_reason_of_five_hundred_characters_is_accepted_and_one_more_is_refused()
    {
        var id = await IssueAsync(await AccountOfAsync(host, "household@demo.local"), skip: 1);
        var admin = await StaffAsync("admin@demo.local", Roles.Admin);
        Assert.Equal(CorrectionOutcome.ReasonRequired, (await Admin.CorrectAsync(admin, id, new string('x', 501))).Outcome);
        var (outcome, newId) = await Admin.CorrectAsync(admin, id, new string('x', 500));
        Assert.Equal(CorrectionOutcome.Corrected, outcome);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(2, await db.Statements.Where(s => s.Id == newId).Select(s => s.Revision).SingleAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "StatementCorrected" && a.Target == $"statement:{id}"));
    }

    [Fact]
    public async Task A_customer_manager_cannot_correct_or_find_a_statement_of_an_account_they_do_not_manage()
    {
        var manager = await StaffAsync("manager@demo.local", Roles.CustomerManager);
        var managerId = Portal.Features.Accounts.AccountAccessService.UserId(manager);
        Guid notManaged;
        await using (var db0 = await host.Db.CreateDbContextAsync())
            notManaged = await db0.Accounts.Where(a => a.CustomerManagerId != managerId || a.CustomerManagerId == null)
                .Where(a => db0.Bills.Count(b => b.AccountId == a.Id) > 2).Select(a => a.Id).FirstAsync();
        var id = await IssueAsync(notManaged, skip: 2);
        Assert.Equal(CorrectionOutcome.NotFound, (await Admin.CorrectAsync(manager, id, "try")).Outcome);
        var (rows, _) = await Admin.SearchAsync(manager, null, 0, 100);
        Assert.DoesNotContain(rows, r => r.Id == id);
        var (all, _) = await Admin.SearchAsync(await StaffAsync("admin@demo.local", Roles.Admin), null, 0, 100);
        Assert.Contains(all, r => r.Id == id);
    }

    [Fact]
    public async Task Running_now_queues_the_job_which_issues_the_last_month()
    {
        await Admin.EnqueueRunAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IssueProgress progress;
        do
        {
            await Task.Delay(500);
            progress = await Admin.ProgressAsync();
        } while (progress.LastRunState?.Contains("finished") != true && DateTime.UtcNow < deadline);
        Assert.True(progress.BillsLastPeriod > 0);
        Assert.Equal(progress.BillsLastPeriod, progress.IssuedLastPeriod);
        Assert.Contains("failed=0", progress.LastRunState);
    }

    [Fact]
    public async Task The_back_office_page_is_served_to_staff_on_the_internal_endpoint_only()
    {
        using var inside = host.Client(@internal: true);
        await inside.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/backoffice/statements")).StatusCode);
        using var outside = host.Client();
        await outside.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/backoffice/statements")).StatusCode);
    }
}
