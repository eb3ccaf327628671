using System.Globalization;
using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;

namespace Portal.Domain.Statements;

/// <summary>Annual saving of the cheapest other package over the last 12 months (from the package recommender).</summary>
public sealed record PackageSaving(string PackageCode, decimal AnnualSaving);

/// <summary>What a statement is built from; the feature service loads it, the builder decides everything else.</summary>
public sealed record StatementInputs
{
    public required CustomerAccount Account { get; init; }
    public required Bill Bill { get; init; }
    /// <summary>The account's bills before <see cref="Bill"/>, with their payments (any order).</summary>
    public required IReadOnlyList<Bill> EarlierBills { get; init; }
    /// <summary>All energy metered before the period started: the register reading at its start.</summary>
    public required decimal KwhBeforePeriod { get; init; }
    /// <summary>Monthly totals the account has (any months; the builder picks the 12 it needs).</summary>
    public required IReadOnlyList<StatementUsageMonth> MonthlyUsage { get; init; }
    public StatementManagerContact? Manager { get; init; }
    public StatementCredit? Credit { get; init; }
    public PackageSaving? BestAlternative { get; init; }
    public required string PortalLink { get; init; }
}

/// <summary>Builds a <see cref="StatementDocument"/> from a frozen bill. Pure: the same inputs give the same document.</summary>
public static class StatementBuilder
{
    public const int HistoryMonths = 12;

    public static StatementDocument Build(StatementInputs input)
    {
        var account = input.Account;
        var bill = input.Bill;
        if (bill.AccountId != account.Id)
            throw new DomainException("Statement.BillOfOtherAccount", "The bill belongs to another account.");
        if (input.EarlierBills.Any(b => b.AccountId != account.Id || b.PeriodStart >= bill.PeriodStart))
            throw new DomainException("Statement.EarlierBillsInvalid", "Earlier bills must be the same account's and precede the bill.");
        if (input.KwhBeforePeriod < 0)
            throw new DomainException("Statement.ReadingNegative", "A register reading cannot be negative.");

        var lines = bill.Lines.Select(ParseLine).ToList();
        var month = new DateOnly(bill.PeriodStart.Year, bill.PeriodStart.Month, 1);

        return new StatementDocument
        {
            Account = new StatementAccount(account.AccountNumber, Masking.Name(account.HolderName), Masking.Address(account.Address),
                Masking.Phone(account.Phone), account.MeterNumber, account.Type, account.Region, account.Voltage, account.ContractedCapacityKva),
            PeriodStart = bill.PeriodStart,
            PeriodLastDay = bill.PeriodEnd.AddDays(-1),
            BillIssuedOn = bill.IssuedOn,
            DueDate = bill.DueDate,
            Instalments = bill.Instalments.OrderBy(i => i.Number).Select(i => new Billing.InstalmentTerm(i.Number, i.DueOn, i.Amount)).ToList(),
            PackageCode = bill.PackageCode,
            Readings = new MeterReadingSpan(input.KwhBeforePeriod, input.KwhBeforePeriod + bill.TotalKwh),
            KwhByPeriod = lines.Where(l => l.Kind == StatementLineKind.Energy && l.Period is not null)
                .GroupBy(l => l.Period!.Value).OrderBy(g => g.Key).Select(g => new StatementPeriodKwh(g.Key, g.Sum(l => l.Quantity))).ToList(),
            KwhByTier = lines.Where(l => l.Kind == StatementLineKind.Energy && l.Tier is not null)
                .GroupBy(l => l.Tier!.Value).OrderBy(g => g.Key).Select(g => new StatementTierKwh(g.Key, g.Sum(l => l.Quantity))).ToList(),
            Lines = lines,
            Balance = Balance(bill, input.EarlierBills),
            UsageHistory = History(month, input.MonthlyUsage),
            Tip = StatementTips.Choose(bill, lines, History(month, input.MonthlyUsage, HistoryMonths + 1), input.BestAlternative),
            Manager = account.Profile.IsBusiness ? input.Manager : null,
            Credit = input.Credit,
            PortalLink = input.PortalLink,
        };
    }

