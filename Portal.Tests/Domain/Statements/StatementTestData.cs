using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Statements;

namespace Portal.Tests.Domain.Statements;

internal static class StatementTestData
{
    public static readonly Guid AccountId = Guid.Parse("11111111-1111-1111-1111-111111111111");

    public static CustomerAccount Household(string package = "XJ-RES-TIER") =>
        new(AccountId, "3301000001", "王秀英", CustomerType.Residential, "chengbei", "TA-01", VoltageLevel.Low, 8m, package,
            new DateOnly(2020, 1, 1), "M-0001", "新疆奎屯市北京东路88号3栋2单元501", "13812345678");

    public static CustomerAccount Business(string? managerId = "mgr-1")
    {
        var a = new CustomerAccount(AccountId, "3301000002", "天北商贸有限公司", CustomerType.LargeIndustrial, "kaifaqu", "TA-09",
            VoltageLevel.Kv1To10, 400m, "XJ-2P-CAP", new DateOnly(2019, 5, 1), "M-0002", "新疆奎屯市开发区天北路1号", "0992-3221234");
        a.AssignManager(managerId, manual: true);
        return a;
    }

    /// <summary>A monthly bill issued on the 3rd of the next month, due 15 days later.</summary>
    public static Bill Bill(int year, int month, params BillLine[] lines)
    {
        var start = new DateOnly(year, month, 1);
        var end = start.AddMonths(1);
        var issued = end.AddDays(2);
        var kwh = lines.Where(l => l.Code.StartsWith("energy")).Sum(l => l.Quantity);
        return new Bill(Guid.NewGuid(), AccountId, start, end, issued, issued.AddDays(15), "XJ-RES-TIER", kwh,
            lines.Length > 0 ? lines : [Energy("energy.t1", 100m, 0.39m)]);
    }

    public static BillLine Energy(string code, decimal kwh, decimal price) =>
        new(code, "Tariff.Line.Energy", kwh, "kWh", price, Math.Round(kwh * price, 2, MidpointRounding.AwayFromZero));

    public static StatementInputs Inputs(CustomerAccount account, Bill bill, IReadOnlyList<Bill>? earlier = null,
        IReadOnlyList<StatementUsageMonth>? usage = null, PackageSaving? saving = null) => new()
        {
            Account = account,
            Bill = bill,
            EarlierBills = earlier ?? [],
            KwhBeforePeriod = 12_345.678m,
            MonthlyUsage = usage ?? [],
            Manager = new StatementManagerContact("客户经理 陈静", "0992-3220101", "工作日 9:30–18:00"),
            BestAlternative = saving,
            PortalLink = "https://portal.example/statements/x",
        };
}
