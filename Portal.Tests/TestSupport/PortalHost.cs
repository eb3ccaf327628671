using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Database;

namespace Portal.Tests.TestSupport;

/// <summary>
/// The real portal, started in-process on two free loopback ports (public and internal) with a fresh SQLite
/// file, migrated and seeded with a small deterministic utility. Use as an xunit class fixture.
/// </summary>
public class PortalHost : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;

    public PortalHost() : this(12, 3) { }

    protected PortalHost(int accounts, int months, Dictionary<string, string?>? extra = null, string? dataFolder = null)
    {
        DataFolder = dataFolder ?? NewDataFolder();
        PublicPort = FreePort();
        InternalPort = FreePort();
        _settings = new()
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = DataFolder,
            ["Database:SeedDemoData"] = "true",
            ["Database:DemoAccounts"] = accounts.ToString(),
            ["Database:DemoMonths"] = months.ToString(),
            ["Endpoints:Public"] = $"http://127.0.0.1:{PublicPort}",
            ["Endpoints:Internal"] = $"http://127.0.0.1:{InternalPort}",
            ["Security:RequireStaffTwoFactor"] = "false",
            ["Security:SecureCookies"] = "false", // plain http on loopback
            ["Jobs:RegisterRecurring"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Feature tests file many complaints as one user; RateLimitTests sets the real budget.
            ["RateLimits:ComplaintsPerHour"] = "1000",
        };
        foreach (var (k, v) in extra ?? []) _settings[k] = v;
    }

    public string DataFolder { get; }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "pm-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The settings this host runs with (an operator verb on the same data is built from them).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;
    public int PublicPort { get; }
    public int InternalPort { get; }
    public Uri PublicUri => new($"http://127.0.0.1:{PublicPort}");
    public Uri InternalUri => new($"http://127.0.0.1:{InternalPort}");
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.AddPortal();
        _app = builder.Build();
        await _app.PrepareDatabaseAsync();
        _app.UsePortal();
        await _app.StartAsync();
    }

    /// <summary>Stops the portal and keeps its data folder (an operator verb then works on it); dispose later to delete it.</summary>
    public async Task StopForRestoreAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    /// <summary>An HTTP client for one endpoint that keeps cookies (so it can sign in) and does not follow redirects.</summary>
    public PortalClient Client(bool @internal = false) => new(@internal ? InternalUri : PublicUri);

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>
/// Tests that start a portal share this collection so that hosts do not run side by side: Hangfire keeps
/// process-wide static state (JobStorage.Current) that two hosts in one process would fight over.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalCollection
{
    public const string Name = "portal";
}