    /// <summary>
    /// Previous balance = what the previous statement asked for (earlier bills − payments before the previous bill's
    /// issue day); payments received = payments from that day up to (not including) this bill's issue day.
    /// Payments after the issue day belong to the next statement, so a statement never changes with later events.
    /// </summary>
    public static StatementBalance Balance(Bill bill, IReadOnlyList<Bill> earlierBills)
    {
        var previousIssue = earlierBills.Count == 0 ? DateOnly.MinValue : earlierBills.MaxBy(b => b.PeriodStart)!.IssuedOn;
        var payments = earlierBills.SelectMany(b => b.Payments).ToList();
        var previousBalance = earlierBills.Sum(b => b.Amount) - payments.Where(p => p.PaidOn < previousIssue).Sum(p => p.Amount);
        var received = payments.Where(p => p.PaidOn >= previousIssue && p.PaidOn < bill.IssuedOn)
            .OrderBy(p => p.PaidOn).Select(p => new StatementPayment(p.PaidOn, p.Amount, p.Channel)).ToList();
        return new StatementBalance(previousBalance, received, bill.Amount);
    }

    /// <summary>The <paramref name="count"/> months ending with <paramref name="lastMonth"/>, oldest first; months without data are kept as gaps.</summary>
    public static IReadOnlyList<StatementUsageMonth> History(DateOnly lastMonth, IReadOnlyList<StatementUsageMonth> monthly, int count = HistoryMonths)
    {
        var byMonth = monthly.GroupBy(m => new DateOnly(m.Month.Year, m.Month.Month, 1)).ToDictionary(g => g.Key, g => g.First());
        return Enumerable.Range(0, count)
            .Select(i => lastMonth.AddMonths(i - count + 1))
            .Select(m => byMonth.TryGetValue(m, out var u) ? u with { Month = m } : new StatementUsageMonth(m, 0m, false, false))
            .ToList();
    }

    /// <summary>
    /// Reads a bill line's stable code (BillCalculator: "energy.t2.peak.s1", "basic.demand.excess", "surcharge.REN")
    /// into the parts a statement prints.
    /// </summary>
    public static StatementLine ParseLine(BillLine line)
    {
        var parts = line.Code.Split('.');
        var kind = parts[0] switch
        {
            "energy" => StatementLineKind.Energy,
            "basic" when parts.Length > 2 && parts[2] == "excess" => StatementLineKind.BasicDemandExcess,
            "basic" when parts.Length > 1 && parts[1] == "demand" => StatementLineKind.BasicDemand,
            "basic" => StatementLineKind.BasicCapacity,
            "powerFactor" => StatementLineKind.PowerFactor,
            "fixedFee" => StatementLineKind.FixedFee,
            "greenPremium" => StatementLineKind.GreenPremium,
            "surcharge" => StatementLineKind.Surcharge,
            _ => StatementLineKind.Other,
        };
        TouPeriod? period = null;
        int? tier = null, season = null;
        string? detail = null;
        if (kind == StatementLineKind.Energy)
            foreach (var p in parts.Skip(1))
            {
                if (p.Length > 1 && p[0] == 't' && int.TryParse(p[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var t)) tier = t;
                else if (p.Length > 1 && p[0] == 's' && int.TryParse(p[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var s)) season = s;
                else if (PeriodOf(p) is { } tp) period = tp;
            }
        else if (kind == StatementLineKind.Surcharge)
            detail = string.Join('.', parts.Skip(1));
        return new StatementLine(line.Code, kind, period, tier, season, detail, line.Quantity, line.Unit, line.UnitPrice, line.Amount);
    }

    private static TouPeriod? PeriodOf(string code) => code switch
    {
        "criticalPeak" => TouPeriod.CriticalPeak,
        "peak" => TouPeriod.Peak,
        "flat" => TouPeriod.Flat,
        "valley" => TouPeriod.Valley,
        "deepValley" => TouPeriod.DeepValley,
        _ => null,
    };
}
