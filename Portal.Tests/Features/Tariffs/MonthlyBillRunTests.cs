using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Domain.Credit;
using Portal.Features.Credit;
using Portal.Features.Tariffs;
using Portal.Tests.Features.Credit;

namespace Portal.Tests.Features.Tariffs;

/// <summary>The production bill run issues bills through the tier's payment terms: deferred for tier A, standard below it.</summary>
[Collection(PortalCollection.Name)]
public class MonthlyBillRunTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task SetTierAsync(Guid accountId, CreditTier tier)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.CreditStates.Where(s => s.AccountId == accountId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentTier, tier)));
    }

    [Fact]
    public async Task The_bill_run_defers_a_tier_A_bill_and_keeps_a_tier_B_bill_on_the_standard_term_and_bills_nobody_twice()
    {
        var tierA = (await host.BoundAccountsAsync("household@demo.local")).Single();
        var tierB = (await host.BoundAccountsAsync("neighbour@demo.local")).Single();
        await SetTierAsync(tierA, CreditTier.A);
        await SetTierAsync(tierB, CreditTier.B);
        // The current month has readings up to yesterday and no bill yet (the seeded history ends with last month).
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var job = host.Services.GetRequiredService<MonthlyBillRunJob>();

        var run = await job.RunForPeriodAsync(month, Today, CancellationToken.None, [tierA, tierB]);
        var again = await job.RunForPeriodAsync(month, Today, CancellationToken.None, [tierA, tierB]);

        Assert.Equal((2, 0), (run.Issued, run.AlreadyBilled));
        Assert.Equal((0, 2), (again.Issued, again.AlreadyBilled));
        await using var db = await host.Db.CreateDbContextAsync();
        var bills = await db.Bills.AsNoTracking().Where(b => b.PeriodStart == month).ToDictionaryAsync(b => b.AccountId);
        var policy = await CreditPolicyStore.InForceAsync(db, Today, default);
        var deferredA = TierPrivileges.Of(policy!, CreditTier.A).DeferredPaymentDays;
        var deferredB = TierPrivileges.Of(policy!, CreditTier.B).DeferredPaymentDays;
        Assert.True(deferredA > deferredB);
        Assert.Equal(Today.AddDays(PaymentTerms.StandardTermDays + deferredA), bills[tierA].DueDate);
        Assert.Equal(Today.AddDays(PaymentTerms.StandardTermDays + deferredB), bills[tierB].DueDate);
        Assert.True(bills[tierA].Amount > 0);
    }
}
