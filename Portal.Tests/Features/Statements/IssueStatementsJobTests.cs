using Microsoft.EntityFrameworkCore;
using Portal.Features.Statements;

namespace Portal.Tests.Features.Statements;

/// <summary>The monthly issuing run on its own portal, so the counts are not disturbed by other tests' issues.</summary>
[Collection(PortalCollection.Name)]
public class IssueStatementsJobTests(IssueStatementsJobTests.Host host) : IClassFixture<IssueStatementsJobTests.Host>
{
    public sealed class Host() : PortalHost(8, 2);

    [Fact]
    public async Task The_run_issues_one_statement_per_bill_of_the_period_and_a_rerun_issues_nothing()
    {
        DateOnly period;
        int bills;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            period = await db.Bills.MaxAsync(b => b.PeriodStart);
            bills = await db.Bills.CountAsync(b => b.PeriodStart == period);
        }
        Assert.True(bills > 0);
        var job = host.Services.GetRequiredService<IssueStatementsJob>();

        var first = await job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        Assert.Equal((bills, bills, 0, 0), (first.Bills, first.Issued, first.Skipped, first.Failed));

        var second = await job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        Assert.Equal((bills, 0, bills, 0), (second.Bills, second.Issued, second.Skipped, second.Failed));

        await using var check = await host.Db.CreateDbContextAsync();
        Assert.Equal(bills, await check.Statements.CountAsync(s => s.PeriodStart == period));
        Assert.All(await check.Statements.AsNoTracking().Where(s => s.PeriodStart == period).ToListAsync(), s => Assert.True(s.IsIntact()));
        var progress = await check.JobCheckpoints.SingleAsync(c => c.Name == IssueStatementsJob.Id);
        Assert.Equal($"{period:yyyy-MM} finished bills={bills} issued=0 skipped={bills} failed=0", progress.State);
    }

    [Fact]
    public async Task A_period_without_bills_issues_nothing()
    {
        var summary = await host.Services.GetRequiredService<IssueStatementsJob>().RunForPeriodAsync(2001, 1, CancellationToken.None);
        Assert.Equal((0, 0, 0, 0), (summary.Bills, summary.Issued, summary.Skipped, summary.Failed));
    }

    [Fact]
    public async Task The_recurring_run_takes_the_last_complete_month()
    {
        var summary = await host.Services.GetRequiredService<IssueStatementsJob>().RunAsync(CancellationToken.None);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(new DateOnly(today.Year, today.Month, 1).AddMonths(-1), summary.Period);
        Assert.Equal(0, summary.Failed);
    }
}
