using Hangfire;
using Portal.Features.Complaints.Jobs;
using Portal.Features.Credit;
using Portal.Features.Marketing;
using Portal.Features.Planning;
using Portal.Features.Statements;
using Portal.Features.Tariffs;
using Portal.Features.Usage;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Backup;
using Portal.Infrastructure.Email;

namespace Portal.Infrastructure.Jobs;

/// <summary>Every recurring schedule in one place. Times are China Standard Time.</summary>
public static class RecurringSchedules
{
    /// <summary>China Standard Time from the IANA database (Hangfire stores the id); UTC if tzdata is missing.</summary>
    public static readonly TimeZoneInfo ChinaTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var tz) ? tz : TimeZoneInfo.Utc;

    public static void Register(IRecurringJobManager jobs, IReadOnlyDictionary<string, string>? overrides = null)
    {
        if (overrides is { Count: > 0 }) jobs = new OverridingManager(jobs, overrides);
        var cst = new RecurringJobOptions { TimeZone = ChinaTime };

        // Monthly aggregates behind the usage pages; incremental, so every 10 minutes is cheap.
        jobs.AddOrUpdate<UsageRollupJob>(UsageRollupJob.Id, j => j.RunAsync(CancellationToken.None), "*/10 * * * *", cst);

        // Approved tariff switches take effect on the first day of a billing cycle; hourly catches a missed run.
        jobs.AddOrUpdate<TariffSwitchJob>(TariffSwitchJob.Id, j => j.RunAsync(CancellationToken.None), "5 * * * *", cst);
        // The month's bills on the 3rd at 05:00, each due-dated by its tier's privileges; statements follow on the 4th.
        jobs.AddOrUpdate<MonthlyBillRunJob>(MonthlyBillRunJob.Id, j => j.RunAsync(CancellationToken.None), "0 5 3 * *", cst);
        StatementsFeature.RegisterSchedules(jobs, cst);
        // Station temperatures (Weather:FeedUrl; does nothing when empty), before the forecast refresh that uses them.
        jobs.AddOrUpdate<Features.Weather.WeatherFeedJob>(Features.Weather.WeatherFeedJob.Id, j => j.RunAsync(CancellationToken.None), "10 4 * * *", cst);
        // Forecasts, segments and usage alerts, after the night's meter data has arrived; incremental.
        jobs.AddOrUpdate<RefreshPredictionsJob>(RefreshPredictionsJob.Id, j => j.RunAsync(CancellationToken.None), "30 4 * * *", cst);
        // Planners' demand by region × level × customer type, from the roll-ups and the segments the refresh just stored; skips when nothing changed.
        jobs.AddOrUpdate<PlanningForecastJob>(PlanningForecastJob.Id, j => j.RunAsync(CancellationToken.None), "55 4 * * *", cst);
        // Tariff recommendations replayed on the same night's data; only accounts whose stored one went stale.
        jobs.AddOrUpdate<RecommendationRefreshJob>(RecommendationRefreshJob.Id, j => j.RunAsync(CancellationToken.None), "45 4 * * *", cst);
        // Complaints: route anything whose routing job was lost, close expired reopen windows; escalate overdue SLAs.
        jobs.AddOrUpdate<ComplaintSweepJob>(ComplaintSweepJob.Id, j => j.RunAsync(CancellationToken.None), "* * * * *", cst);
        jobs.AddOrUpdate<ComplaintSlaWatchJob>(ComplaintSlaWatchJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *", cst);
        // Credit tiers: monthly review of every account, 02:00 on the 1st (after the month's bills are due-dated).
        jobs.AddOrUpdate<CreditReviewJob>(CreditReviewJob.Id, j => j.RunMonthlyAsync(CancellationToken.None), "0 2 1 * *", cst);
        // …and every hour the accounts whose payments, hazards or adjustments changed (safety net behind the per-account jobs).
        // Audit retention: prune records older than Audit:RetentionDays (≥ 180), keeping the chain anchored.
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetentionJob.Id, j => j.RunAsync(CancellationToken.None), "40 3 * * *", cst);
        // Backup of the embedded SQLite database and its files, verified, newest Backup:Keep kept (server databases: their own tools).
        jobs.AddOrUpdate<BackupJob>(BackupJob.Id, j => j.RunAsync(CancellationToken.None), "30 2 * * *", cst);
        // Association analysis after the night's segments, alerts and credit changes; stores the run the admin page reads.
        jobs.AddOrUpdate<AssociationMiningJob>(AssociationMiningJob.Id, j => j.RunAsync(CancellationToken.None), "15 5 * * *", cst);
        jobs.AddOrUpdate<CreditReviewJob>(CreditReviewJob.ChangesId, j => j.RunRecentChangesAsync(CancellationToken.None), "17 * * * *", cst);
        // Email: the outbox is delivered through the SMTP server every minute (does nothing when none is configured).
        jobs.AddOrUpdate<EmailDeliveryJob>(EmailDeliveryJob.Id, j => j.RunAsync(CancellationToken.None), "* * * * *", cst);
    }

    /// <summary>Applies `Jobs:Schedules:{id}` cron overrides (operators tune a schedule without a release).</summary>
    private sealed class OverridingManager(IRecurringJobManager inner, IReadOnlyDictionary<string, string> overrides) : IRecurringJobManager
    {
        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, RecurringJobOptions options) =>
            inner.AddOrUpdate(recurringJobId, job, overrides.TryGetValue(recurringJobId, out var cron) ? cron : cronExpression, options);

        public void Trigger(string recurringJobId) => inner.Trigger(recurringJobId);

        public void RemoveIfExists(string recurringJobId) => inner.RemoveIfExists(recurringJobId);
    }
}
