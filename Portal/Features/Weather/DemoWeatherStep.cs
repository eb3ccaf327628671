using System.Globalization;
using Portal.Features.Demo;

namespace Portal.Features.Weather;

/// <summary>
/// DEMO DATA, NOT WEATHER: imports a synthetic climatology for the demo's supply regions so the demo's business accounts
/// forecast with the weather term. It goes through <see cref="WeatherImportService"/>, the admin page's own import.
/// The curve: 11 years up to yesterday of a daily mean of 8 − 20 × cos(2π (day of year − 15) / 365.25) °C (−12 °C in
/// mid-January, +28 °C in mid-July, roughly Kuitun's range), plus deterministic day-to-day noise of ± 4 °C, a little
/// warmer in the town districts than in the development zone. The development zone (<see cref="ShortRegion"/>) plays a
/// new region: only its last <see cref="ShortYears"/> years of observations, too few for computed normals, and published
/// normals — the curve without its noise, named <see cref="NormalsPeriod"/> — imported through the same service's
/// normals import, so its forecasts show the published path. A real installation loads the CMA station daily means and,
/// where it lacks 10 years, the bureau's published normals instead (docs/OPERATIONS.md, "Weather data").
/// </summary>
public sealed class DemoWeatherStep(WeatherImportService imports) : IDemoSeedStep
{
    public const int Years = 11;
    public const string Source = "demo";
    /// <summary>The demo region given only recent observations and published (synthetic) normals.</summary>
    public const string ShortRegion = "kaifaqu";
    public const int ShortYears = 3;
    public const string NormalsPeriod = "Demo: synthetic · 演示合成数据";

    /// <summary>After the bill run, before the usage refresh (50), which forecasts with it.</summary>
    public int Order => 48;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var regions = context.Accounts.Select(a => a.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        if (regions.Count == 0) return;
        var outcome = await imports.ImportLinesAsync(Lines(regions, context.Today), Source, WeatherImportService.SystemUser, ct: ct);
        if (!outcome.Imported)
            throw new InvalidOperationException($"The demo climatology was refused: {outcome.Errors.FirstOrDefault()?.Code}");
        if (regions.Contains(ShortRegion))
        {
            var normals = await imports.ImportNormalsAsync(NormalsLines(ShortRegion), NormalsPeriod, Source, WeatherImportService.SystemUser, ct: ct);
            if (!normals.Imported)
                throw new InvalidOperationException($"The demo normals were refused: {normals.Errors.FirstOrDefault()?.Code}");
        }
    }

    private static double Curve(int dayOfYear, double offset) => 8 - 20 * Math.Cos((dayOfYear - 15) / 365.25 * 2 * Math.PI) + offset;

    private static double Offset(string region) => Array.IndexOf(DemoDataGenerator.Regions, region) switch { 2 => -0.8, 3 => -0.4, _ => 0.0 };

    /// <summary>The synthetic normals file for <paramref name="region"/>: the curve without noise on each day of a common year.</summary>
    public static IEnumerable<string> NormalsLines(string region)
    {
        yield return Domain.Weather.NormalsImport.Header;
        for (var d = new DateOnly(2001, 1, 1); d.Year == 2001; d = d.AddDays(1))
            yield return string.Create(CultureInfo.InvariantCulture, $"{region},{d:MM-dd},{Curve(d.DayOfYear, Offset(region)):0.0}");
    }

    /// <summary>The synthetic file, header first, for the given regions up to the day before <paramref name="today"/>.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<string> regions, DateOnly today)
    {
        yield return Domain.Weather.TemperatureImport.Header;
        for (var r = 0; r < regions.Count; r++)
        {
            var offset = Offset(regions[r]);
            var from = today.AddYears(regions[r] == ShortRegion ? -ShortYears : -Years);
            for (var d = from; d < today; d = d.AddDays(1))
            {
                var noise = (DemoRandom.For(20261207, r, d.DayNumber).NextDouble() - 0.5) * 8;
                var mean = Curve(d.DayOfYear, offset) + noise;
                yield return string.Create(CultureInfo.InvariantCulture, $"{regions[r]},{d:yyyy-MM-dd},{mean:0.0}");
            }
        }
    }
}
