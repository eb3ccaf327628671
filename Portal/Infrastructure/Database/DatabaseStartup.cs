using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Infrastructure.Database;

/// <summary>
/// Start-up database work: SQLite migrates itself; SQL Server and PostgreSQL are migrated only by the `migrate` verb
/// (or a script/bundle) and the app refuses to start while migrations are pending or the server is unreachable.
/// </summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<ProviderInfo>().Provider;
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Database");

        await using (var db = await factory.CreateDbContextAsync())
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                app.Services.GetRequiredService<SqliteInstanceLock>().Acquire(db.Database.GetConnectionString()!);
                await MigrateAsync(db);
                log.LogInformation("SQLite database ready at {Path}", new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            }
            else
            {
                await EnsureReachableAsync(db, options.ConnectTimeoutSeconds);
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count > 0)
                    throw new ConfigurationException(
                        $"The {ProviderInfo.DisplayName(provider)} database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
                        "Run `dotnet Portal.dll migrate` (or apply the idempotent script) before starting the portal.");
            }
        }

        // Every installation starts with the seeded working calendar, entered through the admin's own service.
        using (var calendarScope = app.Services.CreateScope())
            await calendarScope.ServiceProvider.GetRequiredService<Features.Calendar.CalendarAdminService>().EnsureSeededAsync();

        if (options.SeedDemoData)
        {
            using var scope = app.Services.CreateScope();
            var seeder = scope.ServiceProvider.GetRequiredService<Features.Demo.DemoSeeder>();
            await seeder.SeedIfEmptyAsync(options.DemoAccounts, options.DemoMonths, CancellationToken.None);
            if (app.Environment.IsDevelopment()) PrintDemoLogins(app);
        }
    }

    private static void PrintDemoLogins(WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<IOptions<Security.EndpointOptions>>().Value;
        Console.WriteLine();
        Console.WriteLine("PowerMarketing demo — customers: " + endpoints.Public + "   back office and /jobs: " + endpoints.Internal);
        var email = app.Services.GetRequiredService<IOptions<Email.EmailOptions>>().Value;
        Console.WriteLine(email.SmtpEnabled
            ? $"Email: delivered through SMTP {email.Smtp.Host}:{email.Smtp.Port} (and kept at /backoffice/mail)"
            : "Email: no SMTP server configured (Email:Smtp:Host) — messages stay in the database sink at /backoffice/mail");
        Console.WriteLine($"Demo logins (password for all: {Features.Demo.DemoSeeder.DemoPassword}):");
        foreach (var l in Features.Demo.DemoSeeder.Logins)
            Console.WriteLine($"  {l.Email,-24} {l.Role,-17} {l.Description}");
        Console.WriteLine();
    }

    public static async Task MigrateAsync(AppDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets the portal read while jobs and imports write.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync();
    }

    public static async Task EnsureReachableAsync(AppDbContext db, int timeoutSeconds)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds)));
        bool ok;
        try { ok = await db.Database.CanConnectAsync(cts.Token); }
        catch (Exception) { ok = false; }
        if (!ok)
        {
            var (name, key) = db.Database.IsNpgsql() ? ("PostgreSQL server", "PostgreSql") : ("SQL Server", "SqlServer");
            throw new ConfigurationException(
                $"Cannot reach the {name} named in 'ConnectionStrings:{key}' " +
                $"(waited {timeoutSeconds}s). Check the server, the network and the connection string.");
        }
    }
}
