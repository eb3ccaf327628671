using Microsoft.Extensions.Options;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The legal floor: audit records are kept at least this many days.</summary>
    public const int MinimumRetentionDays = 180;

    /// <summary>Audit records older than this many days are pruned by <see cref="AuditRetentionJob"/> (at least 180).</summary>
    public int RetentionDays { get; set; } = 365;
}

/// <summary>
/// Daily: prunes audit records older than the retention. The chain stays verifiable because pruning leaves an
/// anchored record (see <see cref="AuditService.PruneAsync"/>).
/// </summary>
public sealed class AuditRetentionJob(AuditService audit, IOptions<AuditOptions> options, TimeProvider clock)
{
    public const string Id = "audit-retention";

    public Task<AuditPruneResult> RunAsync(CancellationToken ct) =>
        audit.PruneAsync(clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays), ct);
}

public static class AuditSetup
{
    public static IServiceCollection AddPortalAudit(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        if (options.RetentionDays < AuditOptions.MinimumRetentionDays)
            throw new ConfigurationException(
                $"Configuration key 'Audit:RetentionDays' is {options.RetentionDays}; audit records must be kept at least {AuditOptions.MinimumRetentionDays} days.");
        services.Configure<AuditOptions>(config.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditService>();
        services.AddTransient<AuditRetentionJob>();
        return services;
    }
}
