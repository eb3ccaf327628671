using System.Globalization;

namespace Portal.Features.Weather;

/// <summary>
/// CLI verb <c>import-weather FILE [--normals PERIOD]</c>: imports a temperature CSV (<c>region,date,mean_c[,quality]</c>)
/// — or, with <c>--normals "CMA 1991–2020"</c>, a published normals CSV (<c>region,month_day,normal_c</c>) that replaces
/// the named regions' normals — through the admin page's own service (all or nothing, audited), prints what it did or
/// every problem with its line, then refreshes the stored forecasts in-process (the CLI runs no job server). Exit code 0
/// when imported, 1 when refused.
/// </summary>
public static class ImportWeatherCommand
{
    public const string Usage = "import-weather FILE [--normals PERIOD] import daily mean temperatures per supply region (CSV region,date,mean_c[,quality]) or, with --normals \"CMA 1991-2020\", published normals (CSV region,month_day,normal_c); all or nothing";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: " + Usage);
            return 2;
        }
        var path = Path.GetFullPath(args[1]);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"File not found: {path}");
            return 2;
        }
        await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.AppDbContext>>().CreateDbContextAsync())
            await Infrastructure.Database.DatabaseStartup.MigrateAsync(db);

        using var scope = app.Services.CreateScope();
        var normalsAt = Array.IndexOf(args, "--normals");
        if (normalsAt >= 0)
        {
            if (normalsAt + 1 >= args.Length)
            {
                Console.Error.WriteLine("--normals takes the normals' source and period, e.g. --normals \"CMA 1991-2020\".");
                return 2;
            }
            var normals = await scope.ServiceProvider.GetRequiredService<WeatherImportService>()
                .ImportNormalsAsync(await File.ReadAllLinesAsync(path), args[normalsAt + 1], "cli:" + Path.GetFileName(path), Environment.UserName);
            if (!normals.Imported)
            {
                Console.Error.WriteLine(normals.ChangedMeanwhile ? "Another import wrote some of these normals meanwhile; nothing was imported." : $"Refused, nothing was imported: {normals.Errors.Count} problem(s).");
                foreach (var e in normals.Errors) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {e.Line}: {e.Code} {e.Value}"));
                return 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported published normals \"{args[normalsAt + 1].Trim()}\" for {string.Join(", ", normals.Regions)} ({normals.Rows} calendar days); they replace those regions' normals."));
            await scope.ServiceProvider.GetRequiredService<Usage.RefreshPredictionsJob>().RunAsync(CancellationToken.None);
            Console.WriteLine("Predictions refreshed.");
            return 0;
        }
        WeatherImportOutcome outcome;
        await using (var file = File.OpenRead(path))
            outcome = await scope.ServiceProvider.GetRequiredService<WeatherImportService>().ImportAsync(file, "cli:" + Path.GetFileName(path), Environment.UserName);
        if (!outcome.Imported)
        {
            Console.Error.WriteLine(outcome.ChangedMeanwhile ? "Another import wrote some of these days meanwhile; nothing was imported." : $"Refused, nothing was imported: {outcome.Errors.Count} problem(s).");
            foreach (var e in outcome.Errors) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {e.Line}: {e.Code} {e.Value}"));
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {outcome.Rows} day(s) ({outcome.Added} added, {outcome.Replaced} replaced) for {string.Join(", ", outcome.Regions)}, {outcome.From:yyyy-MM-dd}..{outcome.To:yyyy-MM-dd}."));
        await scope.ServiceProvider.GetRequiredService<Usage.RefreshPredictionsJob>().RunAsync(CancellationToken.None);
        Console.WriteLine("Predictions refreshed.");
        return 0;
    }
}
