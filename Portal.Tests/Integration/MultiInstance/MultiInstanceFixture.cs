using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Integration.MultiInstance;

/// <summary>
/// Two real portal processes, A and B, on their own ports against one PostgreSQL database in a throwaway cluster,
/// with Hangfire servers on both sharing the job storage. The database is migrated with the `migrate` verb and
/// seeded with the `seed` verb first, as an operator would. A third, server-less portal host inside the test
/// process (<see cref="Services"/>) gives the tests the portal's own services against the same database.
/// Everything is torn down even when start-up fails half-way.
/// </summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    public const string Database = "powermarketing";
    public const string SweepSchedule = "*/2 * * * * *";
    private readonly Dictionary<string, PortalProcess> _instances = [];
    private WebApplication? _host;

    public PostgresCluster Cluster { get; private set; } = default!;
    public PortalProcess A => _instances["A"];
    public PortalProcess B => _instances["B"];
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Not started.");
    public string ConnectionString => Cluster.ConnectionString(Database, "tests");

    /// <summary>Measured figures, written to artifacts/multi-instance.txt and quoted in docs/OPERATIONS.md.</summary>
    public Figures Figures { get; } = new();

    public async Task InitializeAsync()
    {
        var total = Stopwatch.StartNew();
        try
        {
            var sw = Stopwatch.StartNew();
            Cluster = await PostgresCluster.StartAsync();
            await Cluster.CreateDatabaseAsync(Database);
            Figures.Add("PostgreSQL throwaway cluster initdb + start", sw);

            sw.Restart();
            await VerbAsync("migrate");
            Figures.Add("`migrate` (EF migrations)", sw);
            sw.Restart();
            await VerbAsync("seed", "--accounts", "12", "--months", "2");
            Figures.Add("`seed --accounts 12 --months 2`", sw);

            foreach (var name in new[] { "A", "B" }) await StartInstanceAsync(name);

            // 200 complaints from three customers in one go.
            _host = BuildHost(Database, "tests-host", new() { ["RateLimits:ComplaintsPerHour"] = "1000" });
            Figures.Add("fixture start-up in total", total);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A server-less portal host inside the test process (no Hangfire server, no recurring jobs) on a database of the
    /// cluster, connecting as <paramref name="applicationName"/>: the portal's own services against that database.
    /// </summary>
    public WebApplication BuildHost(string database, string applicationName, Dictionary<string, string?>? extra = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:PostgreSql"] = Cluster.ConnectionString(database, applicationName),
            ["Jobs:RunServer"] = "false",
            ["Jobs:RegisterRecurring"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortal();
        return builder.Build();
    }

    public Dictionary<string, string> Settings(string instance) => new()
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__PostgreSql"] = Cluster.ConnectionString(Database, "portal-" + instance),
        ["Database__SeedDemoData"] = "false",
        ["Security__RequireStaffTwoFactor"] = "false",
        ["Security__SecureCookies"] = "false",
        ["RateLimits__AuthPostsPerMinute"] = "1000",
        ["RateLimits__DownloadsPerMinute"] = "1000",
        ["RateLimits__ComplaintsPerHour"] = "1000",
        ["Jobs__ServerName"] = instance,
        ["Jobs__WorkerCount"] = "2",
        // Short and sliding: a job fetched by a killed instance is visible again after 5 s, a live one keeps it.
        ["Jobs__InvisibilityTimeoutSeconds"] = "5",
        // A scheduler lock left by the killed instance is taken over after 10 s (production default 60 s).
        ["Jobs__DistributedLockTimeoutSeconds"] = "10",
        // The complaint sweep every 2 s instead of every minute, so "once per schedule" is seen within seconds.
        ["Jobs__Schedules__complaints-sweep"] = SweepSchedule,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public async Task<PortalProcess> StartInstanceAsync(string name)
    {
        if (_instances.Remove(name, out var old)) await old.DisposeAsync();
        var sw = Stopwatch.StartNew();
        var portal = await PortalProcess.StartAsync(name, Settings(name), TimeSpan.FromSeconds(90));
        _instances[name] = portal;
        Figures.Add($"instance {name} start to healthy", sw);
        return portal;
    }

    public PortalProcess Other(PortalProcess p) => p.Name == "A" ? B : A;

    public PortalProcess Instance(string name) => _instances[name];

    public async Task<string> VerbAsync(params string[] args)
    {
        var (code, output) = await PortalProcess.RunVerbAsync(Settings("cli"), args);
        if (code != 0) throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {code}:\n{output}");
        return output;
    }

    public async Task<AppDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] args)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        var result = await cmd.ExecuteScalarAsync();
        return result is T t ? t : (T)Convert.ChangeType(result!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _instances.Values)
        {
            try { await p.DisposeAsync(); } catch (InvalidOperationException) { }
        }
        _instances.Clear();
        if (_host is not null) await _host.DisposeAsync();
        _host = null;
        if (Cluster is not null) await Cluster.DisposeAsync();
        Figures.Write(Path.Combine(RepoRoot.Path, "artifacts", "multi-instance.txt"));
    }
}

/// <summary>Named durations and counts, in the order measured.</summary>
public sealed class Figures
{
    private readonly List<string> _lines = [];

    public void Add(string what, Stopwatch sw) => Add(what, string.Create(CultureInfo.InvariantCulture, $"{sw.Elapsed.TotalSeconds:F1} s"));

    public void Add(string what, string value)
    {
        lock (_lines) _lines.Add($"{what}: {value}");
    }

    public void Write(string path)
    {
        lock (_lines)
        {
            if (_lines.Count == 0) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, new StringBuilder("Multi-instance test on PostgreSQL (two Portal processes, one database)\n")
                .AppendJoin('\n', _lines).Append('\n').ToString());
        }
    }
}
