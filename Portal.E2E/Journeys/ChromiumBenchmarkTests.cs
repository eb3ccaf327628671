using System.Diagnostics;
using System.Text.Json;

namespace Portal.E2E.Journeys;

/// <summary>
/// The Chromium circuit benchmark (benchmarks/Portal.LoadTests, verb chromium-circuits) keeps working: at a small N on
/// every customer page it produces every figure. Nothing about speed or memory is asserted; figures of record come from
/// quiet runs (docs/PERFORMANCE.md).
/// </summary>
public class ChromiumBenchmarkTests
{
    [Fact]
    public async Task Chromium_circuits_at_a_small_count_reports_heap_round_trip_and_time_to_interactive_for_every_customer_page()
    {
        var dll = Path.Combine(PortalServer.RepoRoot, "benchmarks", "Portal.LoadTests", "bin",
            typeof(ChromiumBenchmarkTests).Assembly.Location.Contains("/Release/") ? "Release" : "Debug", "net10.0", "Portal.LoadTests.dll");
        Assert.True(File.Exists(dll), $"Build the load tests first: {dll} is missing.");
        var folder = Path.Combine(Path.GetTempPath(), "pm-e2e", "chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "chromium-circuits", "--count", "3", "--accounts", "20", "--months", "2", "--tti-loads", "1",
                         "--data", Path.Combine(folder, "data"), "--out", folder })
                psi.ArgumentList.Add(a);
            using var run = Process.Start(psi)!;
            var stdout = run.StandardOutput.ReadToEndAsync();
            var stderr = run.StandardError.ReadToEndAsync();
            await run.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{await stdout}\n{await stderr}");

            var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "chromium-3.json")));
            var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
            JsonElement Figure(string start) => figures.Single(f => f.GetProperty("Name").GetString()!.StartsWith(start, StringComparison.Ordinal));
            foreach (var page in new[] { "home", "usage", "bills", "bill", "tariffs", "credit" })
            {
                var heap = Figure($"server GC heap per circuit, {page},");
                Assert.Equal(3, heap.GetProperty("Samples").GetInt32());
                Assert.Contains(" 0 failed to become interactive", heap.GetProperty("Notes").GetString());
                Assert.Equal(6, Figure($"circuit start, {page} ").GetProperty("Samples").GetInt32());
                var trips = Figure($"UI round trip, {page},");
                Assert.Equal(14, trips.GetProperty("Samples").GetInt32());
                Assert.True(trips.GetProperty("Median").GetDouble() > 0, $"no round trip on {page}");
            }
            Assert.Equal(1, Figure("usage page time to interactive, slow phone, cold cache").GetProperty("Samples").GetInt32());
            Assert.Equal(1, Figure("usage page time to interactive, slow phone, warm cache").GetProperty("Samples").GetInt32());
            Assert.Contains("load average", json.RootElement.GetProperty("machine").GetString());
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
