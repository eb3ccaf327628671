using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Credit;
using Portal.Features.Complaints;
using Portal.Features.Credit;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Credit;

/// <summary>The privilege grid through the real services on the seeded app: due dates, financing, complaint priority, managers, the notice.</summary>
[Collection(PortalCollection.Name)]
public class PrivilegeWorkflowTests(PortalHost host) : IClassFixture<PortalHost>
{
    private BillTermsService Terms => host.Services.GetRequiredService<BillTermsService>();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task SetTierAsync(Guid accountId, CreditTier tier)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.CreditStates.Where(s => s.AccountId == accountId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentTier, tier)));
    }

    private async Task<Bill> IssueAsync(Guid accountId, int yearsAhead, decimal amount) =>
        await Terms.IssueAsync(accountId, new DateOnly(2030 + yearsAhead, 1, 1), new DateOnly(2030 + yearsAhead, 2, 1), Today, "XJ-RES-TIER", 100m,
            [new BillLine("E", "Energy.Tier1", 100m, "kWh", amount / 100m, amount)]);

    [Theory]
    [InlineData(CreditTier.A, 30)]
    [InlineData(CreditTier.B, 22)]
    [InlineData(CreditTier.C, 15)]
    public async Task A_bill_issued_now_is_due_after_the_standard_term_plus_the_tiers_deferred_days(CreditTier tier, int days)
    {
        var account = (await host.BoundAccountsAsync("neighbour@demo.local")).Single();
        await SetTierAsync(account, tier);

        var bill = await IssueAsync(account, (int)tier, 80m);

        Assert.Equal(Today.AddDays(days), bill.DueDate);
        var neighbour = await host.UserAsync("neighbour@demo.local", Roles.Customer);
        var detail = await host.Services.GetRequiredService<BillsService>().GetAsync(neighbour, bill.Id);
        Assert.Equal(Today.AddDays(days), detail!.Bill.DueDate);
        Assert.Equal(days - PaymentTerms.StandardTermDays, detail.DeferredPaymentDays);
    }

    [Fact]
    public async Task A_tier_A_customer_splits_a_large_bill_into_instalments_and_a_tier_B_customer_cannot()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var account = (await host.BoundAccountsAsync("household@demo.local")).Single();
        await SetTierAsync(account, CreditTier.B);
        var bill = await IssueAsync(account, 5, 1234.57m);

        var refused = await Terms.OfferAsync(household, bill.Id);
        Assert.False(refused!.Eligible);
        Assert.Equal("Financing.NotInTier", refused.RefusalCode);
        Assert.Equal(new FinancingResult(FinancingOutcome.Refused, "Financing.NotInTier"), await Terms.FinanceAsync(household, bill.Id, 3));

        await SetTierAsync(account, CreditTier.A);
        var offer = await Terms.OfferAsync(household, bill.Id, 6);
        Assert.True(offer!.Eligible);
        Assert.Equal(1234.57m, offer.Preview.Sum(p => p.Amount));
        var neighbour = await host.UserAsync("neighbour@demo.local", Roles.Customer);
        Assert.Null(await Terms.OfferAsync(neighbour, bill.Id));
        Assert.Equal(FinancingOutcome.NotFound, (await Terms.FinanceAsync(neighbour, bill.Id, 3)).Outcome);

        Assert.Equal(FinancingOutcome.Done, (await Terms.FinanceAsync(household, bill.Id, 6)).Outcome);

        var detail = await host.Services.GetRequiredService<BillsService>().GetAsync(household, bill.Id);
        Assert.Equal([205.77m, 205.76m, 205.76m, 205.76m, 205.76m, 205.76m], detail!.Instalments!.Select(i => i.Amount));
        Assert.Equal(bill.DueDate.AddMonths(5), detail.Bill.DueDate);
        Assert.Equal("Financing.AlreadyFinanced", (await Terms.FinanceAsync(household, bill.Id, 3)).Code);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Billing.Financed" && a.Target == bill.Id.ToString()));
    }

    [Fact]
    public async Task Complaint_priority_and_the_manager_rule_read_the_privilege_grid()
    {
        Guid account;
        await using (var db0 = await host.Db.CreateDbContextAsync())
            account = await db0.Accounts.Where(a => a.CustomerManagerId == null && a.Type == Portal.Domain.Accounts.CustomerType.Residential
                    && db0.CreditStates.Any(s => s.AccountId == a.Id))
                .OrderByDescending(a => a.AccountNumber).Select(a => a.Id).FirstAsync();
        var tiers = host.Services.GetRequiredService<IComplaintCreditTiers>();
        var managers = host.Services.GetRequiredService<ManagerAssignmentService>();

        await SetTierAsync(account, CreditTier.B);
        Assert.False(await tiers.PriorityHandlingAsync(account));
        Assert.Equal(0, await managers.AssignByRuleAsync([account]));

        await SetTierAsync(account, CreditTier.A);
        Assert.True(await tiers.PriorityHandlingAsync(account));
        Assert.Equal(1, await managers.AssignByRuleAsync([account]));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.NotNull((await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account)).CustomerManagerId);
    }

    [Fact]
    public void The_tier_change_notice_names_the_privileges_gained_and_lost()
    {
        var job = host.Services.GetRequiredService<CreditReviewJob>();
        var seed = CreditPolicy.SeedDefault();
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        try
        {
            var up = job.PrivilegeChangeText("0001: B → A", PrivilegeChange.Between(TierPrivileges.Of(seed, CreditTier.B), TierPrivileges.Of(seed, CreditTier.A)));
            var down = job.PrivilegeChangeText("0001: B → C", PrivilegeChange.Between(TierPrivileges.Of(seed, CreditTier.B), TierPrivileges.Of(seed, CreditTier.C)));

            Assert.Contains("You now have: Deposit waiver, Bill financing", up);
            Assert.Contains("Deferred payment: 7 days → 15 days", up);
            Assert.DoesNotContain("no longer", up);
            Assert.Contains("You no longer have: Deferred payment", down);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
