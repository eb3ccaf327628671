using Portal.Features.Demo;

namespace Portal.Features.Usage;

/// <summary>
/// Runs the nightly usage refresh once over the seeded readings, so a fresh demo shows each account's usage profile,
/// forecast and peer comparison at once instead of "after the nightly analysis". It is the real job: later runs
/// pick up only what changed since.
/// </summary>
public sealed class DemoUsageRefreshStep(RefreshPredictionsJob job) : IDemoSeedStep
{
    /// <summary>After the bills and hazards (the forecast bill reads the package), before campaigns and associations, which read segments.</summary>
    public int Order => 50;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct) => await job.RunAsync(ct);
}
