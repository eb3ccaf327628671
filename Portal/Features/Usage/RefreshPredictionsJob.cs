using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Usage;
using Portal.Features.Notifications;
using Portal.Features.Tariffs;
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
    NotificationService notifications,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ILogger<RefreshPredictionsJob> log)
{
    public const string Id = "usage-refresh-predictions";
    public const int Clusters = 6;
    public static readonly TimeSpan ModelMaxAge = TimeSpan.FromDays(7);
    private const int HistoryDays = 730;
    private const int Batch = 200;

    /// <summary>Accounts computed at once (forecast, shape, segment are CPU work); 1 is the plain sequential path the scale benchmark compares against.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    public async Task RunAsync(CancellationToken ct)
    {
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
            touched = retrain || since == DateTime.MinValue
                ? await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct)
                : await db.AccountDays.AsNoTracking().Where(d => d.ImportedAtUtc >= since).Select(d => d.AccountId)
                    .Union(db.UsageAlertSettings.Where(s => s.UpdatedAtUtc >= since).Select(s => s.AccountId))
                    .Distinct().ToListAsync(ct);
        }

        var from = today.AddDays(-HistoryDays);
        var work = new List<(AccountInfo Account, List<DayReadings> Days)>();
        var shapes = new Dictionary<Guid, LoadShape>();
        var done = 0;
        var raised = 0;
        await ReportAsync($"0/{touched.Count}", null, ct);

        // Retraining needs every account's shape before any can be classified: read shapes first, then process.
        if (retrain)
        {
            foreach (var chunk in touched.Chunk(Batch))
                foreach (var (id, days) in await ReadAsync(chunk, from, today, ct))
                    if (days.Count >= 28) shapes[id] = LoadShape.From(days);
            if (shapes.Count >= Clusters)
            {
                model = SegmentModel.Train(shapes.Values.ToList(), Clusters);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.UsageSegmentModels.Add(new UsageSegmentModelRow { Json = model.ToJson(), TrainedOnAccounts = shapes.Count, TrainedAtUtc = startedAt });
                await db.SaveChangesAsync(ct);
            }
        }

        foreach (var chunk in touched.Chunk(Batch))
        {
            ct.ThrowIfCancellationRequested();
            var infos = await AccountsAsync(chunk, ct);
            var data = await ReadAsync(chunk, from, today, ct);
            foreach (var info in infos)
                work.Add((info, data.TryGetValue(info.Id, out var days) ? days : []));
            raised += await ProcessAsync(work, model, shapes, today, startedAt, ct);
            done += chunk.Length;
            work.Clear();
            await ReportAsync($"{done}/{touched.Count}", null, ct);
        }

        await ReportAsync($"{done}/{touched.Count}; alerts {raised}", startedAt, ct);
        log.LogInformation("Usage refresh: {Accounts} account(s), {Alerts} alert(s), model {Model}", done, raised, retrain ? "retrained" : "kept");
    }

    /// <summary>
    /// Refreshes the given accounts now against the current segment model (no retraining, no checkpoint move): what the
    /// nightly run would store for them. The scale scenario uses it to prepare a probe cohort in a large database.
    /// </summary>
    public async Task RefreshAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(startedAt.AddHours(8));
        SegmentModel? model;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            model = await db.UsageSegmentModels.AsNoTracking().OrderByDescending(m => m.Id).Select(m => m.Json).FirstOrDefaultAsync(ct) is { } json
                ? SegmentModel.FromJson(json) : null;
        foreach (var chunk in accountIds.Chunk(Batch))
        {
            var data = await ReadAsync(chunk, today.AddDays(-HistoryDays), today, ct);
            var work = (await AccountsAsync(chunk, ct)).Select(a => (a, data.TryGetValue(a.Id, out var days) ? days : [])).ToList();
            await ProcessAsync(work, model, [], today, startedAt, ct);
        }
    }

    private sealed record AccountInfo(Guid Id, string AccountNumber, CustomerType Type, VoltageLevel Voltage, decimal CapacityKva, string Region, string Package, decimal? DeclaredDemandKw);

    private async Task<List<AccountInfo>> AccountsAsync(Guid[] ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new AccountInfo(a.Id, a.AccountNumber, a.Type, a.Voltage, a.ContractedCapacityKva, a.Region, a.TariffPackageCode, a.DeclaredDemandKw))
            .ToListAsync(ct);
    }

    private async Task<Dictionary<Guid, List<DayReadings>>> ReadAsync(Guid[] ids, DateOnly from, DateOnly today, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AccountDays.AsNoTracking().Where(d => ids.Contains(d.AccountId) && d.Date >= from && d.Date <= today)
            .OrderBy(d => d.AccountId).ThenBy(d => d.Date).ToListAsync(ct);
        return rows.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Select(ReadingStore.ToDay).ToList());
    }

    private async Task<int> ProcessAsync(List<(AccountInfo Account, List<DayReadings> Days)> work, SegmentModel? model, Dictionary<Guid, LoadShape> shapes,
        DateOnly today, DateTime nowUtc, CancellationToken ct)
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

        // The CPU part (forecast with its backtest, load shape, segment) in parallel; the rows are written after, in order.
        var tariffs = work.Select(w => catalog.TryGet(w.Account.Package, out _) ? catalog.Compiled(w.Account.Package) : null).ToArray();
        var computed = new (ForecastView? Forecast, decimal Annual, SegmentAssignment? Segment)[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = ct }, i =>
        {
            var (a, days) = work[i];
            if (days.Count == 0) return;
            var profile = new AccountProfile(a.Type, a.Voltage, a.CapacityKva, a.Region);
            var forecast = tariffs[i] is { } t ? UsageService.Forecast(t, profile, a.DeclaredDemandKw, days, today) : null;
            var annual = days.Where(d => d.Date >= cycleStart.AddMonths(-12) && d.Date < cycleStart).Sum(d => d.TotalKwh);
            SegmentAssignment? segment = null;
            if (model is not null && days.Count >= 28)
                segment = model.Classify(shapes.TryGetValue(a.Id, out var s) ? s : LoadShape.From(days));
            computed[i] = (forecast, annual, segment);
        });

        for (var i = 0; i < work.Count; i++)
        {
            var (a, days) = work[i];
            if (days.Count == 0) continue;
            var profile = new AccountProfile(a.Type, a.Voltage, a.CapacityKva, a.Region);
            var tariff = tariffs[i];
            var (forecast, annual, segment) = computed[i];

            if (!existing.TryGetValue(a.Id, out var row)) db.UsagePredictions.Add(row = new UsagePredictionRow { AccountId = a.Id });
            row.CycleStart = forecast?.CycleStart ?? cycleStart;
            row.LastCompleteDay = days[^1].Date;
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
            row.Archetype = segment is null ? null : (int)segment.Archetype;
            row.Cluster = segment?.Cluster;
            row.AnnualKwh = annual;
            row.ConsumptionBand = ConsumptionBand.Of(profile.IsBusiness, annual);
            row.ComputedAtUtc = nowUtc;

            if (forecast is null || !settings.TryGetValue(a.Id, out var set)) continue;
            var tier = tariff!.Package.Energy.Tiers is null ? null : UsageService.TierNow(tariff.Package, today, days);
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
                .Join(db.Users, b => b.UserId, u => u.Id, (b, u) => new { u.Id, u.PreferredCulture }).ToListAsync(ct);
            foreach (var user in users)
            {
                var kind = alert.Kind == UsageAlertKind.ForecastAboveThreshold ? "UsageForecastAboveThreshold" : "UsageTierNear";
                var (subject, body) = EmailText(user.PreferredCulture, kind, number, alert);
                await notifications.NotifyAsync(user.Id, kind, number, $"/usage/{accountId}", subject, body, ct);
            }
            raised++;
        }
        return raised;
    }

    private (string Subject, string Body) EmailText(string culture, string kind, string accountNumber, UsageAlertDecision alert)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture is "en-US" ? "en-US" : "zh-CN");
            var subject = l["Notify." + kind, accountNumber];
            var value = alert.ByBill ? Components.Shared.Format.Money(alert.Value) : Components.Shared.Format.Kwh(alert.Value, 0);
            var limit = alert.ByBill ? Components.Shared.Format.Money(alert.Limit) : Components.Shared.Format.Kwh(alert.Limit, 0);
            var body = alert.Kind == UsageAlertKind.ForecastAboveThreshold
                ? l["Usage.AlertEmailForecast", accountNumber, value, limit]
                : l["Usage.AlertEmailTier", accountNumber, Components.Shared.Format.Kwh(alert.Value, 0)];
            return (subject, body);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
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
