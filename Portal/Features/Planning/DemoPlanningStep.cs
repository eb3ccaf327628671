using Portal.Features.Demo;

namespace Portal.Features.Planning;

/// <summary>Runs the planners' forecast once over the seeded roll-ups, so the page has figures before the first night.</summary>
public sealed class DemoPlanningStep(PlanningForecastJob job) : IDemoSeedStep
{
    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct) => await job.RunAsync(force: true, ct);
}
