using Portal.Infrastructure.Database;

namespace Portal.Tests.Integration;

/// <summary>SQLite keeps Hangfire's jobs in memory, so only one portal may run on a SQLite file.</summary>
[Collection(PortalCollection.Name)]
public class SqliteSingleInstanceTests
{
    private static string TempDatabase() =>
        "Data Source=" + Path.Combine(Directory.CreateTempSubdirectory("pm-lock").FullName, "portal.db");

    [Fact]
    public void The_instance_lock_is_exclusive_while_held_and_free_once_released()
    {
        var cs = TempDatabase();
        var first = new SqliteInstanceLock();
        first.Acquire(cs);
        using (var second = new SqliteInstanceLock())
            Assert.Throws<ConfigurationException>(() => second.Acquire(cs));
        first.Dispose();
        using var third = new SqliteInstanceLock();
        third.Acquire(cs);   // released: the next instance may start
        Assert.True(File.Exists(SqliteInstanceLock.LockPathFor(cs)));
    }

    [Fact]
    public async Task A_second_portal_on_the_same_sqlite_file_refuses_to_start_and_says_why()
    {
        var folder = Directory.CreateTempSubdirectory("pm-lock").FullName;
        await using var first = new SameFolderHost(folder);
        await first.InitializeAsync();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = folder,
            ["Jobs:RunServer"] = "false",
            ["Jobs:RegisterRecurring"] = "false",
        });
        builder.AddPortal();
        await using var second = builder.Build();
        var ex = await Assert.ThrowsAsync<ConfigurationException>(() => second.PrepareDatabaseAsync());
        Assert.Contains("Another PowerMarketing instance is already running on the SQLite database", ex.Message);
        Assert.Contains("background jobs live in that instance's memory", ex.Message);
        Assert.Contains("PostgreSql", ex.Message);
        // The first instance is unaffected.
        using var client = first.Client();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private sealed class SameFolderHost(string folder) : PortalHost(8, 1, new() { ["Database:DataFolder"] = folder }), IAsyncDisposable
    {
        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
