namespace Portal.Tests.Features.Safety;

internal static class SafetyTestSupport
{
    /// <summary>A fresh open hazard on the account (found today, deadline in 30 days), so tests do not compete for seeded ones.</summary>
    public static async Task<Portal.Domain.Safety.Hazard> NewHazardAsync(this PortalHost host, Guid accountId, int deadlineInDays = 30, int foundDaysAgo = 0)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await using var db = await host.Db.CreateDbContextAsync();
        var inspection = Portal.Domain.Safety.Inspection.Record(accountId, today.AddDays(-foundDaysAgo), "test inspector", $"T-{Guid.NewGuid():N}"[..20]);
        var hazard = inspection.FindHazard("test hazard", Portal.Domain.Safety.HazardSeverity.Minor, today.AddDays(deadlineInDays));
        db.Inspections.Add(inspection);
        db.Hazards.Add(hazard);
        await db.SaveChangesAsync();
        return hazard;
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46];
}
