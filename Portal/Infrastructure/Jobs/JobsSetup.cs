using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Portal.Data;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this process (turn off for a web-only instance).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    /// <summary>Attempts before a failed job stays failed (Hangfire's default is 10 over ~4.5 h).</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Register recurring schedules at start (RecurringSchedules).</summary>
    public bool RegisterRecurring { get; set; } = true;

    /// <summary>
    /// Server storage only: a job fetched by an instance that died becomes visible to the others after this long.
    /// Sliding (a live worker keeps extending it), so long jobs are safe with a short value.
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// PostgreSQL storage only: a distributed lock (e.g. the recurring scheduler's) left by an instance that died is
    /// taken over after this long. Hangfire.PostgreSql's default is 10 minutes, during which a killed instance's
    /// recurring job would not fire anywhere; the portal holds these locks for milliseconds.
    /// </summary>
    public int DistributedLockTimeoutSeconds { get; set; } = 60;

    /// <summary>Name shown for this instance's Hangfire server on /jobs (default: the machine name).</summary>
    public string? ServerName { get; set; }

    /// <summary>Cron overrides by recurring job id, e.g. "Jobs:Schedules:complaints-sweep" = "*/30 * * * * *".</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];
}

/// <summary>
/// Hangfire: in-memory storage with SQLite, the server database's storage with SQL Server or PostgreSQL
/// (docs/adr/0003-jobs.md, docs/adr/0005-postgresql-and-several-instances.md).
/// The database is the truth; jobs are idempotent and recurring sweeps recover anything a lost job left.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(config.GetSection(JobsOptions.Section));
        var provider = DatabaseSetup.ReadProvider(config);

        services.AddHangfire((sp, h) =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
             .UseSimpleAssemblyNameTypeSerializer()
             .UseRecommendedSerializerSettings()
             .UseFilter(new AutomaticRetryAttribute { Attempts = options.RetryAttempts })
             .UseFilter(new Telemetry.JobMetricsFilter(sp.GetRequiredService<Telemetry.PortalMetrics>()));
            var invisibility = TimeSpan.FromSeconds(Math.Max(1, options.InvisibilityTimeoutSeconds));
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    h.UseSqlServerStorage(DatabaseSetup.SqlServerConnectionString(config), new SqlServerStorageOptions
                    {
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        SlidingInvisibilityTimeout = invisibility,
                    });
                    break;
                case DatabaseProvider.PostgreSql:
                    // Schema "hangfire" in the portal's database; recurring and delayed schedulers take its
                    // distributed locks, so a schedule fires once across all instances.
                    h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(DatabaseSetup.PostgreSqlConnectionString(config)), new PostgreSqlStorageOptions
                    {
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        InvisibilityTimeout = invisibility,
                        UseSlidingInvisibilityTimeout = true,
                        DistributedLockTimeout = TimeSpan.FromSeconds(Math.Max(1, options.DistributedLockTimeoutSeconds)),
                    });
                    break;
                default:
                    h.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
                    break;
            }
        });

        if (options.RunServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, options.WorkerCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                if (!string.IsNullOrWhiteSpace(options.ServerName)) o.ServerName = options.ServerName;
            });
        return services;
    }

    public static WebApplication MapPortalJobs(this WebApplication app)
    {
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnInternalEndpointFilter()],
            AppPath = "/backoffice",
            DashboardTitle = "PowerMarketing jobs",
            DisplayStorageConnectionString = false,
        });
        if (app.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.RegisterRecurring ?? true)
            RecurringSchedules.Register(app.Services.GetRequiredService<IRecurringJobManager>(),
                app.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.Schedules);
        return app;
    }

    /// <summary>The dashboard is for Admins on the internal endpoint only (the separation middleware already 404s the public side).</summary>
    private sealed class AdminOnInternalEndpointFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return http.GetEndpointKind() == EndpointKind.Internal
                && http.User.Identity?.IsAuthenticated == true
                && http.User.IsInRole(Roles.Admin);
        }
    }
}
