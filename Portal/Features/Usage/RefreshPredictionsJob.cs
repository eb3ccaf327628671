using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Calendar;
using Portal.Domain.Usage;
using Portal.Features.Notifications;
using Portal.Features.Tariffs;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.Usage;

/// <summary>
/// Nightly and after each import: for every account with new data (or new alert settings) since its checkpoint,
/// stores the cycle forecast, the load-shape segment and the consumption level, and raises usage alerts.
/// Idempotent: predictions are overwritten, alerts are deduplicated by a unique key, the segment model is retrained
/// only when missing or a week old (then every account is refreshed against it).
/// Alerts are opt-in: only accounts whose customer saved alert settings get any.
/// </summary>
public sealed class RefreshPredictionsJob(
    IDbContextFactory<AppDbContext> dbFactory,
    TariffCatalog catalog,
    UsageService usage,
    NotificationService notifications,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    Calendar.WorkingCalendarCache calendar,
    Weather.RegionClimateCache climates,
    ILogger<RefreshPredictionsJob> log,
    Infrastructure.Telemetry.PortalMetrics? metrics = null)
{
    public const string Id = "usage-refresh-predictions";
    public const int Clusters = 6;
    public static readonly TimeSpan ModelMaxAge = TimeSpan.FromDays(7);
    private const int HistoryDays = 730;
    private const int Batch = 200;

    /// <summary>Slices of each batch read and computed at once, each on its own connection (reading the packed days, forecast, shape); 1 is the plain sequential path the scale benchmark compares against.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    public async Task RunAsync(CancellationToken ct)
    {
        // The admin-edited working calendar, read once per run so every account of the run is forecast with the same days.
        var workingCalendar = await calendar.CurrentAsync(ct);
        var holidays = workingCalendar.Days;
        // The regions' temperatures (business accounts' weather term), read once per run, shared by every account of a region.
        var weather = await climates.CurrentAsync(fresh: true, ct);
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(startedAt.AddHours(8));
        DateTime since;
        List<Guid> touched;
        SegmentModel? model = null;
        var retrain = false;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            since = (await db.JobCheckpoints.AsNoTracking().Where(c => c.Name == Id).Select(c => (DateTime?)c.LastRunUtc).FirstOrDefaultAsync(ct)) ?? DateTime.MinValue;
            var latestModel = await db.UsageSegmentModels.AsNoTracking().OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
            if (latestModel is not null && startedAt - latestModel.TrainedAtUtc < ModelMaxAge) model = SegmentModel.FromJson(latestModel.Json);
            else retrain = true;
            // A calendar edit since the last run changes every account's cycle forecast, not only those with new readings.
            touched = retrain || since == DateTime.MinValue || workingCalendar.ChangedAtUtc >= since
                ? await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct)
                : await db.AccountDays.AsNoTracking().Where(d => d.ImportedAtUtc >= since).Select(d => d.AccountId)
                    .Union(db.UsageAlertSettings.Where(s => s.UpdatedAtUtc >= since).Select(s => s.AccountId))
                    .Distinct().ToListAsync(ct);
            // New temperatures or normals for a region move its business accounts' forecasts (ForecastWeather.AppliesTo), new readings or not.
            if (weather.LastImportUtc >= since && !(retrain || since == DateTime.MinValue || workingCalendar.ChangedAtUtc >= since))
            {
                // (New published normals for a region, too: they give its days without a computed normal one.)
                var regions = await db.Set<Weather.RegionTemperatureRow>().AsNoTracking().Where(t => t.ImportedAtUtc >= since).Select(t => t.Region)
                    .Union(db.Set<Weather.RegionTemperatureNormalRow>().AsNoTracking().Where(t => t.ImportedAtUtc >= since).Select(t => t.Region))
                    .Distinct().ToListAsync(ct);
                var weatherAccounts = await db.Accounts.AsNoTracking()
                    .Where(a => regions.Contains(a.Region) && (a.Type == CustomerType.Business || a.Type == CustomerType.LargeIndustrial))
                    .Select(a => a.Id).ToListAsync(ct);
                touched = touched.Union(weatherAccounts).ToList();
            }
        }

        var done = 0;
        var raised = 0;
        await ReportAsync($"0/{touched.Count}", null, ct);

        if (retrain)
        {
            // Retraining needs every account's shape before any can be classified: compute every account once (the
            // results are small), train on the shapes in account order, then write.
            var all = new List<Computed>(touched.Count);
            foreach (var chunk in touched.Chunk(Batch))
            {
                ct.ThrowIfCancellationRequested();
                all.AddRange(await ComputeAsync(chunk, today, holidays, weather, ct));
            }
            var shapes = all.Where(c => c.Shape is not null).Select(c => c.Shape!).ToList();
            if (shapes.Count >= Clusters)
            {
                model = SegmentModel.Train(shapes, Clusters);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.UsageSegmentModels.Add(new UsageSegmentModelRow { Json = model.ToJson(), TrainedOnAccounts = shapes.Count, TrainedAtUtc = startedAt });
                await db.SaveChangesAsync(ct);
            }
            foreach (var chunk in all.Chunk(Batch))
            {
                raised += await WriteAsync(chunk, model, today, startedAt, ct);
                done += chunk.Length;
                metrics?.RefreshedAccounts.Add(chunk.Length);
                await ReportAsync($"{done}/{touched.Count}", null, ct);
            }
        }
        else
        {
            foreach (var chunk in touched.Chunk(Batch))
            {
                ct.ThrowIfCancellationRequested();
                raised += await WriteAsync(await ComputeAsync(chunk, today, holidays, weather, ct), model, today, startedAt, ct);
                done += chunk.Length;
                metrics?.RefreshedAccounts.Add(chunk.Length);
                await ReportAsync($"{done}/{touched.Count}", null, ct);
            }
        }

        usage.ForgetPeerCohorts();   // bands and roll-ups may have moved: pages read their cohorts afresh
        await ReportAsync($"{done}/{touched.Count}; alerts {raised}", startedAt, ct);
        log.LogInformation("Usage refresh: {Accounts} account(s), {Alerts} alert(s), model {Model}", done, raised, retrain ? "retrained" : "kept");
    }

    /// <summary>
    /// Refreshes the given accounts now against the current segment model (no retraining, no checkpoint move): what the
    /// nightly run would store for them. The scale scenario uses it to prepare a probe cohort in a large database.
    /// </summary>
    public async Task RefreshAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct)
    {
        var holidays = (await calendar.CurrentAsync(ct)).Days;
        var weather = await climates.CurrentAsync(fresh: true, ct);
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(startedAt.AddHours(8));
        SegmentModel? model;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            model = await db.UsageSegmentModels.AsNoTracking().OrderByDescending(m => m.Id).Select(m => m.Json).FirstOrDefaultAsync(ct) is { } json
                ? SegmentModel.FromJson(json) : null;
        foreach (var chunk in accountIds.Chunk(Batch))
            await WriteAsync(await ComputeAsync(chunk, today, holidays, weather, ct), model, today, startedAt, ct);
        usage.ForgetPeerCohorts();
    }

    private sealed record AccountInfo(Guid Id, string AccountNumber, CustomerType Type, VoltageLevel Voltage, decimal CapacityKva, string Region, string Package, decimal? DeclaredDemandKw);

    /// <summary>What one account's refresh computed; <see cref="Days"/> 0 when it has no data in the last two years (nothing is stored).</summary>
    private sealed record Computed(AccountInfo Account, int Days, DateOnly LastDay, ForecastView? Forecast, decimal Annual, LoadShape? Shape, TierStatus? Tier);

    /// <summary>One account's days as the refresh reads them: every day's totals, the hourly profile sums, the recent days' readings.</summary>
    private sealed class AccountDays
    {
        public List<DayTotal> Totals { get; } = new(HistoryDays + 1);
        public ProfileAccumulator Profiles { get; } = new();
        public List<DayReadings> Recent { get; } = [];
    }

    /// <summary>
    /// Reads and computes the accounts (forecast with its backtest and bill estimate, annual level, load shape, tier) in
    /// <see cref="Parallelism"/> slices at once, each with its own connection; the results come back in the given order.
    /// </summary>
    private async Task<Computed[]> ComputeAsync(Guid[] ids, DateOnly today, IReadOnlyList<CalendarDay> holidays, Weather.ClimateSnapshot weather, CancellationToken ct)
    {
        var slices = Math.Clamp(Parallelism, 1, Math.Max(1, ids.Length));
        var size = (ids.Length + slices - 1) / slices;
        var parts = ids.Chunk(Math.Max(1, size)).ToArray();
        if (parts.Length == 1) return await ComputeSliceAsync(parts[0], today, holidays, weather, ct);
        var results = await Task.WhenAll(parts.Select(part => Task.Run(() => ComputeSliceAsync(part, today, holidays, weather, ct), ct)));
        return results.SelectMany(r => r).ToArray();
    }

    private async Task<Computed[]> ComputeSliceAsync(Guid[] ids, DateOnly today, IReadOnlyList<CalendarDay> holidays, Weather.ClimateSnapshot weather, CancellationToken ct)
    {
        var cycleStart = new DateOnly(today.Year, today.Month, 1);
        Dictionary<Guid, AccountInfo> infos;
        Dictionary<Guid, AccountDays> data;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            infos = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new AccountInfo(a.Id, a.AccountNumber, a.Type, a.Voltage, a.ContractedCapacityKva, a.Region, a.TariffPackageCode, a.DeclaredDemandKw))
                .ToDictionaryAsync(a => a.Id, ct);
            data = await ReadAsync(db, ids, today.AddDays(-HistoryDays), today, UsageService.ForecastReadingsFrom(today), ct);
        }
        var result = new List<Computed>(ids.Length);
        foreach (var id in ids)
        {
            if (!infos.TryGetValue(id, out var a)) continue;
            if (!data.TryGetValue(id, out var days))
            {
                result.Add(new Computed(a, 0, default, null, 0, null, null));
                continue;
            }
            var tariff = catalog.TryGet(a.Package, out _) ? catalog.Compiled(a.Package) : null;
            var profile = new AccountProfile(a.Type, a.Voltage, a.CapacityKva, a.Region);
            var totals = days.Totals;
            var climate = Domain.Weather.ForecastWeather.AppliesTo(a.Type) ? weather.For(a.Region) : null;
            var forecast = tariff is null ? null : UsageService.Forecast(tariff, profile, a.DeclaredDemandKw, totals, days.Recent, today, holidays, climate);
            decimal annual = 0;
            foreach (var d in totals)
                if (d.Date >= cycleStart.AddMonths(-12) && d.Date < cycleStart) annual += d.TotalKwh;
            var shape = totals.Count >= 28 ? LoadShape.From(days.Profiles.ToProfiles(), UsageInsights.Seasonality(totals)) : null;
            var tier = tariff?.Package.Energy.Tiers is null ? null : UsageService.TierNow(tariff.Package, today, totals);
            result.Add(new Computed(a, totals.Count, totals[^1].Date, forecast, annual, shape, tier));
        }
        return result.ToArray();
    }

    /// <summary>
    /// Every day's totals and the hourly profile sums from <paramref name="from"/> to <paramref name="today"/>, and the recent
    /// days (from <paramref name="recentFrom"/>) whole for the bill estimate. The months after <paramref name="from"/>'s come
    /// from the monthly roll-up (one row per month: packed day totals and profile sums, kept by <see cref="UsageRollupJob"/>)
    /// when every one of them is rolled up and current; then only <paramref name="from"/>'s partial month and the recent
    /// days are read as days. An account with any month not rolled up (new data not yet rolled up, a gap, a short
    /// history) reads all its days, as before the roll-up existed; both give the same figures (integer sums).
    /// </summary>
    private static async Task<Dictionary<Guid, AccountDays>> ReadAsync(AppDbContext db, Guid[] ids, DateOnly from, DateOnly today, DateOnly recentFrom, CancellationToken ct)
    {
        var firstFull = new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastMonth = new DateOnly(today.Year, today.Month, 1);
        var monthsNeeded = (lastMonth.Year - firstFull.Year) * 12 + lastMonth.Month - firstFull.Month + 1;
        var rollups = (await db.MonthlyUsage.AsNoTracking()
                .Where(m => ids.Contains(m.AccountId) && m.Month >= firstFull && m.Month <= lastMonth && m.ProfileSums != null && m.DayTotals != null)
                .Select(m => new { m.AccountId, m.Month, m.ProfileSums, m.DayTotals })
                .ToListAsync(ct))
            .GroupBy(m => m.AccountId)
            // Every month rolled up, and none holding days after today (the roll-up's sums could not leave them out).
            .Where(g => g.Count() == monthsNeeded && recentFrom >= firstFull
                        && !(MonthDayTotals.LastDay(lastMonth, g.Single(m => m.Month == lastMonth).DayTotals) > today))
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.Month).ToList());

        var data = new Dictionary<Guid, AccountDays>(ids.Length);
        var rolled = ids.Where(rollups.ContainsKey).ToArray();
        var unrolled = ids.Where(id => !rollups.ContainsKey(id)).ToArray();
        if (rolled.Length > 0)
        {
            await ReadDaysAsync(db, d => rolled.Contains(d.AccountId) && ((d.Date >= from && d.Date < firstFull) || (d.Date >= recentFrom && d.Date <= today)),
                recentFrom, date => date < firstFull, data, ct);
            foreach (var id in rolled)
            {
                if (!data.TryGetValue(id, out var days)) data[id] = days = new AccountDays();
                foreach (var m in rollups[id])
                {
                    MonthDayTotals.Unpack(m.Month, m.DayTotals, from, today, days.Totals);
                    days.Profiles.AddPackedSums(m.ProfileSums);
                }
                if (days.Totals.Count == 0) data.Remove(id);
            }
        }
        if (unrolled.Length > 0)
            await ReadDaysAsync(db, d => unrolled.Contains(d.AccountId) && d.Date >= from && d.Date <= today, recentFrom, _ => true, data, ct);
        return data;
    }

    /// <summary>
    /// One query, streamed: each day's totals and packed Wh (summed straight into the hourly profiles, never unpacked into
    /// readings) when <paramref name="summed"/> says so, and for the recent days also the quality, kvarh and demand columns
    /// the bill estimate prices, from which those days become whole <see cref="DayReadings"/>. The SQL and its parameters
    /// are EF's own (<c>CreateDbCommand</c>); the rows are read with the plain data reader, which skips EF's per-row materializer.
    /// </summary>
    private static async Task ReadDaysAsync(AppDbContext db, Expression<Func<AccountDayRow, bool>> filter, DateOnly recentFrom,
        Func<DateOnly, bool> summed, Dictionary<Guid, AccountDays> data, CancellationToken ct)
    {
        var query = db.AccountDays.AsNoTracking().Where(filter)
            .OrderBy(d => d.AccountId).ThenBy(d => d.Date)
            .Select(d => new
            {
                d.AccountId,
                d.Date,
                d.IntervalMinutes,
                d.WattHours,
                d.TotalWh,
                d.MissingCount,
                RecentQuality = d.Date >= recentFrom ? d.Quality : null,
                RecentVarHours = d.Date >= recentFrom ? d.VarHours : null,
                RecentDemandWatts = d.Date >= recentFrom ? d.DemandWatts : null,
            });
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = query.CreateDbCommand();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        // EF names each column after its property, and a computed one after the projection's member.
        int idCol = reader.GetOrdinal(nameof(AccountDayRow.AccountId)), dateCol = reader.GetOrdinal(nameof(AccountDayRow.Date)),
            minutesCol = reader.GetOrdinal(nameof(AccountDayRow.IntervalMinutes)), whCol = reader.GetOrdinal(nameof(AccountDayRow.WattHours)),
            totalCol = reader.GetOrdinal(nameof(AccountDayRow.TotalWh)), missingCol = reader.GetOrdinal(nameof(AccountDayRow.MissingCount)),
            qualityCol = reader.GetOrdinal("RecentQuality"), varhCol = reader.GetOrdinal("RecentVarHours"), demandCol = reader.GetOrdinal("RecentDemandWatts");
        AccountDays? current = null;
        var currentId = Guid.Empty;
        while (await reader.ReadAsync(ct))
        {
            var accountId = reader.GetGuid(idCol);
            if (current is null || accountId != currentId)
            {
                currentId = accountId;
                data[currentId] = current = new AccountDays();
            }
            var date = ReadingStore.ReadDate(reader, dateCol);
            var minutes = reader.GetInt32(minutesCol);
            // GetFieldValue<byte[]> copies the value once; GetBytes into a reused buffer costs far more on SQLite (a blob handle per call).
            var wh = reader.GetFieldValue<byte[]>(whCol);
            if (summed(date))
            {
                current.Profiles.AddPacked(date, minutes, wh);
                current.Totals.Add(DayTotal.FromStored(date, minutes, reader.GetInt32(missingCol), reader.GetInt64(totalCol)));
            }
            if (date >= recentFrom)
                current.Recent.Add(DayReadings.FromPacked(date, minutes, wh, reader.GetFieldValue<byte[]>(qualityCol),
                    reader.IsDBNull(varhCol) ? null : reader.GetFieldValue<byte[]>(varhCol),
                    reader.IsDBNull(demandCol) ? null : reader.GetFieldValue<byte[]>(demandCol)));
        }
    }

    /// <summary>Stores the computed predictions of one batch (in order), classifies the shapes and raises the alerts.</summary>
    private async Task<int> WriteAsync(IReadOnlyList<Computed> work, SegmentModel? model, DateOnly today, DateTime nowUtc, CancellationToken ct)
    {
        var ids = work.Select(w => w.Account.Id).ToArray();
        var raised = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.UsagePredictions.Where(p => ids.Contains(p.AccountId)).ToDictionaryAsync(p => p.AccountId, ct);
        var settings = await db.UsageAlertSettings.AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToDictionaryAsync(s => s.AccountId, ct);
        var cycleStart = new DateOnly(today.Year, today.Month, 1);
        var cycleKey = UsageAlertRules.CycleKeyFor(cycleStart);
        var keys = (await db.UsageAlerts.AsNoTracking().Where(a => ids.Contains(a.AccountId) && a.DedupeKey.Contains("|" + cycleKey + "|"))
            .Select(a => a.DedupeKey).ToListAsync(ct)).ToHashSet();
        var toNotify = new List<(Guid AccountId, string AccountNumber, UsageAlertDecision Alert)>();

        foreach (var (a, dayCount, lastDay, forecast, annual, shape, tier) in work)
        {
            if (dayCount == 0) continue;
            var profile = new AccountProfile(a.Type, a.Voltage, a.CapacityKva, a.Region);
            var segment = model is not null && shape is not null ? model.Classify(shape) : null;

            if (!existing.TryGetValue(a.Id, out var row)) db.UsagePredictions.Add(row = new UsagePredictionRow { AccountId = a.Id });
            row.CycleStart = forecast?.CycleStart ?? cycleStart;
            row.LastCompleteDay = lastDay;
            row.ForecastKwh = forecast?.Forecast.Cycle.Kwh ?? 0;
            row.ForecastLowKwh = forecast?.Forecast.Cycle.Low ?? 0;
            row.ForecastHighKwh = forecast?.Forecast.Cycle.High ?? 0;
            row.NextCycleKwh = forecast?.Forecast.NextCycle.Kwh ?? 0;
            row.ForecastBill = forecast?.Bill;
            row.ForecastBillLow = forecast?.BillLow;
            row.ForecastBillHigh = forecast?.BillHigh;
            row.ToDateKwh = forecast?.Forecast.ToDateKwh ?? 0;
            row.NextCycleLowKwh = forecast?.Forecast.NextCycle.Low ?? 0;
            row.NextCycleHighKwh = forecast?.Forecast.NextCycle.High ?? 0;
            row.BandSource = forecast is null ? null : (int)forecast.Forecast.BandSource;
            row.UsedLastYear = forecast?.Forecast.UsedLastYear ?? false;
            row.UsedWeather = forecast?.Forecast.UsedWeather ?? false;
            row.Archetype = segment is null ? null : (int)segment.Archetype;
            row.Cluster = segment?.Cluster;
            row.AnnualKwh = annual;
            row.ConsumptionBand = ConsumptionBand.Of(profile.IsBusiness, annual);
            row.ComputedAtUtc = nowUtc;

            if (forecast is null || !settings.TryGetValue(a.Id, out var set)) continue;
            var situation = new UsageAlertSituation(a.AccountNumber, cycleKey, (decimal)forecast.Forecast.Cycle.Kwh, forecast.Bill,
                (decimal)Math.Max(0, forecast.Forecast.Cycle.Kwh - forecast.Forecast.ToDateKwh), tier?.ToHeadroom());
            foreach (var alert in UsageAlertRules.Decide(situation, new UsageAlertSettings(set.MonthlyKwhThreshold, set.MonthlyBillThreshold, set.TierAlerts), keys))
            {
                db.UsageAlerts.Add(new UsageAlertRow { AccountId = a.Id, DedupeKey = alert.DedupeKey, Kind = (int)alert.Kind, Value = alert.Value, Limit = alert.Limit, ByBill = alert.ByBill, RaisedAtUtc = nowUtc });
                keys.Add(alert.DedupeKey);
                toNotify.Add((a.Id, a.AccountNumber, alert));
            }
        }
        await db.SaveChangesAsync(ct);

        foreach (var (accountId, number, alert) in toNotify)
        {
            var users = await db.AccountBindings.AsNoTracking().Where(b => b.AccountId == accountId)
                .Select(b => b.UserId).ToListAsync(ct);
            foreach (var user in users)
            {
                var kind = alert.Kind == UsageAlertKind.ForecastAboveThreshold ? "UsageForecastAboveThreshold" : "UsageTierNear";
                await notifications.NotifyAsync(user, kind, number, $"/usage/{accountId}", () => EmailText(kind, number, alert), ct);
            }
            raised++;
        }
        return raised;
    }

    /// <summary>The alert email in the current (the recipient's) culture.</summary>
    private EmailContent EmailText(string kind, string accountNumber, UsageAlertDecision alert)
    {
        var value = alert.ByBill ? Components.Shared.Format.Money(alert.Value) : Components.Shared.Format.Kwh(alert.Value, 0);
        var limit = alert.ByBill ? Components.Shared.Format.Money(alert.Limit) : Components.Shared.Format.Kwh(alert.Limit, 0);
        var body = alert.Kind == UsageAlertKind.ForecastAboveThreshold
            ? l["Usage.AlertEmailForecast", accountNumber, value, limit]
            : l["Usage.AlertEmailTier", accountNumber, Components.Shared.Format.Kwh(alert.Value, 0)];
        return new EmailContent(l["Notify." + kind, accountNumber], body);
    }

    private async Task ReportAsync(string state, DateTime? finishedRunStartedAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checkpoint = await db.JobCheckpoints.FindAsync([Id], ct);
        if (checkpoint is null)
        {
            // LastRunUtc only moves when a run completes, so a lost run's accounts are picked up by the next one.
            db.JobCheckpoints.Add(checkpoint = new JobCheckpoint { Name = Id, LastRunUtc = DateTime.MinValue });
        }
        checkpoint.State = (finishedRunStartedAt is null ? "running " : "done ") + state;
        if (finishedRunStartedAt is { } t) checkpoint.LastRunUtc = t;
        await db.SaveChangesAsync(ct);
    }
}
