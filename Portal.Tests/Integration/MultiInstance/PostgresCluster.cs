using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Tests.Integration.MultiInstance;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: initdb into a temporary folder, pg_ctl on a free loopback port
/// with its socket in that folder, trust authentication for one superuser. It does not touch the system cluster.
/// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user the Debian package creates.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "portal";
    private readonly string _bin;
    private bool _started;

    private PostgresCluster(string bin)
    {
        _bin = bin;
        // /tmp as root: the postgres user must be able to reach the folder, which a private TMPDIR may not allow.
        Folder = Path.Combine(RunningAsRoot ? "/tmp" : Path.GetTempPath(), "pm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Port = FreePort();
    }

    public string Folder { get; }
    public string DataDir => Path.Combine(Folder, "data");
    public int Port { get; }
    public string LogFile => Path.Combine(Folder, "server.log");

    public string ConnectionString(string database, string applicationName) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser};Application Name={applicationName};Pooling=true;Timeout=5";

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster(FindBinFolder());
        try
        {
            await cluster.InitAndStartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitAndStartAsync()
    {
        Directory.CreateDirectory(Folder);
        if (RunningAsRoot) await RunAsync("chown", ["postgres:postgres", Folder], asPostgres: false);
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDir, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"]);
        // fsync off: a test database need not survive a power cut. client_connection_check_interval lets the server
        // notice a killed client even while its query waits on a lock.
        var options = $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200 -c client_connection_check_interval=1000";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"]);
        _started = true;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres", "tests"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The documented PostgreSQL backup (docs/OPERATIONS.md, "Backups"): pg_dump's custom format, one consistent snapshot taken while the portal runs.</summary>
    public async Task<string> DumpAsync(string database)
    {
        var file = Path.Combine(Folder, database + ".dump");
        await RunAsync(Path.Combine(_bin, "pg_dump"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Superuser, "-Fc", "-f", file, database]);
        return file;
    }

    /// <summary>The documented restore: pg_restore into an empty database, one transaction, stopping at the first error.</summary>
    public async Task RestoreAsync(string file, string database)
    {
        await CreateDatabaseAsync(database);
        await RunAsync(Path.Combine(_bin, "pg_restore"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Superuser,
            "--single-transaction", "--exit-on-error", "--no-owner", "-d", database, file]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            try { await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"]); }
            catch (InvalidOperationException) { /* already gone; the folder goes anyway */ }
        }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres = true)
    {
        var psi = RunningAsRoot && asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {p.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static string FindBinFolder()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql. Install them: apt-get install postgresql " +
            "(./test.sh does this).");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
