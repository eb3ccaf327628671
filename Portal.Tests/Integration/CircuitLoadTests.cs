using System.Text.Json;
using Portal.LoadTests;

namespace Portal.Tests.Integration;

/// <summary>
/// `circuits` (Portal.LoadTests) on a tiny utility with five circuits, so the circuit load test keeps working: the blazorpack clients
/// (a child process) open every circuit, every switch gets its render batch and the figures are reported. Speed and memory
/// are not asserted (figures go to docs/PERFORMANCE.md).
/// </summary>
[Collection(PortalCollection.Name)]
public class CircuitLoadTests
{
    [Fact]
    public async Task Bench_circuits_opens_five_circuits_and_reports_memory_and_round_trips()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-tests", "circuits-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await LoadTestsCli.RunAsync(["circuits", "--count", "5", "--accounts", "20", "--months", "2",
                "--interactions", "3", "--think-min", "50", "--think-max", "200", "--data", Path.Combine(folder, "data"), "--out", folder]);
            Assert.Equal(0, exit);

            var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "circuits-5.json")));
            var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("Name").GetString()!.Split(' ')[0] + " " + f.GetProperty("Name").GetString()!.Split(' ')[1]);
            var memory = figures["server memory"];
            Assert.Equal(5, memory.GetProperty("Samples").GetInt32());
            Assert.True(memory.GetProperty("Median").GetDouble() > 0, "no memory per circuit");
            Assert.Contains("circuits per GB", memory.GetProperty("Notes").GetString());

            var start = figures["circuit start"];
            Assert.Equal(5, start.GetProperty("Samples").GetInt32());
            Assert.Contains("0 failed", start.GetProperty("Notes").GetString());

            // 5 circuits × 3 switches, each answered by a render batch; the 1st and 3rd switch of each circuit showed the table.
            var trips = figures["UI round"];
            Assert.Equal(15, trips.GetProperty("Samples").GetInt32());
            Assert.True(trips.GetProperty("P95").GetDouble() > 0);
            Assert.Contains("0 without a render batch", trips.GetProperty("Notes").GetString());
            Assert.Contains("10 of the 10 switches to the table rendered the table", trips.GetProperty("Notes").GetString());

            Assert.Contains("load average", json.RootElement.GetProperty("machine").GetString());
            Assert.DoesNotContain(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Client error", StringComparison.Ordinal));
            Assert.Contains("UI round trip", await File.ReadAllTextAsync(Path.Combine(folder, "circuits-5.md")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--wave", "0")]
    [InlineData("--think-max", "10")]
    public async Task Bench_circuits_with_a_bad_option_fails_with_its_usage(string option, string value)
    {
        Assert.Equal(2, await LoadTestsCli.RunAsync(["circuits", option, value]));
    }
}
