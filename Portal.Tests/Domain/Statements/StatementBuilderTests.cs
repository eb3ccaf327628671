using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using static Portal.Tests.Domain.Statements.StatementTestData;

namespace Portal.Tests.Domain.Statements;

public class StatementBuilderTests
{
    [Fact]
    public void Personal_data_is_masked_on_the_statement()
    {
        var doc = StatementBuilder.Build(Inputs(Household(), Bill(2026, 10)));
        Assert.Equal("王*英", doc.Account.HolderNameMasked);
        Assert.Equal("138****5678", doc.Account.PhoneMasked);
        Assert.Equal("新疆奎屯市北****", doc.Account.AddressMasked);
        Assert.Equal("3301000001", doc.Account.AccountNumber);
    }

    [Fact]
    public void A_financed_bill_prints_its_instalments_which_add_up_to_the_bill()
    {
        var bill = Bill(2026, 10);
        var schedule = FinancingTerms.Standard.Schedule(bill.Amount, 3, bill.DueDate);
        bill.FinanceInInstalments(schedule, bill.IssuedOn);

        var doc = StatementBuilder.Build(Inputs(Household(), bill));

        Assert.Equal(schedule, doc.Instalments);
        Assert.Equal(bill.Amount, doc.Instalments.Sum(i => i.Amount));
        Assert.Equal(schedule[^1].DueOn, doc.DueDate);
        Assert.Empty(StatementBuilder.Build(Inputs(Household(), Bill(2026, 9))).Instalments);
    }

    [Fact]
    public void The_period_prints_its_last_day_and_the_bill_dates()
    {
        var bill = Bill(2026, 10);
        var doc = StatementBuilder.Build(Inputs(Household(), bill));
        Assert.Equal(new DateOnly(2026, 10, 1), doc.PeriodStart);
        Assert.Equal(new DateOnly(2026, 10, 31), doc.PeriodLastDay);
        Assert.Equal(new DateOnly(2026, 11, 3), doc.BillIssuedOn);
        Assert.Equal(new DateOnly(2026, 11, 18), doc.DueDate);
    }

    [Fact]
    public void Meter_readings_run_from_the_history_before_the_period_to_that_plus_the_billed_kWh()
    {
        var bill = Bill(2026, 10, Energy("energy.t1", 210.5m, 0.39m), Energy("energy.t2", 40.25m, 0.44m));
        var doc = StatementBuilder.Build(Inputs(Household(), bill));
        Assert.Equal(12_345.678m, doc.Readings.StartKwh);
        Assert.Equal(12_596.428m, doc.Readings.EndKwh);
        Assert.Equal(250.75m, doc.Readings.UsedKwh);
    }

    [Fact]
    public void Energy_lines_are_summed_by_time_of_use_period_and_by_tier()
    {
        var bill = Bill(2026, 10,
            Energy("energy.t1.peak", 100m, 0.568m), Energy("energy.t1.valley", 50m, 0.288m),
            Energy("energy.t2.peak", 10m, 0.618m), Energy("energy.t2.valley", 5.5m, 0.338m),
            new BillLine("surcharge.REN", "Tariff.Line.Surcharge", 165.5m, "kWh", 0.019m, 3.14m));
        var doc = StatementBuilder.Build(Inputs(Household("XJ-RES-TIER-TOU"), bill));
        Assert.Equal([new StatementPeriodKwh(TouPeriod.Peak, 110m), new StatementPeriodKwh(TouPeriod.Valley, 55.5m)], doc.KwhByPeriod);
        Assert.Equal([new StatementTierKwh(1, 150m), new StatementTierKwh(2, 15.5m)], doc.KwhByTier);
    }

    [Theory]
    [InlineData("energy.t2.criticalPeak.s1", StatementLineKind.Energy, TouPeriod.CriticalPeak, 2, 1, null)]
    [InlineData("energy.flat", StatementLineKind.Energy, TouPeriod.Flat, null, null, null)]
    [InlineData("energy.t3", StatementLineKind.Energy, null, 3, null, null)]
    [InlineData("basic.capacity", StatementLineKind.BasicCapacity, null, null, null, null)]
    [InlineData("basic.demand", StatementLineKind.BasicDemand, null, null, null, null)]
    [InlineData("basic.demand.excess", StatementLineKind.BasicDemandExcess, null, null, null, null)]
    [InlineData("powerFactor", StatementLineKind.PowerFactor, null, null, null, null)]
    [InlineData("fixedFee", StatementLineKind.FixedFee, null, null, null, null)]
    [InlineData("greenPremium", StatementLineKind.GreenPremium, null, null, null, null)]
    [InlineData("surcharge.REN", StatementLineKind.Surcharge, null, null, null, "REN")]
    [InlineData("mystery", StatementLineKind.Other, null, null, null, null)]
    public void A_bill_line_code_is_read_into_kind_period_tier_season_and_detail(string code, StatementLineKind kind, TouPeriod? period, int? tier, int? season, string? detail)
    {
        var line = StatementBuilder.ParseLine(new BillLine(code, "x", 1m, "kWh", 1m, 1m));
        Assert.Equal((kind, period, tier, season, detail), (line.Kind, line.Period, line.Tier, line.Season, line.Detail));
    }

