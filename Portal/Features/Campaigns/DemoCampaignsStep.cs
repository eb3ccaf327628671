using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Campaigns;
using Portal.Domain.Service;
using Portal.Features.Demo;

namespace Portal.Features.Campaigns;

/// <summary>
/// One running campaign in the demo, launched through the real service as the second customer manager would: power-factor
/// correction advice to the large-industry accounts they manage (the accounts that pay the power-factor adjustment).
/// </summary>
public sealed class DemoCampaignsStep(IDbContextFactory<AppDbContext> dbFactory, CampaignService campaigns) : IDemoSeedStep
{
    public const string Name = "大工业客户功率因数改善建议";

    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        if (context.ManagerIds.Count < 2) return;
        var managerId = context.ManagerIds[1];
        string email;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Accounts.AnyAsync(a => a.CustomerManagerId == managerId, ct)) return;
            email = await db.Users.Where(u => u.Id == managerId).Select(u => u.Email!).FirstAsync(ct);
        }
        var manager = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, managerId), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, Roles.CustomerManager)], "demo"));
        await campaigns.LaunchAsync(manager, new CampaignDraft(Guid.NewGuid(), Name, CampaignOfferKind.Service, ServiceCodes.PowerFactorAdvice, [],
            ControlPercent: 20), ct);
    }
}
