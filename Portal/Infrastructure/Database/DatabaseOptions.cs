namespace Portal.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default, zero set-up, one instance), SqlServer (production) or PostgreSql (production, several instances).</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Folder of the SQLite file, relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>File name of the SQLite database inside <see cref="DataFolder"/>.</summary>
    public string SqliteFileName { get; set; } = "portal.db";

    /// <summary>Seed demo data when the database is empty (Development default: true).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Accounts and months the start-up demo seed generates.</summary>
    public int DemoAccounts { get; set; } = 300;

    public int DemoMonths { get; set; } = 24;

    /// <summary>Seconds to wait for a SQL Server or PostgreSQL connection before refusing to start.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;
}
