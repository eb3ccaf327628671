using Portal.Domain.Statements;

namespace Portal.Features.Statements;

/// <summary>
/// The credit tier a statement prints. Credit tiers are not persisted yet: the default answers nothing and the
/// statement leaves the section out; the credit feature registers its own implementation.
/// </summary>
public interface IStatementCreditInfo
{
    Task<StatementCredit?> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct);

    /// <summary>For a batch of statements; an implementation that can answer in one query overrides this one-by-one default.</summary>
    async Task<IReadOnlyDictionary<(Guid AccountId, DateOnly AsOf), StatementCredit?>> ForAccountsAsync(IReadOnlyCollection<(Guid AccountId, DateOnly AsOf)> keys,
        CancellationToken ct)
    {
        var result = new Dictionary<(Guid, DateOnly), StatementCredit?>();
        foreach (var key in keys.Distinct()) result[key] = await ForAccountAsync(key.AccountId, key.AsOf, ct);
        return result;
    }
}

public sealed class NoStatementCreditInfo : IStatementCreditInfo
{
    public Task<StatementCredit?> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct) => Task.FromResult<StatementCredit?>(null);
}
