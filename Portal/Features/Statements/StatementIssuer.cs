using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
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

/// <summary>How one statement's write went: <see cref="Error"/> set when it failed for another reason than being issued elsewhere.</summary>
public sealed record StoreResult(IssueOutcome Outcome, Guid? StatementId, Exception? Error);

/// <summary>A month's metered totals as the statement's usage chart needs them.</summary>
public sealed record MonthTotal(Guid AccountId, DateOnly Month, long TotalWh, int Days, int EstimatedCount, int MissingCount, int ExpectedIntervals);

/// <summary>What a batch of statements is drawn from (<see cref="StatementIssuer.LoadAsync"/>); read-only once loaded, shared by the drawing threads.</summary>
public sealed record StatementSources(
    IReadOnlyDictionary<Guid, Bill> Bills,
    IReadOnlyDictionary<Guid, Domain.Accounts.CustomerAccount> Accounts,
    ILookup<Guid, Bill> EarlierBills,
    IReadOnlyDictionary<(Guid AccountId, DateOnly PeriodStart), long> WhBefore,
    ILookup<Guid, MonthTotal> Monthly,
    IReadOnlyDictionary<string, StatementManagerContact> Managers,
    IReadOnlyDictionary<Guid, string> Cultures,
    IReadOnlyDictionary<(Guid AccountId, DateOnly AsOf), StatementCredit?> Credit,
    IReadOnlyDictionary<Guid, List<DayReadings>> Days,
    IReadOnlyList<TariffPackage> Packages)
{
    public static readonly StatementSources Empty = new(new Dictionary<Guid, Bill>(), new Dictionary<Guid, Domain.Accounts.CustomerAccount>(),
        Array.Empty<Bill>().ToLookup(b => b.AccountId), new Dictionary<(Guid, DateOnly), long>(), Array.Empty<MonthTotal>().ToLookup(m => m.AccountId),
        new Dictionary<string, StatementManagerContact>(), new Dictionary<Guid, string>(), new Dictionary<(Guid, DateOnly), StatementCredit?>(),
        new Dictionary<Guid, List<DayReadings>>(), []);

    public bool Has(Guid billId) => Bills.ContainsKey(billId);
}

