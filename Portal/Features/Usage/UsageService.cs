using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Calendar;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Portal.Domain.Weather;
using Portal.Features.Accounts;
using Portal.Features.Tariffs;

namespace Portal.Features.Usage;

public sealed record UsageAccountItem(Guid Id, string AccountNumber, string HolderName, CustomerType Type, string Region, string PackageCode, DateOnly? LatestReading);

/// <summary>One month of the 24-month chart: this month's kWh and the same month a year earlier (null without data).</summary>
public sealed record MonthBar(DateOnly Month, decimal Kwh, decimal? LastYearKwh, int DaysWithData);

public sealed record TouMonth(DateOnly Month, IReadOnlyList<TouShare> Shares);

public sealed record DemandMonth(DateOnly Month, decimal MaxDemandKw);

public sealed record UsageInsightFigures(double? BaseLoadKw, double? EveningShare, Seasonality Seasonality, YearOnYearChange VsLastYear, DateOnly From, DateOnly To);

/// <summary><see cref="CountyWide"/>: the account's own region had too few similar accounts, so the cohort is the whole county.</summary>
public sealed record PeerView(PeerComparisonResult Result, DateOnly Month, decimal MyKwh, int Band, bool CountyWide = false);

/// <param name="Bill">Bill estimate of the forecast through the bill engine; Low/High price the band's ends.</param>
public sealed record ForecastView(DateOnly CycleStart, DateOnly CycleEnd, UsageForecast Forecast, decimal? Bill, decimal? BillLow, decimal? BillHigh);

public sealed record SegmentView(LoadArchetype Archetype, DateTime ComputedAtUtc);

public sealed record ExportData(string AccountNumber, IReadOnlyList<DayReadings> Days, Func<DateOnly, int, TouPeriod> Classify);

public sealed record AlertSettingsView(decimal? MonthlyKwhThreshold, decimal? MonthlyBillThreshold, bool TierAlerts);

public sealed record UsageDashboard(
    UsageAccountItem Account,
    DateOnly Today,
    DataFreshness Freshness,
    IReadOnlyList<MonthBar> Months,
    IReadOnlyList<DailyTotal> Daily,
    DateOnly? CurveDay,
    IReadOnlyList<LoadPoint> LoadCurve,
    DailyProfiles Profiles,
    bool HasTimeOfUse,
    IReadOnlyList<TouMonth> TouMonths,
    IReadOnlyList<DemandMonth>? Demand,
    decimal? DeclaredDemandKw,
    TierStatus? Tier,
    UsageInsightFigures Insights,
    PeerView? Peers,
    ForecastView? Forecast,
    bool ForecastLacksHistory,
    SegmentView? Segment,
    AlertSettingsView AlertSettings);

