using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Xunit;

namespace Portal.Tests.Domain.Credit;

/// <summary>Builds facts for an account with a clean record; tests add the one thing they are about.</summary>
internal sealed class FactsBuilder
{
    private readonly List<BillFact> _bills = [];
    private readonly List<HazardFact> _hazards = [];
    private readonly List<ViolationFact> _violations = [];
    private readonly List<AdjustmentFact> _adjustments = [];
    private AccountProfile _profile = new(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun");
    private DateOnly _openedOn = new(2015, 1, 1);
    private decimal _annualKwh = 2760m;
    private decimal _annualRevenue = 1500m;

    public static FactsBuilder Household() => new();

    public FactsBuilder OpenedOn(DateOnly date) { _openedOn = date; return this; }
    public FactsBuilder Profile(AccountProfile profile) { _profile = profile; return this; }
    public FactsBuilder AnnualKwh(decimal kwh) { _annualKwh = kwh; return this; }

    /// <summary>Monthly bills due on the 15th from <paramref name="firstDue"/>, each paid on its due date.</summary>
    public FactsBuilder MonthlyBillsPaidOnTime(DateOnly firstDue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var due = firstDue.AddMonths(i);
            _bills.Add(new BillFact($"bill:{due:yyyy-MM}", due, 100m, due, 100m));
        }
        return this;
    }

    public FactsBuilder Bill(string id, DateOnly due, DateOnly? paidOn, decimal amount = 100m)
    {
        _bills.RemoveAll(b => b.BillId == id);
        _bills.Add(new BillFact(id, due, amount, paidOn, paidOn is null ? 0m : amount));
        return this;
    }

    public FactsBuilder Hazard(string id, HazardSeverity severity, DateOnly found, DateOnly deadline, DateOnly? fixedOn)
    {
        _hazards.Add(new HazardFact(id, severity, found, deadline, fixedOn));
        return this;
    }

    public FactsBuilder Violation(string id, ViolationKind kind, DateOnly on)
    {
        _violations.Add(new ViolationFact(id, kind, on));
        return this;
    }

    public FactsBuilder Adjustment(string id, CreditIndicator indicator, decimal points, DateOnly on, string reason = "goodwill")
    {
        _adjustments.Add(new AdjustmentFact(id, indicator, points, on, reason));
        return this;
    }

    public CreditFacts Build() =>
        new(_profile, _openedOn, _bills.ToList(), _hazards.ToList(), _violations.ToList(), _annualKwh, _annualRevenue, _adjustments.ToList());
}

internal static class CreditTestData
{
    public static readonly CreditPolicy Seed = CreditPolicy.SeedDefault();

    public static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>A score whose total is all the tier review reads.</summary>
    public static CreditScore ScoreOf(decimal total, DateOnly asOf) => new(1, asOf, total, []);

    public static CreditAccountState StateIn(CreditTier tier) => CreditAccountState.Open(Guid.NewGuid(), tier);
}
