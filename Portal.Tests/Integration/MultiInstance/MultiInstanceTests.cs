using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Complaints;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Customer;
using Portal.Features.Statements;

namespace Portal.Tests.Integration.MultiInstance;

/// <summary>
/// Scale-out proven for real: two portal processes on one PostgreSQL database share sign-ins, run each recurring
/// occurrence once, route every complaint once, survive kill -9 mid-job, and see each other's data.
/// In the portal collection: the in-process helper host sets Hangfire's process-wide storage like PortalHost does.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "MultiInstance")]
public sealed class MultiInstanceTests(MultiInstanceFixture f) : IClassFixture<MultiInstanceFixture>
{
    [Fact]
    public async Task A_sign_in_on_instance_A_is_accepted_by_instance_B()
    {
        using var onA = new PortalClient(f.A.PublicUri);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync("household@demo.local")).StatusCode);
        var cookie = onA.Cookies.GetCookieHeader(f.A.PublicUri);
        Assert.Contains("pm.auth=", cookie);

        using var b = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = f.B.PublicUri };
        var anonymous = await b.GetAsync("/complaints");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);   // B does demand a sign-in…
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/complaints");
        withCookie.Headers.Add("Cookie", cookie);
        var signedIn = await b.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);           // …and takes A's: the key ring is in the database
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM \"DataProtectionKeys\""));
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_occurrence_across_both_instances()
    {
        // Count from a settled moment: after an instance starts, or dies while it holds the recurring scheduler (the kill
        // test), Hangfire's relaxed misfire handling catches the missed occurrences up as one job at the time it notices,
        // off the two-second grid. That catch-up is by design and not what this test is about; every occurrence after it is.
        await PollAsync(async () =>
        {
            var up = await ListAsync("SELECT id FROM hangfire.server", r => r.GetString(0));
            return up.Any(s => s.StartsWith("a:", StringComparison.OrdinalIgnoreCase)) && up.Any(s => s.StartsWith("b:", StringComparison.OrdinalIgnoreCase));
        }, TimeSpan.FromSeconds(60), "both job servers");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var since = await f.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM hangfire.job");
        var sw = Stopwatch.StartNew();
        const int wanted = 10;
        await PollAsync(async () => (await SweepJobsAsync(since)).Count(j => j.State == "Succeeded") >= wanted,
            TimeSpan.FromSeconds(60), $"{wanted} sweep occurrences");
        var jobs = (await SweepJobsAsync(since)).Where(j => j.State == "Succeeded").ToList();

        // Both instances run the recurring scheduler against the same storage…
        var servers = await ListAsync("SELECT id FROM hangfire.server", r => r.GetString(0));
        Assert.Contains(servers, s => s.StartsWith("a:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(servers, s => s.StartsWith("b:", StringComparison.OrdinalIgnoreCase));
        // …yet every 2-second occurrence became exactly one job, executed exactly once.
        Assert.Equal(jobs.Count, jobs.Select(j => j.Time).Distinct().Count());
        var times = jobs.Select(j => j.Time).Order().ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 2, $"occurrences {pair.First} and {pair.Second} are closer than the schedule"));
        foreach (var job in jobs)
            Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM hangfire.state WHERE jobid = @j AND name = 'Succeeded'", ("j", job.Id)));
        var executions = await f.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.state s JOIN hangfire.jobparameter p ON p.jobid = s.jobid AND p.name = 'RecurringJobId' " +
            "WHERE p.value = '\"complaints-sweep\"' AND s.name = 'Succeeded' AND s.jobid > @since", ("since", since));
        Assert.True(executions <= times.Count + 1, $"{executions} executions for {times.Count} occurrences");

        var split = jobs.GroupBy(j => j.Server[..1].ToUpperInvariant()).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        f.Figures.Add("recurring sweep (*/2 s) on both instances",
            string.Create(CultureInfo.InvariantCulture, $"{jobs.Count} occurrences in {sw.Elapsed.TotalSeconds:F1} s, {jobs.Count} executions (ran on {string.Join(", ", split)}), 0 duplicates"));
    }

    [Fact]
    public async Task Two_hundred_complaints_are_each_routed_exactly_once()
    {
        const int count = 200;
        var since = await f.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM hangfire.job");
        var customers = await CustomersAsync("household@demo.local", "business@demo.local", "neighbour@demo.local");
        var sw = Stopwatch.StartNew();
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var (user, accountId) = customers[i % customers.Count];
            using var scope = f.Services.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<CustomerComplaintService>();
            var result = await service.SubmitAsync(user, new ComplaintForm(accountId, (ComplaintCategory)(i % 3),
                $"Scale-out complaint number {i}: the meter reading looks wrong.", ContactPreference.Email, Guid.NewGuid().ToString("N")), [], ct);
            Assert.True(result.Ok, string.Join(", ", result.Errors.Select(e => e.Code)));
            ids[i] = result.ComplaintId!.Value;
        });
        var submitted = sw.Elapsed;

        await PollAsync(async () =>
        {
            await using var db = await f.DbAsync();
            return await db.Complaints.CountAsync(c => ids.Contains(c.Id) && c.Status != ComplaintStatus.Submitted) == count;
        }, TimeSpan.FromSeconds(120), $"{count} complaints routed");
        var routed = sw.Elapsed;

        await using (var db = await f.DbAsync())
        {
            var routings = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Status, Routed = c.Timeline.Count(t => t.Kind == TimelineEntryKind.Routed) }).ToListAsync();
            Assert.Equal(count, routings.Count);
            Assert.All(routings, r => Assert.Equal(1, r.Routed));
            Assert.All(routings, r => Assert.Equal(ComplaintStatus.Routed, r.Status));
        }
        var byServer = await ListAsync(
            "SELECT upper(left(s.data::jsonb->>'ServerId', 1)) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid " +
            "WHERE s.name = 'Processing' AND j.id > " + since + " AND j.invocationdata::text LIKE '%RouteComplaintJob%'", r => r.GetString(0));
        Assert.Contains("A", byServer);
        Assert.Contains("B", byServer);
        f.Figures.Add("200 complaints", string.Create(CultureInfo.InvariantCulture,
            $"submitted in {submitted.TotalSeconds:F1} s, all routed {routed.TotalSeconds:F1} s after the first; routing jobs run by A {byServer.Count(s => s == "A")}, B {byServer.Count(s => s == "B")}; each complaint routed once"));
    }

    [Fact]
    public async Task Killing_the_instance_running_a_job_loses_nothing_and_the_effect_happens_once()
    {
        // The job: issue one month's statements. Idempotent (issued bills are skipped; (bill, revision) is unique).
        await using var conn = await f.OpenAsync();
        var period = await f.ScalarAsync<DateOnly>("SELECT \"PeriodStart\" FROM \"Bills\" GROUP BY \"PeriodStart\" ORDER BY count(*) DESC, 1 DESC LIMIT 1");
        await ExecAsync(conn, "DELETE FROM \"Statements\" WHERE \"PeriodStart\" = @p AND \"SupersedesId\" IS NOT NULL", period);
        await ExecAsync(conn, "DELETE FROM \"Statements\" WHERE \"PeriodStart\" = @p", period);
        var bills = await ListAsync($"SELECT \"Id\" FROM \"Bills\" WHERE \"PeriodStart\" = '{period:yyyy-MM-dd}'", r => r.GetGuid(0));
        Assert.True(bills.Count >= 2, "the seed has bills for the period");

        // Hold the last bill's row: the job's insert for it (a foreign key) waits, so the job is caught mid-run.
        await using var holder = await f.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("SELECT 1 FROM \"Bills\" WHERE \"Id\" = @id FOR UPDATE", holder, hold))
        {
            lockCmd.Parameters.AddWithValue("id", bills[^1]);
            await lockCmd.ExecuteScalarAsync();
        }

        var jobId = f.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<IssueStatementsJob>(j => j.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None));
        string? runner = null;
        await PollAsync(async () =>
        {
            runner = await LastProcessingServerAsync(jobId);
            return runner is not null && await f.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = @app AND wait_event_type = 'Lock'", ("app", "portal-" + runner)) > 0;
        }, TimeSpan.FromSeconds(60), "the statements job to be running and waiting mid-way");
        var victim = f.Instance(runner!);
        var survivor = f.Other(victim);
        var issuedBeforeKill = await StatementsAsync(period);

        var sw = Stopwatch.StartNew();
        await victim.KillHardAsync();
        await hold.RollbackAsync();
        // The server notices the dead client on its own (client_connection_check_interval); its open transaction is rolled back.
        await PollAsync(async () => await f.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app", ("app", "portal-" + victim.Name)) == 0,
            TimeSpan.FromSeconds(30), $"the killed instance's connections to close");

        await PollAsync(async () => await f.ScalarAsync<string>("SELECT coalesce(statename, '') FROM hangfire.job WHERE id = @id", ("id", long.Parse(jobId, CultureInfo.InvariantCulture))) == "Succeeded",
            TimeSpan.FromSeconds(60), "the job to be picked up again and succeed");
        var recovered = sw.Elapsed;
        Assert.Equal(survivor.Name, await LastProcessingServerAsync(jobId));

        var statements = await ListAsync($"SELECT \"BillId\" FROM \"Statements\" WHERE \"PeriodStart\" = '{period:yyyy-MM-dd}'", r => r.GetGuid(0));
        Assert.Equal(bills.Order(), statements.Order());   // every bill once: nothing lost, nothing twice
        // Each statement announced once, whichever instance issued it: one notice row, and no user told twice about it.
        var onPeriod = $"'{period:yyyy-MM-dd}'";
        Assert.Equal(bills.Count, await f.ScalarAsync<long>(
            $"SELECT count(*) FROM \"StatementNotices\" n JOIN \"Statements\" s ON s.\"Id\" = n.\"StatementId\" WHERE s.\"PeriodStart\" = {onPeriod}"));
        var links = $"SELECT '/statements/' || \"Id\" FROM \"Statements\" WHERE \"PeriodStart\" = {onPeriod}";
        Assert.True(await f.ScalarAsync<long>($"SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" = 'StatementReady' AND \"Link\" IN ({links})") > 0);
        Assert.Equal(0, await f.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT 1 FROM \"Notifications\" WHERE \"Kind\" = 'StatementReady' AND \"Link\" IN ({links}) GROUP BY \"UserId\", \"Link\" HAVING count(*) > 1) twice"));
        f.Figures.Add("kill -9 mid-job", string.Create(CultureInfo.InvariantCulture,
            $"{bills.Count} statements, {issuedBeforeKill} issued by {victim.Name} before the kill; retried on {survivor.Name} and succeeded {recovered.TotalSeconds:F1} s after the kill (invisibility timeout 5 s); {statements.Count} statements, none twice"));

        await f.StartInstanceAsync(victim.Name);   // the other tests expect both instances
    }

    [Fact]
    public async Task An_import_on_instance_A_is_visible_on_instance_B()
    {
        var (user, accountId) = (await CustomersAsync("household@demo.local"))[0];
        string accountNumber;
        await using (var db = await f.DbAsync())
            accountNumber = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-20);
        var expected = $"{day:yyyy-MM-dd},12.000,";

        using var onB = new PortalClient(f.B.PublicUri);
        Assert.Equal(HttpStatusCode.Redirect, (await onB.SignInAsync("household@demo.local")).StatusCode);
        var before = await onB.Http.GetStringAsync($"/usage/{accountId}/export.csv?resolution=daily");
        Assert.DoesNotContain(expected, before);

        // 96 quarter-hours of 0.125 kWh: 12.000 kWh that day. Imported with instance A's configuration (the operator verb).
        var csv = new StringBuilder("account,timestamp,kwh\n");
        for (var q = 0; q < 96; q++)
            csv.Append(CultureInfo.InvariantCulture, $"{accountNumber},{day.ToDateTime(TimeOnly.MinValue).AddMinutes(15 * q):yyyy-MM-ddTHH:mm:ss},0.125\n");
        var file = Path.Combine(Directory.CreateTempSubdirectory("pm-import").FullName, "readings.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        var (code, output) = await PortalProcess.RunVerbAsync(f.Settings("A"), "import-readings", file);
        Assert.True(code == 0, output);
        Assert.Contains("Accepted 96 row(s), rejected 0", output);
        // The verb runs the roll-up and the prediction refresh, whose slim reader (EF's SQL, a plain data reader) must
        // read PostgreSQL's uuid/date/bytea columns as well as SQLite's text and blobs.
        Assert.Contains("Monthly roll-up and predictions refreshed.", output);
        await using (var db = await f.DbAsync())
            Assert.True(await db.UsagePredictions.AnyAsync(p => p.AccountId == accountId && p.LastCompleteDay >= day && p.ForecastKwh > 0),
                "the refresh stored no forecast for the imported account");

        var after = await onB.Http.GetStringAsync($"/usage/{accountId}/export.csv?resolution=daily");
        Assert.Contains(expected, after);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/usage/{accountId}")).StatusCode);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task The_audit_chain_written_by_both_instances_verifies()
    {
        // Sign-ins on both instances append to one hash chain; PostgreSQL's microsecond timestamps must hash as written.
        foreach (var instance in new[] { f.A, f.B })
        {
            using var client = new PortalClient(instance.PublicUri);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("neighbour@demo.local")).StatusCode);
        }
        Assert.True(await f.ScalarAsync<long>("SELECT count(*) FROM \"AuditLog\"") >= 2);
        var (code, output) = await PortalProcess.RunVerbAsync(f.Settings("cli"), "audit", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("the chain is intact", output);
    }

    private sealed record SweepJob(long Id, long Time, string State, string Server);

    private Task<List<SweepJob>> SweepJobsAsync(long since) => ListAsync(
        "SELECT j.id, t.value, coalesce(j.statename, ''), coalesce((SELECT s.data::jsonb->>'ServerId' FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1), '') " +
        "FROM hangfire.job j JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = '\"complaints-sweep\"' " +
        "JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time' WHERE j.id > " + since,
        r => new SweepJob(r.GetInt64(0), long.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3)));

    private async Task<string?> LastProcessingServerAsync(string jobId)
    {
        var rows = await ListAsync("SELECT s.data::jsonb->>'ServerId' FROM hangfire.state s WHERE s.jobid = " + long.Parse(jobId, CultureInfo.InvariantCulture) +
                                   " AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1", r => r.GetString(0));
        return rows.Count == 0 ? null : rows[0][..1].ToUpperInvariant();
    }

    private async Task<long> StatementsAsync(DateOnly period) =>
        await f.ScalarAsync<long>("SELECT count(*) FROM \"Statements\" WHERE \"PeriodStart\" = @p", ("p", period));

    private async Task<List<(ClaimsPrincipal User, Guid AccountId)>> CustomersAsync(params string[] emails)
    {
        await using var db = await f.DbAsync();
        var list = new List<(ClaimsPrincipal, Guid)>();
        foreach (var email in emails)
        {
            var userId = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            var accounts = await db.AccountBindings.Where(b => b.UserId == userId).Select(b => b.AccountId).ToListAsync();
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, Portal.Data.Roles.Customer)], "test"));
            list.AddRange(accounts.Select(a => (principal, a)));
        }
        return list;
    }

    private async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var conn = await f.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync()) list.Add(read(reader));
        return list;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, DateOnly period)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("p", period);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Polls a condition every 100 ms; fails naming what it waited for.</summary>
    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_documented_PostgreSQL_backup_taken_while_both_instances_run_restores_every_table_and_an_intact_audit_chain()
    {
        const string counted = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
        async Task<Dictionary<string, long>> CountsAsync(string database)
        {
            await using var conn = new NpgsqlConnection(f.Cluster.ConnectionString(database, "tests-backup"));
            await conn.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(counted, conn))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            var counts = new Dictionary<string, long>();
            foreach (var table in tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", conn);
                counts[table] = (long)(await count.ExecuteScalarAsync())!;
            }
            return counts;
        }

        var before = await CountsAsync(MultiInstanceFixture.Database);
        var dump = await f.Cluster.DumpAsync(MultiInstanceFixture.Database); // A and B keep serving and running jobs meanwhile
        var after = await CountsAsync(MultiInstanceFixture.Database);
        await f.Cluster.RestoreAsync(dump, "restored");

        var restored = await CountsAsync("restored");
        Assert.Equal(before.Keys, restored.Keys);
        foreach (var (table, count) in restored)
            Assert.True(count >= before[table] && count <= after[table], $"{table}: {count} rows restored; {before[table]} before the dump, {after[table]} after");
        Assert.True(restored["Accounts"] > 0);

        // The restored database is a working portal database: same schema version, and its audit chain verifies.
        await using var app = f.BuildHost("restored", "tests-restored");
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<Portal.Data.AppDbContext>>().CreateDbContextAsync())
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var chain = await app.Services.GetRequiredService<Portal.Infrastructure.Audit.AuditService>().VerifyAsync();
        Assert.True(chain.Intact, chain.Message);
    }
}
