using Microsoft.Data.Sqlite;

namespace Portal.Infrastructure.Database;

/// <summary>
/// One portal per SQLite file: with SQLite, Hangfire keeps its jobs in the process's memory, so a second instance
/// on the same file would run every recurring job again and never see the jobs the first one queued. The first
/// instance holds an exclusive lock on "&lt;database&gt;.instance-lock" beside the file until it stops (the OS releases
/// it if the process dies); a second one is refused with the reason. Operator verbs (migrate, seed, ...) do not take it.
/// </summary>
public sealed class SqliteInstanceLock : IDisposable
{
    private FileStream? _lock;

    public static string LockPathFor(string sqliteConnectionString)
    {
        var source = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        return Path.GetFullPath(source) + ".instance-lock";
    }

    /// <summary>Takes the lock or throws a <see cref="ConfigurationException"/> that says why the start is refused.</summary>
    public void Acquire(string sqliteConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (_lock is not null || builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return;
        var path = LockPathFor(sqliteConnectionString);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and a sharing lock on Windows.
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            _lock.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _lock.Write(pid);
            _lock.Flush();
        }
        catch (IOException)
        {
            throw new ConfigurationException(
                $"Another PowerMarketing instance is already running on the SQLite database '{Path.GetFullPath(builder.DataSource)}' " +
                $"(it holds '{path}'). With SQLite the background jobs live in that instance's memory, so a second instance " +
                "would run every recurring job twice and could not see the jobs the first one queued. Stop the other instance, " +
                "or run several instances on a server database (Database:Provider=SqlServer or PostgreSql; see docs/OPERATIONS.md).");
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
