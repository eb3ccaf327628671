using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;
using Portal.Features.Usage;
using Portal.Infrastructure.Localization;
using Portal.Infrastructure.Security;

namespace Portal.Features.Statements;

public enum IssueOutcome
{
    Issued,
    /// <summary>A statement for the bill already exists; nothing was written.</summary>
    AlreadyIssued,
    BillNotFound,
}

public sealed record IssueResult(IssueOutcome Outcome, Guid? StatementId);

/// <summary>A composed statement and what it is filed under.</summary>
public sealed record ComposedStatement(StatementDocument Document, string Culture, Guid AccountId, Guid BillId, DateOnly PeriodStart);

/// <summary>
/// Composes, renders and stores statements. Issuing is idempotent (one original per bill; a second call returns
/// it); a correction is a new revision. Content depends only on data up to the bill's issue day, so a statement
/// drawn again later shows the same figures.
/// </summary>
public sealed class StatementIssuer(
    IDbContextFactory<AppDbContext> dbFactory,
    ReadingStore readings,
    TariffCatalog catalog,
    IStatementCreditInfo credit,
    StatementPdfRenderer renderer,
    IOptions<EndpointOptions> endpoints,
    TimeProvider clock,
    ILogger<StatementIssuer> log)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IssueResult> IssueAsync(Guid billId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var existing = await db.Statements.AsNoTracking().Where(s => s.BillId == billId)
                .OrderByDescending(s => s.Revision).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (existing is not null) return new(IssueOutcome.AlreadyIssued, existing);
        }
        var id = Guid.NewGuid();
        var drawn = await DrawAsync(billId, id, ct);
        if (drawn is null) return new(IssueOutcome.BillNotFound, null);
        var (composed, pdf, content) = drawn.Value;
        var record = StatementRecord.Issue(id, composed.AccountId, composed.BillId, composed.PeriodStart, clock.GetUtcNow().UtcDateTime,
            composed.Culture, pdf, content);

        await using var write = await dbFactory.CreateDbContextAsync(ct);
        write.Statements.Add(record);
        try
        {
            await write.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another worker issued the same bill a moment ago (unique account-period-revision): keep theirs.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var theirs = await db.Statements.AsNoTracking().Where(s => s.BillId == billId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (theirs is null) throw;
            return new(IssueOutcome.AlreadyIssued, theirs);
        }
        return new(IssueOutcome.Issued, id);
    }

    /// <summary>Draws the bill again as a new revision of the latest statement, e.g. after a re-read meter or a corrected bill.</summary>
    public async Task<Guid?> CorrectAsync(Guid statementId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var original = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == statementId, ct);
        if (original is null) return null;
        var latest = await db.Statements.AsNoTracking().Where(s => s.BillId == original.BillId).OrderByDescending(s => s.Revision).FirstAsync(ct);
        var id = Guid.NewGuid();
        var drawn = await DrawAsync(original.BillId, id, ct);
        if (drawn is null) return null;
        var (composed, pdf, content) = drawn.Value;
        var correction = latest.Correct(id, clock.GetUtcNow().UtcDateTime, composed.Culture, pdf, content, reason);
        db.Statements.Add(correction);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Loads the bill and everything around it and builds the document (no rendering).</summary>
    public async Task<ComposedStatement?> ComposeAsync(Guid billId, Guid statementId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bill = await db.Bills.AsNoTracking().Include(b => b.Payments).FirstOrDefaultAsync(b => b.Id == billId, ct);
        if (bill is null) return null;
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == bill.AccountId, ct);
        var earlier = await db.Bills.AsNoTracking().Include(b => b.Payments)
            .Where(b => b.AccountId == bill.AccountId && b.PeriodStart < bill.PeriodStart).ToListAsync(ct);
        var whBefore = await db.AccountDays.AsNoTracking().Where(d => d.AccountId == bill.AccountId && d.Date < bill.PeriodStart).SumAsync(d => d.TotalWh, ct);
        var month = new DateOnly(bill.PeriodStart.Year, bill.PeriodStart.Month, 1);
        var from = month.AddMonths(-StatementBuilder.HistoryMonths);
        var monthly = await db.MonthlyUsage.AsNoTracking().Where(m => m.AccountId == bill.AccountId && m.Month >= from && m.Month <= month)
            .Select(m => new { m.Month, m.TotalWh, m.Days, m.EstimatedCount, m.MissingCount, m.ExpectedIntervals }).ToListAsync(ct);
        StatementManagerContact? manager = null;
        if (account.CustomerManagerId is { } managerId)
            manager = await db.Users.AsNoTracking().Where(u => u.Id == managerId)
                .Select(u => new StatementManagerContact(u.DisplayName, u.WorkPhone, u.WorkHours)).FirstOrDefaultAsync(ct);
        var culture = await db.AccountBindings.AsNoTracking().Where(b => b.AccountId == bill.AccountId).OrderBy(b => b.BoundAtUtc)
            .Join(db.Users, b => b.UserId, u => u.Id, (b, u) => u.PreferredCulture).FirstOrDefaultAsync(ct);

        var document = StatementBuilder.Build(new StatementInputs
        {
            Account = account,
            Bill = bill,
            EarlierBills = earlier,
            KwhBeforePeriod = whBefore / 1000m,
            MonthlyUsage = monthly.Select(m => new StatementUsageMonth(m.Month, m.TotalWh / 1000m, m.Days > 0,
                IsEstimated(m.EstimatedCount + m.MissingCount, m.ExpectedIntervals))).ToList(),
            Manager = manager,
            Credit = await credit.ForAccountAsync(account.Id, bill.IssuedOn, ct),
            BestAlternative = await BestAlternativeAsync(account, bill.PackageCode, bill.PeriodEnd, ct),
            PortalLink = endpoints.Value.Public.TrimEnd('/') + "/statements/" + statementId,
        });
        return new ComposedStatement(document, StatementRecord.Cultures.Contains(culture) ? culture! : LocalizationSetup.DefaultCulture,
            bill.AccountId, bill.Id, bill.PeriodStart);
    }

    private async Task<(ComposedStatement Composed, byte[] Pdf, string Content)?> DrawAsync(Guid billId, Guid statementId, CancellationToken ct)
    {
        var composed = await ComposeAsync(billId, statementId, ct);
        if (composed is null) return null;
        var sw = Stopwatch.StartNew();
        var pdf = renderer.Render(composed.Document, composed.Culture);
        log.LogDebug("Statement {Id} rendered in {Ms:F1} ms ({Bytes} bytes)", statementId, sw.Elapsed.TotalMilliseconds, pdf.Length);
        return (composed, pdf, JsonSerializer.Serialize(composed.Document, Json));
    }

    /// <summary>The recommender's cheapest other package over the 12 months ending with the period, if the data suffices.</summary>
    private async Task<PackageSaving?> BestAlternativeAsync(Domain.Accounts.CustomerAccount account, string packageCode, DateOnly periodEnd, CancellationToken ct)
    {
        if (!catalog.TryGet(packageCode, out var current) || current is null) return null;
        var days = await readings.ReadDaysAsync(account.Id, periodEnd.AddMonths(-12), periodEnd, ct);
        var recommendation = PackageRecommender.Recommend(current, catalog.All.ToList(), account.Profile, days, periodEnd, declaredDemandKw: account.DeclaredDemandKw);
        var best = recommendation.Options.FirstOrDefault();
        return best is null || best.SavingVsCurrent.Yuan <= 0 ? null : new PackageSaving(best.Cost.PackageCode, best.SavingVsCurrent.Yuan);
    }

    /// <summary>A month is marked estimated on the chart when at least 1% of its intervals were estimated or missing (a few gaps are normal).</summary>
    public static bool IsEstimated(int estimatedOrMissing, int expected) => expected > 0 && estimatedOrMissing * 100 >= expected;

    public static StatementDocument? ReadContent(string json) => JsonSerializer.Deserialize<StatementDocument>(json, Json);
}
