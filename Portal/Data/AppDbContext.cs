using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Domain.Safety;
using Portal.Domain.Service;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Infrastructure.Audit;

namespace Portal.Data;

/// <summary>
/// The one model, shared by all providers. Provider-specific contexts exist only so that each has its own
/// migration set (docs/adr/0001-two-database-providers.md, docs/adr/0005-postgresql-and-several-instances.md).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<CustomerAccount> Accounts => Set<CustomerAccount>();
    public DbSet<AccountBinding> AccountBindings => Set<AccountBinding>();
    public DbSet<Features.Accounts.AccountJoinRequestRow> AccountJoinRequests => Set<Features.Accounts.AccountJoinRequestRow>();
    public DbSet<Features.Accounts.AccountBindingAttemptRow> AccountBindingAttempts => Set<Features.Accounts.AccountBindingAttemptRow>();
    public DbSet<AccountDayRow> AccountDays => Set<AccountDayRow>();
    public DbSet<MonthlyUsageRow> MonthlyUsage => Set<MonthlyUsageRow>();
    public DbSet<Features.Usage.UsageAlertSettingRow> UsageAlertSettings => Set<Features.Usage.UsageAlertSettingRow>();
    public DbSet<Features.Usage.UsagePredictionRow> UsagePredictions => Set<Features.Usage.UsagePredictionRow>();
    public DbSet<Features.Usage.UsageAlertRow> UsageAlerts => Set<Features.Usage.UsageAlertRow>();
    public DbSet<Features.Usage.UsageSegmentModelRow> UsageSegmentModels => Set<Features.Usage.UsageSegmentModelRow>();
    public DbSet<Features.Usage.UsageImportRow> UsageImports => Set<Features.Usage.UsageImportRow>();
    public DbSet<Bill> Bills => Set<Bill>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<ServiceActivity> ServiceActivities => Set<ServiceActivity>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ServiceRating> ServiceRatings => Set<ServiceRating>();
    public DbSet<Portal.Features.Complaints.RoutingRulesVersion> ComplaintRoutingRules => Set<Portal.Features.Complaints.RoutingRulesVersion>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Hazard> Hazards => Set<Hazard>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<JobCheckpoint> JobCheckpoints => Set<JobCheckpoint>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PackageSwitchRequest> PackageSwitchRequests => Set<PackageSwitchRequest>();
    public DbSet<TariffPackageVersion> TariffPackageVersions => Set<TariffPackageVersion>();
    public DbSet<Features.Tariffs.TariffRecommendationRow> TariffRecommendations => Set<Features.Tariffs.TariffRecommendationRow>();
    public DbSet<StatementRecord> Statements => Set<StatementRecord>();
    public DbSet<Features.Credit.CreditPolicyVersionRow> CreditPolicyVersions => Set<Features.Credit.CreditPolicyVersionRow>();
    public DbSet<Features.Credit.CreditReviewRunRow> CreditReviewRuns => Set<Features.Credit.CreditReviewRunRow>();
    public DbSet<Domain.Credit.CreditAccountState> CreditStates => Set<Domain.Credit.CreditAccountState>();
    public DbSet<Domain.Credit.PointEvent> CreditPointEvents => Set<Domain.Credit.PointEvent>();
    public DbSet<Domain.Credit.TierChange> CreditTierChanges => Set<Domain.Credit.TierChange>();
    public DbSet<Domain.Credit.CreditAdjustment> CreditAdjustments => Set<Domain.Credit.CreditAdjustment>();
    public DbSet<Domain.Credit.Violation> Violations => Set<Domain.Credit.Violation>();
    public DbSet<Domain.Credit.ManagerMessage> ManagerMessages => Set<Domain.Credit.ManagerMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money and kWh: exact decimals everywhere, same precision on both providers.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<decimal?>().HavePrecision(18, 4);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

/// <summary>
/// PostgreSQL keeps the other providers' meaning of dates: a <see cref="DateTime"/> is a wall-clock value stored as
/// <c>timestamp without time zone</c> (like SQL Server's datetime2; some are UTC, complaint clocks are China time),
/// whatever its Kind, and a <see cref="DateTimeOffset"/> goes to timestamptz in UTC (Npgsql refuses other offsets).
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone").HaveConversion<WallClockConverter>();
        configurationBuilder.Properties<DateTime?>().HaveColumnType("timestamp without time zone").HaveConversion<WallClockConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcOffsetConverter>();
    }

    /// <summary>Npgsql writes only Unspecified/Local kinds to timestamp; the stored wall-clock value is unchanged.</summary>
    public sealed class WallClockConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);

    /// <summary>Npgsql writes only offset 0 to timestamptz; the instant is unchanged.</summary>
    public sealed class UtcOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}
