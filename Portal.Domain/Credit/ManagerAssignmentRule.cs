using Portal.Domain.Accounts;
using Portal.Domain.Common;

namespace Portal.Domain.Credit;

public enum ManagerRuleCombination
{
    /// <summary>Either condition suffices (DOMAIN.md: business ≥ 315 kVA and top-tier customers).</summary>
    Either = 0,
    Both = 1,
}

public sealed record ManagerNeed(bool Needed, IReadOnlyList<string> ReasonCodes);

/// <param name="Capacity">Maximum accounts this manager should hold; null means no cap.</param>
/// <param name="LastAssignedOn">Breaks ties between equally loaded managers so work rotates (round-robin).</param>
public sealed record ManagerLoad(string ManagerId, int ActiveAccounts, int? Capacity = null, DateTimeOffset? LastAssignedOn = null,
    bool Available = true);

public sealed record ManagerChoice(string? ManagerId, string ReasonCode);

/// <summary>
/// Which accounts get a dedicated customer manager, and who. Configurable data (the Options class in the web app
/// binds to it). The choice is a pure function of the current loads; persisting the assignment and bumping the
/// load is the caller's job.
/// </summary>
public sealed record ManagerAssignmentRule(
    bool UseCapacity = true,
    decimal CapacityThresholdKva = AccountProfile.LargeIndustrialThresholdKva,
    CreditTier? TopTier = CreditTier.A,
    ManagerRuleCombination Combination = ManagerRuleCombination.Either)
{
    public const string ReasonCapacity = "Credit.Manager.Capacity";
    public const string ReasonTopTier = "Credit.Manager.TopTier";
    public const string ReasonOverride = "Credit.Manager.Override";
    public const string ReasonLeastLoaded = "Credit.Manager.LeastLoaded";
    public const string ReasonNoneAvailable = "Credit.Manager.NoneAvailable";

    /// <summary>
    /// The tier side comes from the privilege grid of the policy in force (a tier that carries the dedicated-manager
    /// privilege), not from <see cref="TopTier"/>; the capacity side stays a supply rule (≥ 315 kVA business).
    /// </summary>
    public ManagerNeed Needs(AccountProfile profile, TierPrivileges privileges)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        var reasons = new List<string>();
        var capacityHit = UseCapacity && profile.IsBusiness && profile.ContractedCapacityKva >= CapacityThresholdKva;
        if (capacityHit) reasons.Add(ReasonCapacity);
        if (privileges.DedicatedManager) reasons.Add(ReasonTopTier);
        var needed = Combination == ManagerRuleCombination.Both
            ? reasons.Count == (UseCapacity ? 2 : 1)
            : reasons.Count > 0;
        return new ManagerNeed(needed, needed ? reasons : []);
    }

    public ManagerNeed Needs(AccountProfile profile, CreditTier tier)
    {
        var reasons = new List<string>();
        var capacityHit = UseCapacity && profile.IsBusiness && profile.ContractedCapacityKva >= CapacityThresholdKva;
        var tierHit = TopTier is { } top && tier >= top;
        if (capacityHit) reasons.Add(ReasonCapacity);
        if (tierHit) reasons.Add(ReasonTopTier);

        var enabled = (UseCapacity ? 1 : 0) + (TopTier is null ? 0 : 1);
        var needed = Combination == ManagerRuleCombination.Both
            ? enabled > 0 && reasons.Count == enabled
            : reasons.Count > 0;
        return new ManagerNeed(needed, needed ? reasons : []);
    }

    /// <summary>
    /// A manual override wins outright. Otherwise the available manager with spare capacity and the fewest
    /// accounts; ties go to whoever was assigned longest ago (never assigned first), then by id for determinism.
    /// </summary>
    public static ManagerChoice Choose(IEnumerable<ManagerLoad> managers, string? overrideManagerId = null)
    {
        if (overrideManagerId is not null)
        {
            if (string.IsNullOrWhiteSpace(overrideManagerId))
                throw new DomainException("Credit.ManagerOverrideEmpty", "An override must name a manager.");
            return new ManagerChoice(overrideManagerId.Trim(), ReasonOverride);
        }

        var pick = managers
            .Where(m => m.Available && (m.Capacity is null || m.ActiveAccounts < m.Capacity))
            .OrderBy(m => m.ActiveAccounts)
            .ThenBy(m => m.LastAssignedOn ?? DateTimeOffset.MinValue)
            .ThenBy(m => m.ManagerId, StringComparer.Ordinal)
            .FirstOrDefault();
        return pick is null ? new ManagerChoice(null, ReasonNoneAvailable) : new ManagerChoice(pick.ManagerId, ReasonLeastLoaded);
    }
}
