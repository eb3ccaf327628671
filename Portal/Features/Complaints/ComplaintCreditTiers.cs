using Portal.Domain.Accounts;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints;

/// <summary>
/// Where routing and the handler's view get a customer's credit tier. The credit feature replaces this
/// registration with the real tiers; until then large industrial supplies count as A and everyone else as B.
/// </summary>
public interface IComplaintCreditTiers
{
    Task<CreditTierLevel> TierForAsync(Guid accountId, CustomerType accountType, CancellationToken ct = default);

    /// <summary>
    /// Whether the account's tier carries priority complaint handling in the privilege grid; null when no grid is known,
    /// and routing then falls back to its own top-tier setting.
    /// </summary>
    Task<bool?> PriorityHandlingAsync(Guid accountId, CancellationToken ct = default) => Task.FromResult<bool?>(null);
}

public sealed class AccountTypeCreditTiers : IComplaintCreditTiers
{
    public Task<CreditTierLevel> TierForAsync(Guid accountId, CustomerType accountType, CancellationToken ct = default) =>
        Task.FromResult(FromAccountType(accountType));

    public static CreditTierLevel FromAccountType(CustomerType type) =>
        type == CustomerType.LargeIndustrial ? CreditTierLevel.A : CreditTierLevel.B;
}
