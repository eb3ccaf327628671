using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Statements;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Statements;

/// <summary>
/// The batched, parallel issuing path: what it composes equals what one bill at a time composes, a bad bill fails
/// alone, and a statement written elsewhere meanwhile is kept as it was. Own portal: these tests alter data.
/// </summary>
[Collection(PortalCollection.Name)]
public class IssueStatementsBatchTests(IssueStatementsBatchTests.Host host) : IClassFixture<IssueStatementsBatchTests.Host>
{
    public sealed class Host() : PortalHost(6, 3);

    private async Task<List<DateOnly>> PeriodsAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Bills.Select(b => b.PeriodStart).Distinct().OrderBy(p => p).ToListAsync();
    }

    private async Task<List<Guid>> BillsAsync(params DateOnly[] periods)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Bills.Where(b => periods.Contains(b.PeriodStart)).OrderBy(b => b.PeriodStart).ThenBy(b => b.Id).Select(b => b.Id).ToListAsync();
    }

    [Fact]
    public async Task A_parallel_batch_over_two_periods_composes_each_statement_as_the_single_bill_path_does()
    {
        var periods = await PeriodsAsync();
        Assert.True(periods.Count >= 3, "the seed has three billing periods");
        var bills = await BillsAsync(periods[0], periods[1]);
        Assert.True(bills.Count >= 4);
        var job = host.Services.GetRequiredService<IssueStatementsJob>();
        job.Parallelism = 2;

        var summary = await job.IssueBatchAsync(bills, CancellationToken.None);

        Assert.Equal((bills.Count, 0, 0), (summary.Issued, summary.Skipped, summary.Failed));
        var issuer = host.Services.GetRequiredService<StatementIssuer>();
        await using var db = await host.Db.CreateDbContextAsync();
        var issued = await db.Statements.AsNoTracking().Where(s => bills.Contains(s.BillId)).ToListAsync();
        Assert.Equal(bills.Order(), issued.Select(s => s.BillId).Order());
        foreach (var statement in issued)
        {
            // The one-bill path with the same statement id (the portal link carries it) must give the same document.
            var alone = await issuer.ComposeAsync(statement.BillId, statement.Id);
            Assert.Equal(JsonSerializer.Serialize(alone!.Document, StatementIssuer.Json), statement.Content);
            Assert.Equal(alone.Culture, statement.Culture);
            Assert.Equal(1, statement.Revision);
            Assert.True(statement.IsIntact());
        }

        var again = await job.IssueBatchAsync(bills, CancellationToken.None);
        Assert.Equal((0, bills.Count, 0), (again.Issued, again.Skipped, again.Failed));
    }

    [Fact]
    public async Task One_bad_bill_fails_alone_and_the_next_run_issues_it()
    {
        var period = (await PeriodsAsync())[^1];
        var job = host.Services.GetRequiredService<IssueStatementsJob>();
        job.BatchSize = 4;   // more than one batch, and the bad bill shares its batch with good ones
        Guid badBill, badAccount;
        DateOnly badDay;
        long realWh;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            await db.Statements.Where(s => s.PeriodStart == period && s.SupersedesId != null).ExecuteDeleteAsync();
            await db.Statements.Where(s => s.PeriodStart == period).ExecuteDeleteAsync();
            (badBill, badAccount) = await db.Bills.Where(b => b.PeriodStart == period).OrderBy(b => b.Id).Select(b => ValueTuple.Create(b.Id, b.AccountId)).FirstAsync();
            // A register that went negative before the period: the statement refuses to print it (Statement.ReadingNegative).
            badDay = await db.AccountDays.Where(d => d.AccountId == badAccount && d.Date < period).MaxAsync(d => d.Date);
            realWh = await db.AccountDays.Where(d => d.AccountId == badAccount && d.Date == badDay).Select(d => d.TotalWh).SingleAsync();
            await db.AccountDays.Where(d => d.AccountId == badAccount && d.Date == badDay).ExecuteUpdateAsync(u => u.SetProperty(d => d.TotalWh, -1_000_000_000_000L));
        }
        var bills = (await BillsAsync(period)).Count;
        Assert.True(bills > 4);
        IssueRunSummary first;
        try
        {
            first = await job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        }
        finally
        {
            await using var db = await host.Db.CreateDbContextAsync();
            await db.AccountDays.Where(d => d.AccountId == badAccount && d.Date == badDay).ExecuteUpdateAsync(u => u.SetProperty(d => d.TotalWh, realWh));
        }

        Assert.Equal((bills, bills - 1, 0, 1), (first.Bills, first.Issued, first.Skipped, first.Failed));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var issued = await db.Statements.Where(s => s.PeriodStart == period).Select(s => s.BillId).ToListAsync();
            Assert.Equal(bills - 1, issued.Count);
            Assert.DoesNotContain(badBill, issued);
            Assert.Equal($"{period:yyyy-MM} finished bills={bills} issued={bills - 1} skipped=0 failed=1",
                await db.JobCheckpoints.Where(c => c.Name == IssueStatementsJob.Id).Select(c => c.State).SingleAsync());
        }

        var second = await job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        Assert.Equal((bills, 1, bills - 1, 0), (second.Bills, second.Issued, second.Skipped, second.Failed));
    }

    [Fact]
    public async Task A_batch_write_that_meets_a_statement_issued_meanwhile_keeps_that_one_and_writes_the_rest()
    {
        var periods = await PeriodsAsync();
        var bills = await BillsAsync(periods[^1]);
        var issuer = host.Services.GetRequiredService<StatementIssuer>();
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            await db.Statements.Where(s => bills.Contains(s.BillId) && s.SupersedesId != null).ExecuteDeleteAsync();
            await db.Statements.Where(s => bills.Contains(s.BillId)).ExecuteDeleteAsync();
        }
        // Drawn by this worker while another one issues the first bill.
        var sources = await issuer.LoadAsync([bills[0], bills[1]]);
        var (mineId, otherId) = (Guid.NewGuid(), Guid.NewGuid());
        var mine = issuer.Issue(mineId, issuer.Draw(sources, bills[0], mineId));
        var other = issuer.Issue(otherId, issuer.Draw(sources, bills[1], otherId));
        var theirs = await issuer.IssueAsync(bills[0]);
        Assert.Equal(IssueOutcome.Issued, theirs.Outcome);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var before = await db.Statements.AsNoTracking().SingleAsync(s => s.Id == theirs.StatementId);

            var stored = await issuer.StoreAsync([mine, other]);

            Assert.Equal(new StoreResult(IssueOutcome.AlreadyIssued, theirs.StatementId, null), stored[0]);
            Assert.Equal(new StoreResult(IssueOutcome.Issued, otherId, null), stored[1]);
            var after = await db.Statements.AsNoTracking().Where(s => s.BillId == bills[0]).ToListAsync();
            var kept = Assert.Single(after);
            Assert.Equal((before.Id, before.Sha256, before.IssuedAtUtc), (kept.Id, kept.Sha256, kept.IssuedAtUtc));
            Assert.Equal(before.Pdf, kept.Pdf);
            Assert.True(await db.Statements.AnyAsync(s => s.Id == otherId && s.BillId == bills[1]));
        }
    }

    [Fact]
    public async Task The_loader_reads_each_accounts_year_of_readings_before_the_period_end_exactly_as_stored()
    {
        var periods = await PeriodsAsync();
        var bills = await BillsAsync(periods[^1]);
        var sources = await host.Services.GetRequiredService<StatementIssuer>().LoadAsync(bills);
        await using var db = await host.Db.CreateDbContextAsync();
        var checkedAccounts = 0;
        foreach (var bill in sources.Bills.Values)
        {
            var from = bill.PeriodEnd.AddMonths(-12);
            // Through EF's entities, independently of the loader's plain reader.
            var expected = (await db.AccountDays.AsNoTracking().Where(d => d.AccountId == bill.AccountId && d.Date >= from && d.Date < bill.PeriodEnd)
                .OrderBy(d => d.Date).ToListAsync()).Select(ReadingStore.ToDay).ToList();
            Assert.NotEmpty(expected);
            var loaded = sources.Days[bill.AccountId].Where(d => d.Date >= from && d.Date < bill.PeriodEnd).ToList();
            Assert.Equal(expected.Select(d => (d.Date, d.IntervalMinutes)), loaded.Select(d => (d.Date, d.IntervalMinutes)));
            Assert.Equal(expected.SelectMany(d => d.WattHours.ToArray()), loaded.SelectMany(d => d.WattHours.ToArray()));
            Assert.Equal(expected.SelectMany(d => d.PackQuality()), loaded.SelectMany(d => d.PackQuality()));
            checkedAccounts++;
        }
        Assert.True(checkedAccounts >= 4);
    }
}
