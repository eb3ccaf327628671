using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Portal.Infrastructure.Database;

/// <summary>Chooses the provider from configuration and registers one factory both providers satisfy.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ReadProvider(IConfiguration config)
    {
        var raw = config[$"{DatabaseOptions.Section}:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(raw, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            throw new ConfigurationException(
                $"Configuration key 'Database:Provider' has the unknown value '{raw}'. Use 'Sqlite', 'SqlServer' or 'PostgreSql'.");
        return provider;
    }

    public static string SqliteConnectionString(IConfiguration config, string contentRoot)
    {
        var explicitCs = config.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(explicitCs)) return explicitCs;
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var folder = Path.IsPathRooted(options.DataFolder) ? options.DataFolder : Path.Combine(contentRoot, options.DataFolder);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, options.SqliteFileName),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static string SqlServerConnectionString(IConfiguration config)
    {
        var cs = config.GetConnectionString("SqlServer");
        if (string.IsNullOrWhiteSpace(cs))
            throw new ConfigurationException(
                "Configuration key 'ConnectionStrings:SqlServer' is missing. It is required when 'Database:Provider' is 'SqlServer'.");
        return cs;
    }

    public static string PostgreSqlConnectionString(IConfiguration config)
    {
        var cs = config.GetConnectionString("PostgreSql");
        if (string.IsNullOrWhiteSpace(cs))
            throw new ConfigurationException(
                "Configuration key 'ConnectionStrings:PostgreSql' is missing. It is required when 'Database:Provider' is 'PostgreSql'.");
        return cs;
    }

    /// <summary>The server connection string of the configured provider (null for SQLite).</summary>
    public static string? ServerConnectionString(IConfiguration config) => ReadProvider(config) switch
    {
        DatabaseProvider.SqlServer => SqlServerConnectionString(config),
        DatabaseProvider.PostgreSql => PostgreSqlConnectionString(config),
        _ => null,
    };

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.Configure<DatabaseOptions>(config.GetSection(DatabaseOptions.Section));
        var provider = ReadProvider(config);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(config, contentRoot);
                services.AddDbContextFactory<SqliteAppDbContext>(o => ConfigureSqlite(o, sqlite));
                services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<SqliteAppDbContext>>();
                services.AddSingleton<SqliteInstanceLock>();
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = SqlServerConnectionString(config);
                services.AddDbContextFactory<SqlServerAppDbContext>(o => ConfigureSqlServer(o, sqlServer));
                services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<SqlServerAppDbContext>>();
                break;
            case DatabaseProvider.PostgreSql:
                var postgres = PostgreSqlConnectionString(config);
                services.AddDbContextFactory<PostgreSqlAppDbContext>(o => ConfigurePostgreSql(o, postgres));
                services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<PostgreSqlAppDbContext>>();
                break;
        }

        // Identity's stores want a scoped context; everything else opens one short context per operation.
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton(new ProviderInfo(provider));
        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs, x => x.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
         .UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll);

    internal static void ConfigureSqlServer(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlServer(cs, x => x.EnableRetryOnFailure(3));

    internal static void ConfigurePostgreSql(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(cs, x => x.EnableRetryOnFailure(3));

    private sealed class FactoryAdapter<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext> where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

public sealed record ProviderInfo(DatabaseProvider Provider)
{
    /// <summary>How operators know the provider: "SQL Server", "PostgreSQL", "SQLite".</summary>
    public static string DisplayName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => "SQL Server",
        DatabaseProvider.PostgreSql => "PostgreSQL",
        _ => "SQLite",
    };
}

public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>
/// Identity shapes its tables from IdentityOptions.Stores.SchemaVersion (Version3 adds passkeys); design-time
/// contexts have no app services, so they get a tiny provider carrying the same options.
/// </summary>
internal static class DesignTimeServices
{
    public static readonly IServiceProvider Provider = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

// Design-time factories: `dotnet ef migrations add X --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite`.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design-time.db");
        o.UseApplicationServiceProvider(DesignTimeServices.Provider);
        return new SqliteAppDbContext(o.Options);
    }
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(o, "Server=(design-time);Database=PowerMarketing;Trusted_Connection=True;TrustServerCertificate=True");
        o.UseApplicationServiceProvider(DesignTimeServices.Provider);
        return new SqlServerAppDbContext(o.Options);
    }
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        DatabaseSetup.ConfigurePostgreSql(o, "Host=design-time;Database=powermarketing;Username=portal");
        o.UseApplicationServiceProvider(DesignTimeServices.Provider);
        return new PostgreSqlAppDbContext(o.Options);
    }
}
