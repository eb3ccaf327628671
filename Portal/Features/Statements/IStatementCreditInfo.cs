using Portal.Domain.Statements;

namespace Portal.Features.Statements;

/// <summary>
/// The credit tier a statement prints. Credit tiers are not persisted yet: the default answers nothing and the
/// statement leaves the section out; the credit feature registers its own implementation.
/// </summary>
public interface IStatementCreditInfo
{
    Task<StatementCredit?> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct);
}

public sealed class NoStatementCreditInfo : IStatementCreditInfo
{
    public Task<StatementCredit?> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct) => Task.FromResult<StatementCredit?>(null);
}
