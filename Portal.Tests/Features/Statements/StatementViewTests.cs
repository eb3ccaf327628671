using Bunit;
using Portal.Domain.Accounts;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Features.Statements;

namespace Portal.Tests.Features.Statements;

public class StatementViewTests() : PortalBunitContext("zh-CN")
{
    private static StatementDocument Document(StatementManagerContact? manager = null, StatementCredit? credit = null) => new()
    {
        Account = new StatementAccount("3301000001", "王*英", "新疆奎屯市北****", "138****5678", "M-0001", CustomerType.Residential, "chengbei", VoltageLevel.Low, 8m),
        PeriodStart = new DateOnly(2026, 10, 1),
        PeriodLastDay = new DateOnly(2026, 10, 31),
        BillIssuedOn = new DateOnly(2026, 11, 3),
        DueDate = new DateOnly(2026, 11, 18),
        PackageCode = "XJ-RES-TIER-TOU",
        Readings = new MeterReadingSpan(1000m, 1250.5m),
        KwhByPeriod = [new(TouPeriod.Peak, 150.5m), new(TouPeriod.Valley, 100m)],
        KwhByTier = [new(1, 250.5m)],
        Lines =
        [
            new("energy.t1.peak", StatementLineKind.Energy, TouPeriod.Peak, 1, null, null, 150.5m, "kWh", 0.568m, 85.48m),
            new("energy.t1.valley", StatementLineKind.Energy, TouPeriod.Valley, 1, null, null, 100m, "kWh", 0.288m, 28.80m),
        ],
        Balance = new StatementBalance(100m, [new StatementPayment(new DateOnly(2026, 10, 10), 100m, "WeChat")], 114.28m),
        UsageHistory = Enumerable.Range(0, 12).Select(i => new StatementUsageMonth(new DateOnly(2025, 11, 1).AddMonths(i), 200m + i, true, i == 11)).ToList(),
        Tip = new StatementTip(StatementTipKind.ShiftToValley, Percent: 60m),
        Manager = manager,
        Credit = credit,
        PortalLink = "https://portal.example/statements/1",
    };

    [Fact]
    public void A_financed_bill_lists_its_instalments_and_a_bill_paid_in_one_go_shows_none()
    {
        var financed = Document() with
        {
            Instalments = [new(1, new DateOnly(2026, 11, 18), 38.10m), new(2, new DateOnly(2026, 12, 18), 38.09m), new(3, new DateOnly(2027, 1, 18), 38.09m)],
        };

        var cut = Render<StatementView>(p => p.Add(x => x.Document, financed));

        var rows = cut.FindAll("[data-testid=statement-instalments] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("¥38.10", rows[0].TextContent);
        Assert.Contains("¥38.09", rows[2].TextContent);
        Assert.Contains("分期缴费", cut.Markup);
        Assert.Empty(Render<StatementView>(p => p.Add(x => x.Document, Document())).FindAll("[data-testid=statement-instalments]"));
    }

    [Fact]
    public void The_twin_shows_the_amount_due_the_lines_and_the_split_in_tables()
    {
        var cut = Render<StatementView>(p => p.Add(x => x.Document, Document()));
        Assert.Equal("¥114.28", cut.Find("[data-testid=amount-due]").TextContent.Trim());
        var lines = cut.Find("[data-testid=lines]");
        Assert.Contains("电度电费 · 第1档 · 高峰", lines.TextContent);
        Assert.Contains("¥85.48", lines.TextContent);
        Assert.Contains("¥0.568", lines.TextContent);
        Assert.Contains("低谷", cut.Find("[data-testid=kwh-by-period]").TextContent);
        Assert.Contains("微信支付", cut.Find("[data-testid=balance]").TextContent);
        Assert.NotEmpty(cut.FindAll("caption"));
        Assert.Contains("60%", cut.Markup);
    }

    [Fact]
    public void The_chart_can_be_switched_to_a_table_of_every_month()
    {
        var cut = Render<StatementView>(p => p.Add(x => x.Document, Document()));
        Assert.NotEmpty(cut.FindAll("[data-testid=usage-chart]"));
        Assert.Empty(cut.FindAll("[data-testid=usage-table]"));
        cut.Find("input[type=checkbox]").Change(true);
        var rows = cut.FindAll("[data-testid=usage-table] tbody tr");
        Assert.Equal(12, rows.Count);
        Assert.Contains("211.00 *", rows[^1].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=usage-chart]"));
    }

    [Fact]
    public void The_manager_and_credit_sections_appear_only_when_the_statement_has_them()
    {
        var without = Render<StatementView>(p => p.Add(x => x.Document, Document()));
        Assert.Empty(without.FindAll("[data-testid=manager]"));
        Assert.DoesNotContain("信用等级", without.Markup);

        var with = Render<StatementView>(p => p.Add(x => x.Document, Document(new("客户经理 陈静", "0992-3220101", null), new("A", 92m, []))));
        Assert.Contains("0992-3220101", with.Find("[data-testid=manager]").TextContent);
        Assert.Contains("等级 A · 积分 92", with.Markup);
    }
}
