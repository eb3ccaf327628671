using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;

namespace Portal.Domain.Statements;

/// <summary>
/// Everything a monthly statement shows, language-neutral: the PDF and the HTML twin render this one record,
/// so they cannot disagree. Amounts are yuan already rounded to the fen by the bill engine; kWh are decimals
/// (exact meter energy, not a statistic). Personal data is masked here, once, so no renderer can forget it.
/// </summary>
public sealed record StatementDocument
{
    public required StatementAccount Account { get; init; }
    /// <summary>First day of the billing period.</summary>
    public required DateOnly PeriodStart { get; init; }
    /// <summary>Last day of the billing period (inclusive, as printed).</summary>
    public required DateOnly PeriodLastDay { get; init; }
    public required DateOnly BillIssuedOn { get; init; }
    public required DateOnly DueDate { get; init; }
    /// <summary>The bill's financing plan, when the customer split it into instalments; empty otherwise.</summary>
    public IReadOnlyList<Billing.InstalmentTerm> Instalments { get; init; } = [];
    public required string PackageCode { get; init; }
    public required MeterReadingSpan Readings { get; init; }
    /// <summary>Empty when the package has no time-of-use schedule.</summary>
    public required IReadOnlyList<StatementPeriodKwh> KwhByPeriod { get; init; }
    /// <summary>Empty when the package has no tiers.</summary>
    public required IReadOnlyList<StatementTierKwh> KwhByTier { get; init; }
    public required IReadOnlyList<StatementLine> Lines { get; init; }
    public required StatementBalance Balance { get; init; }
    /// <summary>Twelve calendar months ending with the statement's month, oldest first.</summary>
    public required IReadOnlyList<StatementUsageMonth> UsageHistory { get; init; }
    public required StatementTip Tip { get; init; }
    /// <summary>The customer manager (客户经理) for business accounts that have one.</summary>
    public StatementManagerContact? Manager { get; init; }
    /// <summary>Credit tier and privileges, when the credit feature provides them.</summary>
    public StatementCredit? Credit { get; init; }
    public required string PortalLink { get; init; }

    public decimal TotalKwh => Readings.UsedKwh;
}

public sealed record StatementAccount(
    string AccountNumber,
    string HolderNameMasked,
    string AddressMasked,
    string PhoneMasked,
    string MeterNumber,
    CustomerType Type,
    string Region,
    VoltageLevel Voltage,
    decimal ContractedCapacityKva);

/// <summary>Cumulative register readings (kWh since the meter's history starts) at the period's start and end.</summary>
public sealed record MeterReadingSpan(decimal StartKwh, decimal EndKwh)
{
    public decimal UsedKwh => EndKwh - StartKwh;
}

public sealed record StatementPeriodKwh(TouPeriod Period, decimal Kwh);

public sealed record StatementTierKwh(int Tier, decimal Kwh);

public enum StatementLineKind
{
    Energy,
    BasicCapacity,
    BasicDemand,
    BasicDemandExcess,
    PowerFactor,
    FixedFee,
    GreenPremium,
    Surcharge,
    Other,
}

/// <summary>A bill line as printed. <see cref="Season"/> is the price group (s1, s2…) of seasonal prices; <see cref="Detail"/> the surcharge code.</summary>
public sealed record StatementLine(
    string Code,
    StatementLineKind Kind,
    TouPeriod? Period,
    int? Tier,
    int? Season,
    string? Detail,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount);

/// <summary>
/// The running account: previous balance (what the previous statement asked for) − payments received since
/// + this period's charges = amount due. Each statement's amount due is the next one's previous balance.
/// </summary>
public sealed record StatementBalance(
    decimal PreviousBalance,
    IReadOnlyList<StatementPayment> PaymentsReceived,
    decimal CurrentCharges)
{
    public decimal PaymentsTotal => PaymentsReceived.Sum(p => p.Amount);
    public decimal AmountDue => PreviousBalance - PaymentsTotal + CurrentCharges;
}

public sealed record StatementPayment(DateOnly PaidOn, decimal Amount, string Channel);

/// <summary>One month of the usage chart. <see cref="HasData"/> is false for months without any readings.</summary>
public sealed record StatementUsageMonth(DateOnly Month, decimal Kwh, bool HasData, bool Estimated);

public sealed record StatementManagerContact(string Name, string? Phone, string? Hours);

/// <summary>Credit tier as the credit feature reports it: tier letter, score and the privileges (localization keys).</summary>
public sealed record StatementCredit(string Tier, decimal? Score, IReadOnlyList<string> PrivilegeKeys);

public enum StatementTipKind
{
    /// <summary>Another package would have cost less over the last 12 months.</summary>
    SwitchPackage,
    /// <summary>Usage reached tier 2 or 3 this period.</summary>
    TierReached,
    /// <summary>A large share of the energy fell in peak periods of a TOU package.</summary>
    ShiftToValley,
    /// <summary>Clearly more than the same month last year.</summary>
    UsageUp,
    /// <summary>Clearly less than the same month last year.</summary>
    UsageDown,
    General,
}

/// <summary>The tip printed on the statement; <see cref="PackageCode"/>/<see cref="Amount"/>/<see cref="Percent"/>/<see cref="Tier"/> fill its text.</summary>
public sealed record StatementTip(StatementTipKind Kind, string? PackageCode = null, decimal? Amount = null, decimal? Percent = null, int? Tier = null);
