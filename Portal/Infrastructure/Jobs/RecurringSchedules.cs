using Hangfire;
using Portal.Features.Usage;

namespace Portal.Infrastructure.Jobs;

/// <summary>Every recurring schedule in one place. Times are China Standard Time.</summary>
public static class RecurringSchedules
{
    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.CreateCustomTimeZone("CST+8", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public static void Register(IRecurringJobManager jobs)
    {
        var cst = new RecurringJobOptions { TimeZone = ChinaTime };

        // Monthly aggregates behind the usage pages; incremental, so every 10 minutes is cheap.
        jobs.AddOrUpdate<UsageRollupJob>(UsageRollupJob.Id, j => j.RunAsync(CancellationToken.None), "*/10 * * * *", cst);
    }
}
