using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Credit;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

/// <summary>Each privilege of the seed grid changes an outcome, on both sides of the tier thresholds that grant it.</summary>
public class PrivilegeOutcomeTests
{
    private static readonly DateOnly AsOf = D(2025, 6, 30);
    private static readonly DateOnly Issued = D(2025, 7, 3);

    /// <summary>The tier the review gives a customer now in <paramref name="current"/> with this score, and that tier's privileges.</summary>
    private static TierPrivileges After(CreditTier current, decimal score)
    {
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12).Build();
        var decision = TierPolicy.Review(Seed, StateIn(current), ScoreOf(score, AsOf), facts, AsOf);
        return TierPrivileges.Of(Seed, decision.NewTier);
    }

    [Theory]
    [InlineData(CreditTier.B, 90, "2025-08-02")]     // promoted to A: 15 + 15 days
    [InlineData(CreditTier.B, 89.99, "2025-07-25")]  // stays B: 15 + 7 days
    [InlineData(CreditTier.C, 70, "2025-07-25")]     // promoted to B
    [InlineData(CreditTier.C, 69.99, "2025-07-18")]  // stays C: the standard 15 days
    [InlineData(CreditTier.A, 85, "2025-08-02")]     // keeps A at its exit
    [InlineData(CreditTier.A, 84.99, "2025-07-25")]  // falls to B
    public void Deferred_payment_days_move_the_due_date_by_the_tier_the_review_gives(CreditTier current, decimal score, string due)
    {
        Assert.Equal(DateOnly.Parse(due), PaymentTerms.DueDate(Issued, After(current, score)));
    }

    [Fact]
    public void A_bill_paid_after_the_standard_term_but_within_the_deferral_is_on_time_and_late_without_it()
    {
        var lines = new[] { new BillLine("E", "Energy.Tier1", 100m, "kWh", 0.5m, 50m) };
        var deferred = new Bill(Guid.NewGuid(), Guid.NewGuid(), D(2025, 6, 1), D(2025, 7, 1), Issued, PaymentTerms.DueDate(Issued, After(CreditTier.B, 90)),
            "P", 100m, lines, 15);
        var standard = new Bill(Guid.NewGuid(), Guid.NewGuid(), D(2025, 6, 1), D(2025, 7, 1), Issued, PaymentTerms.DueDate(Issued, After(CreditTier.C, 69.99m)),
            "P", 100m, lines);
        var paidOn = Issued.AddDays(20);

        deferred.RecordPayment(Guid.NewGuid(), paidOn, 50m, "app");
        standard.RecordPayment(Guid.NewGuid(), paidOn, 50m, "app");

        Assert.True(deferred.PaidOnTime);
        Assert.Equal(0, deferred.DaysOverdue(paidOn));
        Assert.False(standard.PaidOnTime);
        Assert.Equal(5, standard.DaysOverdue(paidOn));
    }

    [Theory]
    [InlineData(CreditTier.B, 90, true, 0)]
    [InlineData(CreditTier.B, 89.99, false, 4321.67)]
    [InlineData(CreditTier.A, 85, true, 0)]
    [InlineData(CreditTier.A, 84.99, false, 4321.67)]
    public void A_business_lodges_a_deposit_of_its_average_monthly_bill_unless_its_tier_waives_it(CreditTier current, decimal score, bool waived, decimal amount)
    {
        // 12 bills averaging 4,321.6667: the deposit rounds half-up to the fen.
        var bills = Enumerable.Repeat(4321.66m, 10).Concat([4321.67m, 4321.71m]).ToList();
        var deposit = DepositRequirement.For(isBusiness: true, bills, After(current, score));
        Assert.True(deposit.Applies);
        Assert.Equal(waived, deposit.Waived);
        Assert.Equal(amount, deposit.Amount);
    }

    [Fact]
    public void A_household_lodges_no_deposit_in_any_tier()
    {
        var deposit = DepositRequirement.For(isBusiness: false, [120m, 130m], TierPrivileges.Of(Seed, CreditTier.C));
        Assert.False(deposit.Applies);
        Assert.Equal(0m, deposit.Amount);
    }

    [Theory]
    [InlineData(CreditTier.B, 90, null)]
    [InlineData(CreditTier.B, 89.99, "Financing.NotInTier")]
    [InlineData(CreditTier.A, 85, null)]
    [InlineData(CreditTier.A, 84.99, "Financing.NotInTier")]
    public void Only_a_tier_with_bill_financing_may_split_a_bill(CreditTier current, decimal score, string? refusal)
    {
        Assert.Equal(refusal, FinancingTerms.Standard.Refusal(After(current, score), 1500m, 0m, Issued.AddDays(15), Issued, alreadyFinanced: false));
    }

    [Theory]
    [InlineData(999.99, 0, 18, false, "Financing.TooSmall")]
    [InlineData(1000, 0, 18, false, null)]
    [InlineData(1000, 0.01, 18, false, "Financing.PartlyPaid")]
    [InlineData(1000, 0, 14, false, null)]
    [InlineData(1000, 0, 13, false, "Financing.PastDue")]
    [InlineData(1000, 0, 18, true, "Financing.AlreadyFinanced")]
    public void Financing_needs_a_large_unpaid_bill_not_yet_past_due(decimal amount, decimal paid, int dueInDays, bool financed, string? refusal)
    {
        var today = Issued.AddDays(14);
        Assert.Equal(refusal, FinancingTerms.Standard.Refusal(TierPrivileges.Of(Seed, CreditTier.A), amount, paid, Issued.AddDays(dueInDays), today, financed));
    }

    [Theory]
    [InlineData(1000.00, 3, new[] { 333.34, 333.33, 333.33 })]
    [InlineData(1234.57, 6, new[] { 205.77, 205.76, 205.76, 205.76, 205.76, 205.76 })]
    [InlineData(2000.00, 2, new[] { 1000.00, 1000.00 })]
    [InlineData(1000.05, 4, new[] { 250.02, 250.01, 250.01, 250.01 })]
    public void Instalments_are_even_to_the_fen_and_add_up_to_the_bill_exactly(decimal amount, int count, double[] expected)
    {
        var schedule = FinancingTerms.Standard.Schedule(amount, count, D(2025, 1, 31));

        Assert.Equal(expected.Select(e => (decimal)e), schedule.Select(s => s.Amount));
        Assert.Equal(amount, schedule.Sum(s => s.Amount));
        Assert.Equal(Enumerable.Range(1, count), schedule.Select(s => s.Number));
        Assert.Equal(D(2025, 1, 31), schedule[0].DueOn);
        Assert.Equal(D(2025, 2, 28), schedule[1].DueOn);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void A_plan_has_two_to_six_instalments(int count)
    {
        Assert.Equal("Financing.InstalmentCount", Assert.Throws<DomainException>(() => FinancingTerms.Standard.Schedule(1000m, count, Issued)).Code);
    }

    [Fact]
    public void Financing_a_bill_moves_its_final_due_date_to_the_last_instalment_and_refuses_a_second_plan()
    {
        var bill = new Bill(Guid.NewGuid(), Guid.NewGuid(), D(2025, 6, 1), D(2025, 7, 1), Issued, Issued.AddDays(30), "P", 1m,
            [new BillLine("E", "Energy.Tier1", 1m, "kWh", 1500m, 1500m)]);
        var schedule = FinancingTerms.Standard.Schedule(bill.Amount, 3, bill.DueDate);

        bill.FinanceInInstalments(schedule, Issued);

        Assert.Equal(3, bill.Instalments.Count);
        Assert.Equal(1500m, bill.Instalments.Sum(i => i.Amount));
        Assert.Equal(Issued.AddDays(30).AddMonths(2), bill.DueDate);
        Assert.Equal("Financing.AlreadyFinanced", Assert.Throws<DomainException>(() => bill.FinanceInInstalments(schedule, Issued)).Code);
    }

    [Fact]
    public void A_plan_that_does_not_add_up_to_the_bill_is_refused()
    {
        var bill = new Bill(Guid.NewGuid(), Guid.NewGuid(), D(2025, 6, 1), D(2025, 7, 1), Issued, Issued.AddDays(30), "P", 1m,
            [new BillLine("E", "Energy.Tier1", 1m, "kWh", 1500m, 1500m)]);
        Assert.Equal("Financing.SumMismatch", Assert.Throws<DomainException>(() =>
            bill.FinanceInInstalments([new(1, Issued, 750m), new(2, Issued.AddMonths(1), 749.99m)], Issued)).Code);
    }

    [Theory]
    [InlineData(CreditTier.B, 90, ComplaintPriority.High)]
    [InlineData(CreditTier.B, 89.99, ComplaintPriority.Normal)]
    [InlineData(CreditTier.A, 85, ComplaintPriority.High)]
    [InlineData(CreditTier.A, 84.99, ComplaintPriority.Normal)]
    public void Complaint_priority_follows_the_privilege_grid_not_the_routing_setting(CreditTier current, decimal score, ComplaintPriority expected)
    {
        var privileges = After(current, score);
        // The routing setting names C as its top tier: the grid, not the setting, decides.
        var rules = RoutingRules.Create(new RoutingSettings
        {
            Rules = [new RoutingRule { Name = "all", QueueCode = "general" }],
            TopCreditTier = CreditTierLevel.C,
        });
        var input = new ComplaintRoutingInput(ComplaintCategory.Other, "Kuitun", CustomerType.Residential, CreditTierLevel.C, "no power",
            new DateTime(2025, 7, 1, 10, 0, 0), [], privileges.PriorityComplaints);

        Assert.Equal(expected, RoutingEngine.Route(rules, input, Portal.Domain.Calendar.WorkingCalendar.WeekdaysOnly()).Priority);
    }

    [Theory]
    [InlineData(CreditTier.B, 90, true)]
    [InlineData(CreditTier.B, 89.99, false)]
    [InlineData(CreditTier.A, 85, true)]
    [InlineData(CreditTier.A, 84.99, false)]
    public void A_household_gets_a_dedicated_manager_when_its_tier_grants_one(CreditTier current, decimal score, bool needed)
    {
        var household = new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 10m, "Kuitun");
        Assert.Equal(needed, new ManagerAssignmentRule().Needs(household, After(current, score)).Needed);
    }

    [Fact]
    public void A_large_industrial_supply_gets_a_manager_in_any_tier()
    {
        var plant = new AccountProfile(CustomerType.LargeIndustrial, VoltageLevel.Kv1To10, 630m, "Kuitun");
        Assert.True(new ManagerAssignmentRule().Needs(plant, TierPrivileges.Of(Seed, CreditTier.C)).Needed);
    }

    [Fact]
    public void A_republished_grid_changes_the_outcome_for_the_same_tier()
    {
        var next = Seed.CreateNextDraft(D(2025, 7, 1));
        next.RevokePrivilege(CreditTier.B, PrivilegeKind.DeferredPaymentDays);
        next.GrantPrivilege(CreditTier.B, PrivilegeKind.DeferredPaymentDays, 10);

        Assert.Equal(Issued.AddDays(22), PaymentTerms.DueDate(Issued, TierPrivileges.Of(Seed, CreditTier.B)));
        Assert.Equal(Issued.AddDays(25), PaymentTerms.DueDate(Issued, TierPrivileges.Of(next, CreditTier.B)));
    }

    [Fact]
    public void A_tier_change_lists_the_privileges_gained_and_lost()
    {
        var up = PrivilegeChange.Between(TierPrivileges.Of(Seed, CreditTier.B), TierPrivileges.Of(Seed, CreditTier.A));
        var down = PrivilegeChange.Between(TierPrivileges.Of(Seed, CreditTier.B), TierPrivileges.Of(Seed, CreditTier.C));

        Assert.Equal([PrivilegeKind.DepositWaiver, PrivilegeKind.BillFinancing, PrivilegeKind.PriorityComplaintHandling, PrivilegeKind.DedicatedCustomerManager], up.Gained);
        Assert.Empty(up.Lost);
        Assert.Equal((7, 15), (up.DeferredDaysBefore, up.DeferredDaysAfter));
        Assert.Equal([PrivilegeKind.DeferredPaymentDays], down.Lost);
        Assert.Empty(down.Gained);
    }
}
