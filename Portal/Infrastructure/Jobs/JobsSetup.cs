using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
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
}

/// <summary>
/// Hangfire: in-memory storage with SQLite, SQL Server storage with SQL Server (docs/adr/0003-jobs.md).
/// The database is the truth; jobs are idempotent and recurring sweeps recover anything a lost job left.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(config.GetSection(JobsOptions.Section));
        var provider = DatabaseSetup.ReadProvider(config);

        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
             .UseSimpleAssemblyNameTypeSerializer()
             .UseRecommendedSerializerSettings()
             .UseFilter(new AutomaticRetryAttribute { Attempts = options.RetryAttempts });
            if (provider == DatabaseProvider.SqlServer)
                h.UseSqlServerStorage(DatabaseSetup.SqlServerConnectionString(config), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                });
            else
                h.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
        });

        if (options.RunServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, options.WorkerCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
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
            RecurringSchedules.Register(app.Services.GetRequiredService<IRecurringJobManager>());
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
