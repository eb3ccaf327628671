using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Portal.LoadTests;

/// <summary>One measured figure: its samples' median and p95 (or a single value), the baseline beside it and the target.</summary>
public sealed record BenchFigure(string Name, string Unit, double Median, double P95, int Samples, string? Baseline = null,
    double? BaselineMedian = null, double? BaselineP95 = null, string? Target = null, string? Notes = null)
{
    /// <summary>How many times better than the baseline (by median; for rates higher is better, for times lower).</summary>
    public double? Ratio(bool higherIsBetter) => BaselineMedian is not > 0 || Median <= 0 ? null
        : higherIsBetter ? Median / BaselineMedian.Value : BaselineMedian.Value / Median;
}

/// <summary>Collects figures with the machine and date, prints them and writes markdown and JSON under artifacts/.</summary>
public sealed class BenchReport(string title)
{
    private readonly List<(BenchFigure Figure, bool HigherIsBetter)> _figures = [];
    private readonly List<string> _notes = [];

    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public void Add(BenchFigure figure, bool higherIsBetter = false)
    {
        _figures.Add((figure, higherIsBetter));
        Console.WriteLine(Line(figure, higherIsBetter));
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("  note: " + note);
    }

    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} CPU ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");

    public static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    private static string F(double v) => double.IsNaN(v) ? "—" : v >= 100 ? v.ToString("#,##0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Line(BenchFigure f, bool higherIsBetter)
    {
        var sb = new StringBuilder($"{f.Name}: median {F(f.Median)} {f.Unit}, p95 {F(f.P95)} {f.Unit} (n={f.Samples})");
        if (f.Baseline is not null)
            sb.Append($"; baseline {f.Baseline}: median {F(f.BaselineMedian ?? double.NaN)}, p95 {F(f.BaselineP95 ?? double.NaN)}; ratio {F(f.Ratio(higherIsBetter) ?? double.NaN)}×");
        if (f.Target is not null) sb.Append($"; target {f.Target}");
        return sb.ToString();
    }

    public async Task<(string Markdown, string Json)> WriteAsync(string folder, string stem)
    {
        Directory.CreateDirectory(folder);
        var md = new StringBuilder($"# {title}\n\n{StartedUtc:yyyy-MM-dd HH:mm} UTC · {Machine()}\n\n");
        md.Append("| figure | median | p95 | n | baseline (median / p95) | ratio | target | notes |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var (f, higher) in _figures)
            md.Append($"| {f.Name} | {F(f.Median)} {f.Unit} | {F(f.P95)} {f.Unit} | {f.Samples} | " +
                      (f.Baseline is null ? "—" : $"{f.Baseline}: {F(f.BaselineMedian ?? double.NaN)} / {F(f.BaselineP95 ?? double.NaN)} {f.Unit}") +
                      $" | {(f.Ratio(higher) is { } r ? F(r) + "×" : "—")} | {f.Target ?? "—"} | {f.Notes ?? ""} |\n");
        if (_notes.Count > 0) md.Append('\n').AppendJoin('\n', _notes.Select(n => "- " + n)).Append('\n');
        var mdPath = Path.Combine(folder, stem + ".md");
        var jsonPath = Path.Combine(folder, stem + ".json");
        await File.WriteAllTextAsync(mdPath, md.ToString());
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new
        {
            title,
            startedUtc = StartedUtc,
            machine = Machine(),
            figures = _figures.Select(x => new
            {
                x.Figure.Name,
                x.Figure.Unit,
                x.Figure.Median,
                x.Figure.P95,
                x.Figure.Samples,
                x.Figure.Baseline,
                x.Figure.BaselineMedian,
                x.Figure.BaselineP95,
                Ratio = x.Figure.Ratio(x.HigherIsBetter),
                x.Figure.Target,
                x.Figure.Notes
            }),
            notes = _notes,
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        return (mdPath, jsonPath);
    }
}
