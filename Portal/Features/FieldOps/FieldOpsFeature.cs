namespace Portal.Features.FieldOps;

/// <summary>
/// Field operations intake on the internal endpoint: inspections (through the safety feature's intake service) and
/// service activities with their outcome, one at a time or from the field system's CSV.
/// </summary>
public static class FieldOpsFeature
{
    public static IServiceCollection AddFieldOpsFeature(this IServiceCollection services)
    {
        services.AddSingleton<FieldOpsService>();
        services.AddSingleton<FieldOpsImportService>();
        services.AddScoped<Demo.IDemoSeedStep, DemoFieldOpsStep>();
        return services;
    }
}