/// <summary>
/// Reads a customer's usage for the usage page. One account's two years of packed days are read once
/// (~730 rows) and everything else is computed in memory by the pure insights in Portal.Domain/Usage; only the
/// peer cohort is an aggregate query over the monthly roll-up. Every entry point checks ownership through
/// <see cref="AccountAccessService"/> and answers null ("not found") for someone else's account.
/// </summary>
public sealed class UsageService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TariffCatalog catalog, TimeProvider clock, IMemoryCache cache,
    Calendar.WorkingCalendarCache calendar, Weather.RegionClimateCache climates)
{
    /// <summary>
    /// How long a peer cohort's monthly figures are shared between pages. The figures behind a cohort (last month's roll-up,
    /// the consumption bands the nightly refresh sets) change at most nightly; reading the whole cohort was half of a
    /// usage page's time in a 10,000-account database.
    /// </summary>
    public static readonly TimeSpan PeerCohortLifetime = TimeSpan.FromMinutes(10);

    private CancellationTokenSource _peerCohorts = new();

    /// <summary>Forgets the shared cohort figures; the prediction refresh calls it after writing bands (this instance; others within <see cref="PeerCohortLifetime"/>).</summary>
    public void ForgetPeerCohorts()
    {
        var old = Interlocked.Exchange(ref _peerCohorts, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public const int DailyDays = 60;
    public const int ProfileDays = 90;
    public const int InsightDays = 30;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    public async Task<IReadOnlyList<UsageAccountItem>> MyAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var ids = await access.OwnAccountIdsAsync(user, ct);
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.AccountNumber)
            .Select(a => new UsageAccountItem(a.Id, a.AccountNumber, a.HolderName, a.Type, a.Region, a.TariffPackageCode,
                db.AccountDays.Where(d => d.AccountId == a.Id).Max(d => (DateOnly?)d.Date)))
            .ToListAsync(ct);
        return accounts;
    }

    /// <summary>True when the signed-in customer holds the account (customer-facing check).</summary>
    public async Task<bool> OwnsAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default) =>
        (await access.OwnAccountIdsAsync(user, ct)).Contains(accountId);

    public async Task<UsageDashboard?> DashboardAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!await OwnsAsync(user, accountId, ct)) return null;
        return await BuildDashboardAsync(accountId, ct);
    }

    /// <summary>The 15-minute load curve of one day, or null when the account is not the user's.</summary>
    public async Task<IReadOnlyList<LoadPoint>?> LoadCurveAsync(ClaimsPrincipal user, Guid accountId, DateOnly day, CancellationToken ct = default)
    {
        if (!await OwnsAsync(user, accountId, ct)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.AccountDays.AsNoTracking().FirstOrDefaultAsync(d => d.AccountId == accountId && d.Date == day, ct);
        return row is null ? [] : UsageInsights.LoadCurve(ReadingStore.ToDay(row));
    }

    /// <param name="readDays">Where the days come from instead of the packed account-days (the scale benchmark's row-per-reading baseline).</param>
    internal async Task<UsageDashboard?> BuildDashboardAsync(Guid accountId, CancellationToken ct,
        Func<Guid, DateOnly, DateOnly, CancellationToken, Task<List<DayReadings>>>? readDays = null)
    {
        var today = Today;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = thisMonth.AddMonths(-23);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Id, a.AccountNumber, a.HolderName, a.Type, a.Region, a.TariffPackageCode, a.Voltage, a.ContractedCapacityKva, a.DeclaredDemandKw })
            .FirstOrDefaultAsync(ct);
        if (account is null) return null;
        var days = readDays is not null ? await readDays(accountId, from, today, ct)
            : await ReadingStore.ReadDaysAsync(db, accountId, from, today, ct);
        var prediction = await db.UsagePredictions.AsNoTracking().Where(p => p.AccountId == accountId).FirstOrDefaultAsync(ct);
        var settings = await db.UsageAlertSettings.AsNoTracking().Where(s => s.AccountId == accountId)
            .Select(s => new AlertSettingsView(s.MonthlyKwhThreshold, s.MonthlyBillThreshold, s.TierAlerts)).FirstOrDefaultAsync(ct);

        var item = new UsageAccountItem(account.Id, account.AccountNumber, account.HolderName, account.Type, account.Region,
            account.TariffPackageCode, days.Count == 0 ? null : days[^1].Date);
        var profile = new AccountProfile(account.Type, account.Voltage, account.ContractedCapacityKva, account.Region);
        var tariff = catalog.TryGet(account.TariffPackageCode, out _) ? catalog.Compiled(account.TariffPackageCode) : null;
        var classify = tariff is null ? null : TariffLens.Classifier(tariff);

        var curveDay = days.LastOrDefault(d => d.MissingCount < d.IntervalsPerDay);
        var lastDate = days.Count == 0 ? today : days[^1].Date;
        var insightFrom = lastDate.AddDays(-(InsightDays - 1));
        var recent = days.Where(d => d.Date >= insightFrom).ToList();

        var annualKwh = days.Where(d => d.Date >= thisMonth.AddMonths(-12) && d.Date < thisMonth).Sum(d => d.TotalKwh);
        var band = ConsumptionBand.Of(profile.IsBusiness, annualKwh);

        // Null from a tariffed account means too little recent history: the page says so rather than showing a number.
        var forecast = tariff is null ? null : StoredForecast(prediction, days, today)
            ?? Forecast(tariff, profile, account.DeclaredDemandKw, days, today, (await calendar.CurrentAsync(ct)).Days,
                ForecastWeather.AppliesTo(account.Type) ? (await climates.CurrentAsync(ct: ct)).For(account.Region) : null);
        return new UsageDashboard(
            item, today,
            UsageInsights.Freshness(days, today),
            MonthBars(days, thisMonth),
            UsageInsights.Daily(days.Where(d => d.Date > lastDate.AddDays(-DailyDays))),
            curveDay?.Date,
            curveDay is null ? [] : UsageInsights.LoadCurve(curveDay),
            UsageInsights.AverageProfiles(days.Where(d => d.Date > lastDate.AddDays(-ProfileDays))),
            classify is not null,
            classify is null ? [] : TouMonths(days, thisMonth, classify),
            profile.IsBusiness ? DemandMonths(days, thisMonth) : null,
            account.DeclaredDemandKw,
            tariff is null ? null : TierNow(tariff.Package, today, days),
            new UsageInsightFigures(UsageInsights.BaseLoadKw(recent), UsageInsights.EveningPeakShare(recent), UsageInsights.Seasonality(days),
                UsageInsights.ChangeAgainstLastYear(days, insightFrom, lastDate), insightFrom, lastDate),
            await PeersAsync(db, accountId, account.Type, account.Region, band, thisMonth.AddMonths(-1), days, ct),
            forecast,
            tariff is not null && forecast is null,
            prediction?.Archetype is { } arch ? new SegmentView((LoadArchetype)arch, prediction.ComputedAtUtc) : null,
            settings ?? new AlertSettingsView(null, null, false)); // alerts are opt-in: nothing is on until the customer saves
    }

    internal static IReadOnlyList<MonthBar> MonthBars(IReadOnlyList<DayReadings> days, DateOnly thisMonth)
    {
        var monthly = UsageInsights.Monthly(days).ToDictionary(m => new DateOnly(m.Year, m.Month, 1));
        return Enumerable.Range(0, 12).Select(i => thisMonth.AddMonths(i - 11)).Select(m => new MonthBar(m,
            monthly.TryGetValue(m, out var now) ? now.Kwh : 0m,
            monthly.TryGetValue(m.AddYears(-1), out var ly) && ly.DaysWithData > 0 ? ly.Kwh : null,
            monthly.TryGetValue(m, out var n2) ? n2.DaysWithData : 0)).ToArray();
    }

    internal static IReadOnlyList<TouMonth> TouMonths(IReadOnlyList<DayReadings> days, DateOnly thisMonth, Func<DateOnly, int, TouPeriod> classify) =>
        days.Where(d => d.Date >= thisMonth.AddMonths(-11))
            .GroupBy(d => new DateOnly(d.Date.Year, d.Date.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => new TouMonth(g.Key, UsageInsights.TouShares(g, classify)))
            .ToArray();

    internal static IReadOnlyList<DemandMonth> DemandMonths(IReadOnlyList<DayReadings> days, DateOnly thisMonth) =>
        days.Where(d => d.Date >= thisMonth.AddMonths(-11))
            .GroupBy(d => new DateOnly(d.Date.Year, d.Date.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => new DemandMonth(g.Key, g.Max(d => d.MaxDemandKw)))
            .ToArray();

    internal static TierStatus? TierNow(TariffPackage package, DateOnly today, IReadOnlyList<DayReadings> days) =>
        TierNow(package, today, days.Select(DayTotal.Of).ToList());

    internal static TierStatus? TierNow(TariffPackage package, DateOnly today, IReadOnlyList<DayTotal> days)
    {
        if (package.Energy.Tiers is not { } tiers) return null;
        var start = TariffLens.TierCycleStart(tiers, today);
        return TariffLens.Tier(package, today, days.Where(d => d.Date >= start && d.Date <= today).Sum(d => d.TotalKwh));
    }

    /// <summary>
    /// The forecast the nightly refresh stored, when it was made for this cycle from the same latest day the page
    /// has (no newer data since); null otherwise, and the page computes it. The forecaster's backtest of its own
    /// errors (the band) is most of a dashboard's cost, so the page takes the job's result instead of redoing it.
    /// </summary>
    internal static ForecastView? StoredForecast(UsagePredictionRow? stored, IReadOnlyList<DayReadings> days, DateOnly today)
    {
        if (stored?.BandSource is not { } source || days.Count == 0) return null;
        var (cycleStart, cycleEnd) = Cycle(today);
        if (stored.CycleStart != cycleStart || stored.LastCompleteDay != days[^1].Date) return null;
        var origin = Origin(cycleStart, cycleEnd, days[^1].Date);
        var forecast = new UsageForecast(stored.ToDateKwh, origin.DayNumber - cycleStart.DayNumber + 1, cycleEnd.DayNumber - origin.DayNumber,
            new ForecastRange(stored.ForecastKwh, stored.ForecastLowKwh, stored.ForecastHighKwh),
            new ForecastRange(stored.NextCycleKwh, stored.NextCycleLowKwh, stored.NextCycleHighKwh),
            (ForecastBandSource)source, stored.UsedLastYear, stored.UsedWeather);
        return new ForecastView(cycleStart, cycleEnd, forecast, stored.ForecastBill, stored.ForecastBillLow, stored.ForecastBillHigh);
    }

    private static (DateOnly Start, DateOnly End) Cycle(DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1);
        return (start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>The forecast's last complete day: the latest reading, held inside the cycle (or the day before it).</summary>
    private static DateOnly Origin(DateOnly cycleStart, DateOnly cycleEnd, DateOnly latest) =>
        latest < cycleStart.AddDays(-1) ? cycleStart.AddDays(-1) : latest > cycleEnd ? cycleEnd : latest;

    /// <summary>
    /// This calendar month's forecast (bills run by calendar month) and its bill through the bill engine. <paramref name="holidays"/>
    /// are the public holidays and make-up working days the forecast follows: the portal's working calendar
    /// (<see cref="Calendar.WorkingCalendarCache"/>), the same one the complaint clock counts working days with.
    /// <paramref name="climate"/> is the account's region's temperatures for an account <see cref="ForecastWeather.AppliesTo"/>
    /// (null otherwise, or when none are held): observed up to the origin, normals to the next cycle's end.
    /// </summary>
    internal static ForecastView? Forecast(CompiledTariff tariff, AccountProfile profile, decimal? declaredDemandKw, IReadOnlyList<DayReadings> days, DateOnly today,
        IReadOnlyList<CalendarDay> holidays, RegionClimate? climate = null) =>
        Forecast(tariff, profile, declaredDemandKw, days.Select(DayTotal.Of).ToList(), days, today, holidays, climate);

    /// <summary>First day whose readings <see cref="Forecast(CompiledTariff, AccountProfile, decimal?, IReadOnlyList{DayTotal}, IReadOnlyList{DayReadings}, DateOnly, IReadOnlyList{CalendarDay})"/> needs: the cycle's and the 28 days before its origin.</summary>
    internal static DateOnly ForecastReadingsFrom(DateOnly today) => Cycle(today).Start.AddDays(-28);

    /// <summary>
    /// The same forecast from the days' totals (every day, ascending) and the readings of the recent days only (at
    /// least those from <see cref="ForecastReadingsFrom"/>): the bill estimate prices this cycle's intervals and
    /// shapes the rest like the last 28 days; everything else needs totals. The nightly refresh reads no more.
    /// </summary>
    internal static ForecastView? Forecast(CompiledTariff tariff, AccountProfile profile, decimal? declaredDemandKw,
        IReadOnlyList<DayTotal> days, IReadOnlyList<DayReadings> recent, DateOnly today, IReadOnlyList<CalendarDay> holidays, RegionClimate? climate = null)
    {
        if (days.Count == 0) return null;
        var (cycleStart, cycleEnd) = Cycle(today);
        var origin = Origin(cycleStart, cycleEnd, days[^1].Date);
        var history = new List<DailyKwh>(days.Count);
        foreach (var d in days)
            if (d.HasData && d.Date <= origin) history.Add(new DailyKwh(d.Date, (double)d.TotalKwh));
        var nextCycleEnd = cycleStart.AddMonths(2).AddDays(-1);
        var temperatures = climate?.ForForecast(origin, nextCycleEnd);
        if (Forecaster.Forecast(new ForecastRequest(cycleStart, cycleEnd, origin, history, nextCycleEnd, holidays, temperatures)) is not { } forecast) return null;

        var actual = recent.Where(d => d.Date >= cycleStart && d.Date <= origin).ToList();
        var shape = recent.Where(d => d.Date > origin.AddDays(-28) && d.Date <= origin).ToList();
        var tierBefore = 0m;
        if (tariff.Package.Energy.Tiers is { } tiers)
        {
            var tierStart = TariffLens.TierCycleStart(tiers, cycleStart);
            tierBefore = days.Where(d => d.Date >= tierStart && d.Date < cycleStart).Sum(d => d.TotalKwh);
        }
        var period = new BillingPeriod(cycleStart, cycleEnd.AddDays(1));
        decimal? Price(double cycleKwh)
        {
            var remaining = cycleKwh - forecast.ToDateKwh;
            var priced = TariffLens.ForecastDays(actual, shape, origin.AddDays(1), cycleEnd, remaining);
            if (priced.Count == 0) return null;
            var bill = BillCalculator.Calculate(tariff, profile, PeriodUsage.Prepare(period, priced), tierBefore, declaredDemandKw);
            return bill.Total.Yuan;
        }
        return new ForecastView(cycleStart, cycleEnd, forecast, Price(forecast.Cycle.Kwh), Price(forecast.Cycle.Low), Price(forecast.Cycle.High));
    }

    /// <summary>
    /// Peers: same customer type and region, same consumption band (as the nightly refresh stored it), compared on
    /// the last complete month's roll-up. Reading the band from the refresh keeps this one indexed join instead of a
    /// year of monthly rows per neighbour; before the first refresh the cohort is empty and the comparison hidden.
    /// </summary>
    private async Task<PeerView?> PeersAsync(AppDbContext db, Guid accountId, CustomerType type, string region, int band,
        DateOnly month, IReadOnlyList<DayReadings> days, CancellationToken ct)
    {
        var myKwh = days.Where(d => d.Date.Year == month.Year && d.Date.Month == month.Month).Sum(d => d.TotalKwh);
        if (myKwh <= 0) return null;
        var local = await CohortAsync(db, type, region, band, month, ct);
        // The cohort is shared by everyone in it; the account itself is left out of its own comparison.
        var result = PeerComparison.Compare(myKwh, local.Where(p => p.AccountId != accountId).Select(p => p.TotalWh / 1000m));
        if (result.IsShown)
            return new PeerView(result, month, myKwh, band);
        // Too few similar accounts in the region (a small town): compare with the whole county instead, and say so.
        var county = await CohortAsync(db, type, null, band, month, ct);
        return new PeerView(PeerComparison.Compare(myKwh, county.Where(p => p.AccountId != accountId).Select(p => p.TotalWh / 1000m)), month, myKwh, band, CountyWide: true);
    }

    /// <summary>The cohort's monthly figures: same type and band, in <paramref name="region"/> or (null) the whole county.</summary>
    private async Task<PeerMonth[]> CohortAsync(AppDbContext db, CustomerType type, string? region, int band, DateOnly month, CancellationToken ct) =>
        await cache.GetOrCreateAsync(("usage-peers", type, region ?? "*", band, month), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PeerCohortLifetime;
            entry.AddExpirationToken(new CancellationChangeToken(_peerCohorts.Token));
            return await db.UsagePredictions.AsNoTracking()
                .Where(p => p.ConsumptionBand == band)
                .Join(db.Accounts.Where(a => a.Type == type && (region == null || a.Region == region)), p => p.AccountId, a => a.Id, (p, a) => p.AccountId)
                .Join(db.MonthlyUsage.Where(m => m.Month == month), id => id, m => m.AccountId, (id, m) => new PeerMonth(id, m.TotalWh))
                .ToArrayAsync(ct);
        }) ?? [];

    private sealed record PeerMonth(Guid AccountId, long TotalWh);

    /// <summary>Two years of the account's days and its TOU classifier for an export, or null when the account is not the user's.</summary>
    public async Task<ExportData?> ExportDataAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!await OwnsAsync(user, accountId, ct)) return null;
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.AccountNumber, a.TariffPackageCode }).FirstOrDefaultAsync(ct);
        if (account is null) return null;
        var rows = await db.AccountDays.AsNoTracking().Where(d => d.AccountId == accountId && d.Date >= today.AddYears(-2) && d.Date <= today)
            .OrderBy(d => d.Date).ToListAsync(ct);
        var tariff = catalog.TryGet(account.TariffPackageCode, out _) ? catalog.Compiled(account.TariffPackageCode) : null;
        // Without TOU every interval is "flat" in the export's period column, matching how such a package is billed.
        var classify = (tariff is null ? null : TariffLens.Classifier(tariff)) ?? ((_, _) => TouPeriod.Flat);
        return new ExportData(account.AccountNumber, rows.Select(ReadingStore.ToDay).ToList(), classify);
    }

    /// <summary>Saves the customer's alert thresholds; returns the problems (localization keys) instead when invalid.</summary>
    public async Task<IReadOnlyList<string>?> SaveAlertSettingsAsync(ClaimsPrincipal user, Guid accountId, AlertSettingsView settings, CancellationToken ct = default)
    {
        if (!await OwnsAsync(user, accountId, ct)) return null;
        var problems = UsageAlertRules.Problems(new UsageAlertSettings(settings.MonthlyKwhThreshold, settings.MonthlyBillThreshold, settings.TierAlerts));
        if (problems.Count > 0) return problems;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.UsageAlertSettings.FindAsync([accountId], ct);
        if (row is null) db.UsageAlertSettings.Add(row = new UsageAlertSettingRow { AccountId = accountId });
        row.MonthlyKwhThreshold = settings.MonthlyKwhThreshold;
        row.MonthlyBillThreshold = settings.MonthlyBillThreshold;
        row.TierAlerts = settings.TierAlerts;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return [];
    }
}