/// <summary>
/// Composes, renders and stores statements. Issuing is idempotent (one original per bill; a second call returns
/// it); a correction is a new revision. Content depends only on data up to the bill's issue day, so a statement
/// drawn again later shows the same figures.
/// </summary>
public sealed class StatementIssuer(
    IDbContextFactory<AppDbContext> dbFactory,
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
        var record = Issue(id, drawn.Value);
        var stored = (await StoreAsync([record], ct))[0];
        if (stored.Error is not null) throw stored.Error;
        return new(stored.Outcome, stored.StatementId);
    }

    /// <summary>The original (revision 1) of a drawn statement, issued now.</summary>
    public StatementRecord Issue(Guid id, (ComposedStatement Composed, byte[] Pdf, string Content) drawn) =>
        StatementRecord.Issue(id, drawn.Composed.AccountId, drawn.Composed.BillId, drawn.Composed.PeriodStart, clock.GetUtcNow().UtcDateTime,
            drawn.Composed.Culture, drawn.Pdf, drawn.Content);

    /// <summary>
    /// Writes originals in one SaveChanges. If that fails (another worker issued one of the bills a moment ago: the
    /// unique (bill, revision) index), each is written alone: a bill issued elsewhere keeps theirs, any other failure
    /// stays with its own statement.
    /// </summary>
    public async Task<IReadOnlyList<StoreResult>> StoreAsync(IReadOnlyList<StatementRecord> records, CancellationToken ct = default)
    {
        if (records.Count > 1)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.Statements.AddRange(records);
                await db.SaveChangesAsync(ct);
                return records.Select(r => new StoreResult(IssueOutcome.Issued, r.Id, null)).ToList();
            }
            catch (DbUpdateException e)
            {
                log.LogInformation(e, "A batch of {Count} statements could not be written together; writing them one by one", records.Count);
            }
        }
        var results = new List<StoreResult>(records.Count);
        foreach (var record in records) results.Add(await StoreOneAsync(record, ct));
        return results;
    }

    private async Task<StoreResult> StoreOneAsync(StatementRecord record, CancellationToken ct)
    {
        try
        {
            await using var write = await dbFactory.CreateDbContextAsync(ct);
            write.Statements.Add(record);
            await write.SaveChangesAsync(ct);
            return new(IssueOutcome.Issued, record.Id, null);
        }
        catch (DbUpdateException e)
        {
            // Another worker issued the same bill a moment ago (unique bill-revision): keep theirs.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var theirs = await db.Statements.AsNoTracking().Where(s => s.BillId == record.BillId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            return theirs is null ? new(IssueOutcome.Issued, null, e) : new(IssueOutcome.AlreadyIssued, theirs, null);
        }
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
        var sources = await LoadAsync([billId], ct);
        return sources.Has(billId) ? Compose(sources, billId, statementId) : null;
    }

    /// <summary>
    /// Everything the statements of these bills are drawn from, in a few set-based queries (not a handful per bill):
    /// the bills with their payments, the accounts, earlier bills, metered energy before each period, monthly totals,
    /// managers, the first bound user's language, credit and a year of readings for the package comparison.
    /// </summary>
    public async Task<StatementSources> LoadAsync(IReadOnlyCollection<Guid> billIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bills = await db.Bills.AsNoTracking().Include(b => b.Payments).Where(b => billIds.Contains(b.Id)).ToListAsync(ct);
        if (bills.Count == 0) return StatementSources.Empty;
        var accountIds = bills.Select(b => b.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var latestPeriod = bills.Max(b => b.PeriodStart);
        var earlier = (await db.Bills.AsNoTracking().Include(b => b.Payments)
            .Where(b => accountIds.Contains(b.AccountId) && b.PeriodStart < latestPeriod).ToListAsync(ct)).ToLookup(b => b.AccountId);

        var whBefore = new Dictionary<(Guid, DateOnly), long>();
        foreach (var period in bills.GroupBy(b => b.PeriodStart))
        {
            var ids = period.Select(b => b.AccountId).Distinct().ToList();
            var sums = await db.AccountDays.AsNoTracking().Where(d => ids.Contains(d.AccountId) && d.Date < period.Key)
                .GroupBy(d => d.AccountId).Select(g => new { g.Key, Wh = g.Sum(d => d.TotalWh) }).ToListAsync(ct);
            foreach (var s in sums) whBefore[(s.Key, period.Key)] = s.Wh;
        }

        var months = bills.Select(b => new DateOnly(b.PeriodStart.Year, b.PeriodStart.Month, 1)).ToList();
        var (firstMonth, lastMonth) = (months.Min().AddMonths(-StatementBuilder.HistoryMonths), months.Max());
        var monthly = (await db.MonthlyUsage.AsNoTracking().Where(m => accountIds.Contains(m.AccountId) && m.Month >= firstMonth && m.Month <= lastMonth)
            .Select(m => new MonthTotal(m.AccountId, m.Month, m.TotalWh, m.Days, m.EstimatedCount, m.MissingCount, m.ExpectedIntervals)).ToListAsync(ct))
            .ToLookup(m => m.AccountId);

        var managerIds = accounts.Values.Select(a => a.CustomerManagerId).OfType<string>().Distinct().ToList();
        var managers = managerIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => managerIds.Contains(u.Id))
            .Select(u => new { u.Id, Contact = new StatementManagerContact(u.DisplayName, u.WorkPhone, u.WorkHours) }).ToDictionaryAsync(u => u.Id, u => u.Contact, ct);
        var cultures = (await db.AccountBindings.AsNoTracking().Where(b => accountIds.Contains(b.AccountId))
                .Join(db.Users, b => b.UserId, u => u.Id, (b, u) => new { b.AccountId, b.BoundAtUtc, u.PreferredCulture }).ToListAsync(ct))
            .GroupBy(b => b.AccountId).ToDictionary(g => g.Key, g => g.MinBy(b => b.BoundAtUtc)!.PreferredCulture);
        var credits = await credit.ForAccountsAsync(bills.Select(b => (b.AccountId, b.IssuedOn)).Distinct().ToList(), ct);

        // A year of readings before each period's end, for the recommender's best alternative (only for packages the catalog knows).
        var compared = bills.Where(b => catalog.TryGet(b.PackageCode, out _)).ToList();
        var days = new Dictionary<Guid, List<DayReadings>>();
        if (compared.Count > 0)
        {
            var ids = compared.Select(b => b.AccountId).Distinct().ToList();
            var (from, to) = (compared.Min(b => b.PeriodEnd).AddMonths(-12), compared.Max(b => b.PeriodEnd));
            // One account at a time through the plain reader (ReadingStore): EF materialising a year of day entities per
            // account was the loader's largest cost.
            foreach (var id in ids)
                if (await ReadingStore.ReadDaysAsync(db, id, from, to.AddDays(-1), ct) is { Count: > 0 } read) days[id] = read;
        }
        return new StatementSources(bills.ToDictionary(b => b.Id), accounts, earlier, whBefore, monthly, managers, cultures, credits, days, catalog.All.ToList());
    }

    /// <summary>Builds one bill's document from loaded sources: CPU only, safe to call for many bills at once.</summary>
    public ComposedStatement Compose(StatementSources sources, Guid billId, Guid statementId)
    {
        var bill = sources.Bills[billId];
        var account = sources.Accounts[bill.AccountId];
        var month = new DateOnly(bill.PeriodStart.Year, bill.PeriodStart.Month, 1);
        var from = month.AddMonths(-StatementBuilder.HistoryMonths);
        var document = StatementBuilder.Build(new StatementInputs
        {
            Account = account,
            Bill = bill,
            EarlierBills = sources.EarlierBills[bill.AccountId].Where(b => b.PeriodStart < bill.PeriodStart).ToList(),
            KwhBeforePeriod = sources.WhBefore.GetValueOrDefault((bill.AccountId, bill.PeriodStart)) / 1000m,
            MonthlyUsage = sources.Monthly[bill.AccountId].Where(m => m.Month >= from && m.Month <= month)
                .Select(m => new StatementUsageMonth(m.Month, m.TotalWh / 1000m, m.Days > 0, IsEstimated(m.EstimatedCount + m.MissingCount, m.ExpectedIntervals)))
                .ToList(),
            Manager = account.CustomerManagerId is { } managerId ? sources.Managers.GetValueOrDefault(managerId) : null,
            Credit = sources.Credit.GetValueOrDefault((account.Id, bill.IssuedOn)),
            BestAlternative = BestAlternative(sources, account, bill.PackageCode, bill.PeriodEnd),
            PortalLink = endpoints.Value.Public.TrimEnd('/') + "/statements/" + statementId,
        });
        var culture = sources.Cultures.GetValueOrDefault(account.Id);
        return new ComposedStatement(document, StatementRecord.Cultures.Contains(culture) ? culture! : LocalizationSetup.DefaultCulture,
            bill.AccountId, bill.Id, bill.PeriodStart);
    }

    /// <summary>Composes and renders one statement: CPU only (the issuing job runs it on every core).</summary>
    public (ComposedStatement Composed, byte[] Pdf, string Content) Draw(StatementSources sources, Guid billId, Guid statementId)
    {
        var composed = Compose(sources, billId, statementId);
        var sw = Stopwatch.StartNew();
        var pdf = renderer.Render(composed.Document, composed.Culture);
        log.LogDebug("Statement {Id} rendered in {Ms:F1} ms ({Bytes} bytes)", statementId, sw.Elapsed.TotalMilliseconds, pdf.Length);
        return (composed, pdf, JsonSerializer.Serialize(composed.Document, Json));
    }

    private async Task<(ComposedStatement Composed, byte[] Pdf, string Content)?> DrawAsync(Guid billId, Guid statementId, CancellationToken ct)
    {
        var sources = await LoadAsync([billId], ct);
        return sources.Has(billId) ? Draw(sources, billId, statementId) : null;
    }

    /// <summary>The recommender's cheapest other package over the 12 months ending with the period, if the data suffices.</summary>
    private static PackageSaving? BestAlternative(StatementSources sources, Domain.Accounts.CustomerAccount account, string packageCode, DateOnly periodEnd)
    {
        var current = sources.Packages.FirstOrDefault(p => string.Equals(p.Code, packageCode, StringComparison.OrdinalIgnoreCase));
        if (current is null) return null;
        var from = periodEnd.AddMonths(-12);
        var days = sources.Days.TryGetValue(account.Id, out var all) ? all.Where(d => d.Date >= from && d.Date < periodEnd).ToList() : [];
        var recommendation = PackageRecommender.Recommend(current, sources.Packages, account.Profile, days, periodEnd, declaredDemandKw: account.DeclaredDemandKw);
        var best = recommendation.Options.FirstOrDefault();
        return best is null || best.SavingVsCurrent.Yuan <= 0 ? null : new PackageSaving(best.Cost.PackageCode, best.SavingVsCurrent.Yuan);
    }

    /// <summary>A month is marked estimated on the chart when at least 1% of its intervals were estimated or missing (a few gaps are normal).</summary>
    public static bool IsEstimated(int estimatedOrMissing, int expected) => expected > 0 && estimatedOrMissing * 100 >= expected;

    public static StatementDocument? ReadContent(string json) => JsonSerializer.Deserialize<StatementDocument>(json, Json);
}
