using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Portal.Features.Accounts;
using Portal.Features.Usage;

namespace Portal.Features.Tariffs;

public sealed record AccountHeader(Guid Id, string AccountNumber, string HolderName, AccountProfile Profile, string PackageCode, decimal? DeclaredDemandKw);

/// <summary>
/// Everything a recommendation needs, loaded once per page visit: what-if re-pricing then runs in memory
/// (a year through every package takes a few milliseconds) without touching the database again.
/// </summary>
public sealed record RecommendationInputs(AccountHeader Account, TariffPackage Current, IReadOnlyList<TariffPackage> Candidates,
    IReadOnlyList<DayReadings> Readings, DateOnly AsOf);

/// <summary>A recommendation from the nightly refresh, still valid for today's inputs.</summary>
public sealed record StoredRecommendation(Recommendation Recommendation, DateTime ComputedAtUtc);

public sealed record BusinessAdvice(BasicChargeAdvice? BasicCharge, PowerFactorExplanation? PowerFactor);

/// <summary>Recommendations for one of the customer's own accounts: the replayed year through every eligible package.</summary>
public sealed class RecommendationService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, ReadingStore readings,
    TariffCatalog catalog, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>Null when the account is not one of the user's own (the page shows "not found").</summary>
    public async Task<RecommendationInputs?> LoadAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (!own.Contains(accountId)) return null;
        var header = await HeaderAsync(accountId, ct);
        if (header is null) return null;
        var asOf = Today;
        var windowEnd = new DateOnly(asOf.Year, asOf.Month, 1);
        var days = await readings.ReadDaysAsync(accountId, windowEnd.AddMonths(-12), windowEnd, ct);
        return new RecommendationInputs(header, catalog.Get(header.PackageCode), catalog.All.ToList(), days, asOf);
    }

    public async Task<IReadOnlyList<AccountHeader>> OwnAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Where(a => own.Contains(a.Id)).OrderBy(a => a.AccountNumber)
            .Select(a => new AccountHeader(a.Id, a.AccountNumber, a.HolderName, new AccountProfile(a.Type, a.Voltage, a.ContractedCapacityKva, a.Region, a.HasElectricHeating),
                a.TariffPackageCode, a.DeclaredDemandKw))
            .ToListAsync(ct);
    }

    public async Task<AccountHeader?> HeaderAsync(Guid accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AccountHeader(a.Id, a.AccountNumber, a.HolderName, new AccountProfile(a.Type, a.Voltage, a.ContractedCapacityKva, a.Region, a.HasElectricHeating),
                a.TariffPackageCode, a.DeclaredDemandKw))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The nightly recommendation when it was computed from the same inputs (window, current package, catalogue
    /// versions, no readings imported into the window since); null when there is none or it went stale.
    /// </summary>
    public async Task<StoredRecommendation?> StoredAsync(RecommendationInputs inputs, CancellationToken ct = default)
    {
        var windowEnd = new DateOnly(inputs.AsOf.Year, inputs.AsOf.Month, 1);
        var windowStart = windowEnd.AddMonths(-12);
        var stamp = RecommendationSnapshot.CatalogStamp(inputs.Candidates);
        var accountId = inputs.Account.Id;
        var package = inputs.Account.PackageCode;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.TariffRecommendations.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.WindowEnd == windowEnd && r.CurrentPackageCode == package && r.CatalogStamp == stamp
                && !db.AccountDays.Any(d => d.AccountId == accountId && d.Date >= windowStart && d.Date < windowEnd && d.ImportedAtUtc > r.ComputedAtUtc))
            .Select(r => new { r.Json, r.ComputedAtUtc }).FirstOrDefaultAsync(ct);
        return row is null ? null : new StoredRecommendation(RecommendationSnapshot.FromJson(row.Json).ToRecommendation(), row.ComputedAtUtc);
    }

    public static Recommendation Recommend(RecommendationInputs inputs, WhatIf? whatIf = null) =>
        PackageRecommender.Recommend(inputs.Current, inputs.Candidates, inputs.Account.Profile, inputs.Readings, inputs.AsOf,
            whatIf, inputs.Account.DeclaredDemandKw);

    /// <summary>
    /// Business accounts: capacity vs demand billing with the catalogue's two-part terms, the best declared demand,
    /// and the power factor of the latest month under the current package. Null parts where they do not apply.
    /// </summary>
    public static BusinessAdvice? Advise(RecommendationInputs inputs, Recommendation recommendation)
    {
        var profile = inputs.Account.Profile;
        if (!profile.IsBusiness) return null;
        BasicChargeAdvice? basic = null;
        var capacity = inputs.Candidates.FirstOrDefault(p => p.Basic?.Method == BasicChargeMethod.Capacity);
        var demand = inputs.Candidates.FirstOrDefault(p => p.Basic?.Method == BasicChargeMethod.Demand);
        var months = BusinessAdvisor.MonthlyMaxDemand(inputs.Readings, inputs.AsOf);
        if (capacity is not null && demand is not null && months.Count > 0)
            basic = BusinessAdvisor.AdviseBasicCharge(profile, months, capacity.Basic!.Price, demand.Basic!, inputs.Account.DeclaredDemandKw);
        PowerFactorExplanation? pf = null;
        var lastWithPf = recommendation.Current?.MonthlyBills.LastOrDefault(b => b.PowerFactorAdjustment is not null && b.PfHours > 0);
        if (lastWithPf is not null) pf = BusinessAdvisor.ExplainPowerFactor(lastWithPf);
        return basic is null && pf is null ? null : new BusinessAdvice(basic, pf);
    }
}
