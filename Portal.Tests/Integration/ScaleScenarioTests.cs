using System.Text.Json;
using Portal.LoadTests;

namespace Portal.Tests.Integration;

/// <summary>
/// The scale scenario's verb on a tiny utility, so `scale` (Portal.LoadTests) keeps working. Speed is not asserted (figures go to
/// docs/PERFORMANCE.md); the run must finish and report every figure with its samples.
/// </summary>
[Collection(PortalCollection.Name)]
public class ScaleScenarioTests
{
    [Fact]
    public async Task Bench_scale_on_a_small_utility_reports_every_figure_as_markdown_and_json()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-tests", "bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await LoadTestsCli.RunAsync(["scale", "--accounts", "20", "--months", "2",
                "--data", Path.Combine(folder, "data"), "--out", folder]);
            Assert.Equal(0, exit);

            var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "scale-20x2.json")));
            var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
            foreach (var expected in new[] { "ingest", "nightly refresh", "usage-page data, one account", "statements issued", "statement PDFs rendered",
                         "complaint submit", "back-office queue", "prerendered pages" })
            {
                var figure = figures.SingleOrDefault(f => f.GetProperty("Name").GetString()!.StartsWith(expected, StringComparison.Ordinal));
                Assert.True(figure.ValueKind == JsonValueKind.Object, $"no figure '{expected}'");
                Assert.True(figure.GetProperty("Samples").GetInt32() > 0);
                Assert.True(figure.GetProperty("Median").GetDouble() > 0, $"'{expected}' has no median");
            }
            Assert.Contains("load average", json.RootElement.GetProperty("machine").GetString());
            var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "scale-20x2.md"));
            Assert.Contains("row-per-reading EF", markdown);
            Assert.Contains("sequential (1 thread)", markdown);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Bench_without_a_scenario_prints_its_usage_and_fails()
    {
        Assert.Equal(2, await LoadTestsCli.RunAsync([]));
        Assert.Equal(2, await LoadTestsCli.RunAsync(["scale", "--accounts", "3"]));
    }
}
