using Portal.Domain.Common;
using Portal.Domain.Credit;

namespace Portal.Domain.Billing;

/// <summary>
/// When a bill is due: the standard term after issue plus the deferred payment days of the tier in force on the
/// issue day. The tier of that day decides for good — a later tier change applies from the next bill on.
/// </summary>
public static class PaymentTerms
{
    /// <summary>Days from issue to due date without any privilege (the utility's standard term).</summary>
    public const int StandardTermDays = 15;

    public static DateOnly StandardDueDate(DateOnly issuedOn) => issuedOn.AddDays(StandardTermDays);

    public static DateOnly DueDate(DateOnly issuedOn, TierPrivileges privileges) =>
        StandardDueDate(issuedOn).AddDays(privileges.DeferredPaymentDays);
}

/// <summary>One instalment of a financed bill.</summary>
public sealed record InstalmentTerm(int Number, DateOnly DueOn, decimal Amount);

/// <summary>
/// Bill financing: who may split a bill and how the schedule is cut. Money is exact: every instalment is the amount
/// divided evenly and rounded down to the fen, and the fen left over go to the first instalment, so the
/// instalments always add up to the bill to the fen.
/// </summary>
public sealed record FinancingTerms(decimal MinimumAmount = 1000m, int MinInstalments = 2, int MaxInstalments = 6)
{
    public static readonly FinancingTerms Standard = new();

    /// <summary>Null when the bill may be financed; otherwise the reason code.</summary>
    public string? Refusal(TierPrivileges privileges, decimal amount, decimal paid, DateOnly dueDate, DateOnly today, bool alreadyFinanced)
    {
        if (!privileges.BillFinancing) return "Financing.NotInTier";
        if (alreadyFinanced) return "Financing.AlreadyFinanced";
        if (paid > 0m) return "Financing.PartlyPaid";
        if (today > dueDate) return "Financing.PastDue";
        if (amount < MinimumAmount) return "Financing.TooSmall";
        return null;
    }

    /// <summary>Monthly instalments, the first on the bill's due date.</summary>
    public IReadOnlyList<InstalmentTerm> Schedule(decimal amount, int count, DateOnly firstDueOn)
    {
        if (count < MinInstalments || count > MaxInstalments)
            throw new DomainException("Financing.InstalmentCount", $"A plan has {MinInstalments} to {MaxInstalments} instalments.");
        if (amount <= 0m || decimal.Round(amount, 2) != amount)
            throw new DomainException("Financing.AmountInvalid", "The amount must be positive and in whole fen.");
        var each = Math.Floor(amount * 100m / count) / 100m;
        var first = amount - each * (count - 1);
        return Enumerable.Range(1, count)
            .Select(n => new InstalmentTerm(n, firstDueOn.AddMonths(n - 1), n == 1 ? first : each))
            .ToList();
    }
}

/// <summary>
/// The electricity deposit (电费保证金): a business supply lodges one month's charges — the average monthly bill of
/// the last twelve months, rounded half-up to the fen — as security against arrears. Households lodge none.
/// A tier with the deposit waiver privilege lodges nothing.
/// </summary>
public sealed record DepositRequirement(decimal Amount, bool Waived, bool Applies)
{
    public static DepositRequirement For(bool isBusiness, IReadOnlyCollection<decimal> lastTwelveBills, TierPrivileges privileges)
    {
        if (!isBusiness || lastTwelveBills.Count == 0) return new(0m, false, false);
        var average = Money.Of(lastTwelveBills.Sum() / lastTwelveBills.Count).RoundToFen().Yuan;
        return privileges.DepositWaived ? new(0m, true, true) : new(average, false, true);
    }
}
