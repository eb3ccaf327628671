using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Database;

namespace Portal.LoadTests;

public sealed record CircuitOptions(int Count, int Accounts, int Months, string DataFolder, string OutFolder, int Wave = 50,
    int Interactions = 10, int ThinkMinMs = 1000, int ThinkMaxMs = 3000);

/// <summary>
/// The circuit load test of issue 9: a portal of its own (as the scale scenario), a child process of the same Portal.dll
/// running <see cref="CircuitClients"/> that opens N interactive circuits on usage pages, and in this process the GC
/// heap after a full blocking collection before (one warm-up circuit open) and after the N circuits rendered: the
/// difference divided by N is the server memory per circuit. Then every circuit flips a chart/table switch K times and
/// the round trips (event sent → next render batch) are reported as median/p95/p99.
/// </summary>
public sealed class CircuitScenario(CircuitOptions o)
{
    private readonly BenchReport _report = new($"Circuit load test: {o.Count:N0} circuits on the usage page");

    public string Stem => $"circuits-{o.Count}";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var app = ScaleScenario.BuildApp(o.DataFolder, new Dictionary<string, string?>
        {
            ["Security:MaxCircuitsPerUser"] = (o.Count + 10).ToString(CultureInfo.InvariantCulture),
            ["RateLimits:ComplaintsPerHour"] = "1000",
            ["Jobs:RunServer"] = "false",
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Components"] = "Error",
        });
        await app.PrepareDatabaseAsync();
        app.UsePortal();
        await ScaleScenario.SeedAsync(app, o.Accounts, o.Months, o.DataFolder, _report.Note, ct);
        await app.StartAsync(ct);
        var targetsFile = Path.Combine(o.DataFolder, "circuit-targets.json");
        try
        {
            var targets = await TargetsAsync(app, ct);
            await File.WriteAllTextAsync(targetsFile, JsonSerializer.Serialize(targets), ct);
            var url = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Infrastructure.Security.EndpointOptions>>().Value.Public;
            await DriveClientsAsync(url, targetsFile, targets, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            File.Delete(targetsFile);
        }
        var (md, json) = await _report.WriteAsync(o.OutFolder, Stem);
        Console.WriteLine($"Written: {md}, {json}");
        return 0;
    }

