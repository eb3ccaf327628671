using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;

namespace Portal.Features.Credit;

/// <summary>Reading policy versions from their JSON documents; shared by the job, the pages and the admin service.</summary>
public static class CreditPolicyStore
{
    public static async Task<CreditPolicy?> InForceAsync(AppDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var row = await db.CreditPolicyVersions.AsNoTracking()
            .Where(v => v.Status == PolicyStatus.Published && v.EffectiveFrom <= asOf)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version)
            .FirstOrDefaultAsync(ct);
        return row?.ToPolicy();
    }

    public static CreditPolicyVersionRow ToRow(CreditPolicy policy, string userId, DateTime nowUtc) => new()
    {
        Id = policy.Id,
        Version = policy.Version,
        Status = policy.Status,
        EffectiveFrom = policy.EffectiveFrom,
        PublishedOn = policy.PublishedOn,
        Document = policy.ToJson(),
        CreatedByUserId = userId,
        CreatedAtUtc = nowUtc,
        UpdatedAtUtc = nowUtc,
        ConcurrencyStamp = Guid.NewGuid(),
    };

    public static void Update(CreditPolicyVersionRow row, CreditPolicy policy, DateTime nowUtc)
    {
        row.Status = policy.Status;
        row.EffectiveFrom = policy.EffectiveFrom;
        row.PublishedOn = policy.PublishedOn;
        row.Document = policy.ToJson();
        row.UpdatedAtUtc = nowUtc;
        row.ConcurrencyStamp = Guid.NewGuid();
    }
}