    [Fact]
    public void Line_items_keep_the_bill_amounts_to_the_fen_and_current_charges_equal_the_bill()
    {
        var bill = Bill(2026, 10, Energy("energy.t1", 333.333m, 0.538m), Energy("energy.t2", 1.005m, 0.588m));
        var doc = StatementBuilder.Build(Inputs(Household(), bill));
        Assert.Equal([179.33m, 0.59m], doc.Lines.Select(l => l.Amount));
        Assert.Equal(bill.Amount, doc.Balance.CurrentCharges);
        Assert.Equal(179.92m, doc.Balance.CurrentCharges);
    }

    [Fact]
    public void The_first_statement_has_no_previous_balance_and_asks_for_the_bill()
    {
        var doc = StatementBuilder.Build(Inputs(Household(), Bill(2026, 10)));
        Assert.Equal(0m, doc.Balance.PreviousBalance);
        Assert.Empty(doc.Balance.PaymentsReceived);
        Assert.Equal(39m, doc.Balance.AmountDue);
    }

    [Fact]
    public void Payments_between_the_previous_and_this_issue_day_are_received_later_ones_wait_for_the_next_statement()
    {
        var aug = Bill(2026, 8, Energy("energy.t1", 100m, 1m));   // issued 3 Sep
        var sep = Bill(2026, 9, Energy("energy.t1", 200m, 1m));   // issued 3 Oct
        var oct = Bill(2026, 10, Energy("energy.t1", 300m, 1m));  // issued 3 Nov
        aug.RecordPayment(Guid.NewGuid(), new DateOnly(2026, 9, 20), 100m, "WeChat");   // after Aug's issue (3 Sep), before Sep's (3 Oct)
        sep.RecordPayment(Guid.NewGuid(), new DateOnly(2026, 10, 3), 50m, "Alipay");    // on Sep's issue day: in Oct's window
        sep.RecordPayment(Guid.NewGuid(), new DateOnly(2026, 11, 2), 100m, "Counter");  // the day before Oct's issue: in
        sep.RecordPayment(Guid.NewGuid(), new DateOnly(2026, 11, 3), 50m, "Counter");   // on Oct's issue day: next statement

        var sepDoc = StatementBuilder.Build(Inputs(Household(), sep, [aug]));
        Assert.Equal(100m, sepDoc.Balance.PreviousBalance);
        Assert.Equal([100m], sepDoc.Balance.PaymentsReceived.Select(p => p.Amount));
        Assert.Equal(200m, sepDoc.Balance.AmountDue);

        var octDoc = StatementBuilder.Build(Inputs(Household(), oct, [aug, sep]));
        Assert.Equal(sepDoc.Balance.AmountDue, octDoc.Balance.PreviousBalance);
        Assert.Equal([50m, 100m], octDoc.Balance.PaymentsReceived.Select(p => p.Amount));
        Assert.Equal(200m - 150m + 300m, octDoc.Balance.AmountDue);
    }

    [Fact]
    public void The_usage_history_is_the_twelve_months_ending_with_the_period_with_gaps_kept()
    {
        var usage = new List<StatementUsageMonth>
        {
            new(new DateOnly(2025, 10, 1), 999m, true, false),  // 13 months back: not in the chart
            new(new DateOnly(2025, 11, 1), 100m, true, false),
            new(new DateOnly(2026, 10, 1), 250m, true, true),
        };
        var doc = StatementBuilder.Build(Inputs(Household(), Bill(2026, 10), usage: usage));
        Assert.Equal(12, doc.UsageHistory.Count);
        Assert.Equal(new DateOnly(2025, 11, 1), doc.UsageHistory[0].Month);
        Assert.Equal(new DateOnly(2026, 10, 1), doc.UsageHistory[^1].Month);
        Assert.Equal(100m, doc.UsageHistory[0].Kwh);
        Assert.True(doc.UsageHistory[^1].Estimated);
        Assert.Equal(10, doc.UsageHistory.Count(m => !m.HasData));
    }

    [Fact]
    public void Business_accounts_carry_their_customer_manager_households_do_not()
    {
        Assert.Equal("客户经理 陈静", StatementBuilder.Build(Inputs(Business(), Bill(2026, 10))).Manager?.Name);
        Assert.Null(StatementBuilder.Build(Inputs(Household(), Bill(2026, 10))).Manager);
    }

    [Fact]
    public void A_bill_of_another_account_is_refused()
    {
        var other = new Bill(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1),
            new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 18), "XJ-RES-TIER", 1m, [Energy("energy.t1", 1m, 1m)]);
        var ex = Assert.Throws<DomainException>(() => StatementBuilder.Build(Inputs(Household(), other)));
        Assert.Equal("Statement.BillOfOtherAccount", ex.Code);
    }

    [Fact]
    public void Earlier_bills_must_precede_the_bill()
    {
        var ex = Assert.Throws<DomainException>(() => StatementBuilder.Build(Inputs(Household(), Bill(2026, 10), [Bill(2026, 10)])));
        Assert.Equal("Statement.EarlierBillsInvalid", ex.Code);
    }
}