    /// <summary>The demo customers that sign in with the demo password, each on the usage page of every account bound to them.</summary>
    private static async Task<List<CircuitTarget>> TargetsAsync(WebApplication app, CancellationToken ct)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        string[] emails = ["household@demo.local", "business@demo.local", "neighbour@demo.local"];
        var rows = await (from u in db.Users
                          join b in db.AccountBindings on u.Id equals b.UserId
                          where emails.Contains(u.Email)
                          orderby u.Email, b.AccountId
                          select new { u.Email, b.AccountId }).ToListAsync(ct);
        return rows.Select(r => new CircuitTarget(r.Email!, $"/usage/{r.AccountId}")).ToList();
    }

    private async Task DriveClientsAsync(string url, string targetsFile, List<CircuitTarget> targets, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[] { typeof(LoadTestsCli).Assembly.Location, "circuit-clients", "--url", url, "--targets", targetsFile,
                     "--count", o.Count.ToString(CultureInfo.InvariantCulture), "--wave", o.Wave.ToString(CultureInfo.InvariantCulture),
                     "--interactions", o.Interactions.ToString(CultureInfo.InvariantCulture),
                     "--think-min", o.ThinkMinMs.ToString(CultureInfo.InvariantCulture), "--think-max", o.ThinkMaxMs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.SignalR"] = "Error";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the circuit clients.");
        var stderr = new List<string>();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Add(e.Data); };
        child.BeginErrorReadLine();
        try
        {
            async Task<CircuitClientsResult> Next(string phase)
            {
                while (await child.StandardOutput.ReadLineAsync(ct) is { } line)
                {
                    if (!line.StartsWith(CircuitClients.Prefix, StringComparison.Ordinal)) continue;
                    var result = JsonSerializer.Deserialize<CircuitClientsResult>(line[CircuitClients.Prefix.Length..])!;
                    if (result.Phase != phase) throw new InvalidOperationException($"The clients said {result.Phase}, expected {phase}.");
                    return result;
                }
                string tail;
                lock (stderr) tail = string.Join("\n", stderr.TakeLast(20));
                throw new InvalidOperationException($"The circuit clients ended before {phase} (exit {(child.HasExited ? child.ExitCode : -1)}):\n{tail}");
            }

            var warm = await Next("WARM");
            var (heapBefore, infoBefore) = Heap();
            await child.StandardInput.WriteLineAsync("OPEN");
            await child.StandardInput.FlushAsync(ct);

            var ready = await Next("READY");
            var (heapAfter, infoAfter) = Heap();
            var perCircuit = ready.Opened > 0 ? (heapAfter - heapBefore) / (double)ready.Opened : double.NaN;
            var perCircuitInfo = ready.Opened > 0 ? (infoAfter - infoBefore) / (double)ready.Opened : double.NaN;
            await child.StandardInput.WriteLineAsync("GO");
            await child.StandardInput.FlushAsync(ct);

            var done = await Next("DONE");
            await child.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);

            var kb = perCircuit / 1024;
            _report.Add(new BenchFigure($"server memory per circuit ({ready.Opened:N0} circuits open on the usage page)", "KB", kb, kb, ready.Opened,
                Target: "≥ 1,000 circuits per GB (≤ 1,049 KB each)", Notes: string.Create(CultureInfo.InvariantCulture,
                    $"GC.GetTotalMemory(true): {heapBefore / 1048576.0:F1} MB with the warm-up circuit → {heapAfter / 1048576.0:F1} MB with {ready.Opened + 1} " +
                    $"(+{(heapAfter - heapBefore) / 1048576.0:F1} MB); {1073741824 / perCircuit:N0} circuits per GB; " +
                    $"GC heap size after a full blocking GC: {perCircuitInfo / 1024:N0} KB per circuit")), higherIsBetter: false);
            _report.Add(new BenchFigure($"circuit start ({ready.Opened:N0} in waves of {o.Wave})", "ms", BenchReport.Percentile(ready.StartMs, 0.5),
                BenchReport.Percentile(ready.StartMs, 0.95), ready.StartMs.Count, Notes: string.Create(CultureInfo.InvariantCulture,
                    $"GET the prerendered page + StartCircuit + UpdateRootComponents → the first interactive render with the switch; " +
                    $"{ready.Failed} failed; {ready.Seconds:F1} s for all; warm-up circuit {warm.StartMs[0]:F0} ms")));
            var trips = done.RoundTripsMs;
            _report.Add(new BenchFigure($"UI round trip with {done.Opened:N0} circuits (chart/table switch → render batch)", "ms",
                BenchReport.Percentile(trips, 0.5), BenchReport.Percentile(trips, 0.95), trips.Count,
                Target: "p95 ≤ 100 ms with 500 circuits on 2 cores", Notes: string.Create(CultureInfo.InvariantCulture,
                    $"p99 {BenchReport.Percentile(trips, 0.99):F0} ms, max {(trips.Count > 0 ? trips.Max() : double.NaN):F0} ms; {o.Interactions} per circuit, think time {o.ThinkMinMs}–{o.ThinkMaxMs} ms " +
                    $"→ {trips.Count / Math.Max(0.001, done.Seconds):F1} interactions/s over {done.Seconds:F0} s; {done.InteractionErrors} without a render batch in 30 s; " +
                    $"{done.TablesShown} of the {done.Opened * ((o.Interactions + 1) / 2)} switches to the table rendered the table")));
            _report.Note(string.Create(CultureInfo.InvariantCulture,
                $"Clients: a child process (circuit-clients) speaking blazorpack over WebSockets; {targets.Select(t => t.Email).Distinct().Count()} demo customers " +
                $"signed in once each, circuits spread over their {targets.Count} usage pages (Security:MaxCircuitsPerUser raised to {o.Count + 10}). " +
                $"{done.Batches:N0} render batches ({done.BatchBytes / 1048576.0:F1} MB) received in all."));
            foreach (var e in ready.Errors.Concat(done.Errors).Distinct().Take(10)) _report.Note("Client error: " + e);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private static (long Total, long HeapSize) Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var total = GC.GetTotalMemory(forceFullCollection: true);
        return (total, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }
}
