using Microsoft.Extensions.Options;

namespace Portal.Features.Weather;

public sealed class WeatherFeedOptions
{
    public const string Section = "Weather";

    /// <summary>
    /// URL of a CSV in the import's format (<c>region,date,mean_c</c>, optionally <c>,quality</c>) that the daily job fetches and imports, e.g. the
    /// provincial meteorological bureau's export of recent station daily means. Empty (the default) turns the feed off.
    /// </summary>
    public string FeedUrl { get; set; } = "";
}

/// <summary>
/// Daily (04:10 China time, before the 04:30 forecast refresh): fetches <see cref="WeatherFeedOptions.FeedUrl"/> and imports
/// it through <see cref="WeatherImportService"/> — the admin page's own checks, all or nothing, audited as from "feed".
/// Idempotent: re-importing a day replaces it with the same value. Off when the URL is empty.
/// </summary>
public sealed class WeatherFeedJob(IHttpClientFactory http, IOptions<WeatherFeedOptions> options, WeatherImportService imports, ILogger<WeatherFeedJob> log)
{
    public const string Id = "weather-feed";
    public const string Source = "feed";
    public const string Client = "weather-feed";

    /// <returns>What the import did; null when the feed is off.</returns>
    public async Task<WeatherImportOutcome?> RunAsync(CancellationToken ct)
    {
        var url = options.Value.FeedUrl;
        if (string.IsNullOrWhiteSpace(url)) return null;
        using var client = http.CreateClient(Client);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode(); // a failed fetch fails the job: Hangfire retries it
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var outcome = await imports.ImportAsync(stream, Source, WeatherImportService.SystemUser, ct: ct);
        if (outcome.Imported)
            log.LogInformation("Weather feed: {Rows} day(s) for {Regions}", outcome.Rows, string.Join(", ", outcome.Regions));
        else
            log.LogError("Weather feed refused, nothing imported: {Count} problem(s), first on line {Line}: {Code}",
                outcome.Errors.Count, outcome.Errors.FirstOrDefault()?.Line, outcome.Errors.FirstOrDefault()?.Code);
        return outcome;
    }
}
