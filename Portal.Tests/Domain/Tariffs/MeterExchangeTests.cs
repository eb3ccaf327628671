using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

/// <summary>A meter exchanged from hourly to 15-minute inside a billing period is billed, not refused.</summary>
public class MeterExchangeTests
{
    private static readonly BillingPeriod June = BillingPeriod.Month(2025, 6);
    private static readonly DateOnly Exchange = new(2025, 6, 11);

    [Fact]
    public void Refining_an_hour_splits_its_energy_evenly_and_gives_the_remainder_to_the_first_quarters()
    {
        var wh = Enumerable.Repeat(1000, 24).ToArray();
        wh[0] = 1003;
        wh[1] = DayReadings.MissingValue;
        var day = new DayReadings(Exchange, 60, wh, varh: Enumerable.Repeat(401, 24).ToArray(), demandWatts: Enumerable.Repeat(2500, 24).ToArray());

        var fine = day.Refine(15);

        Assert.Equal(15, fine.IntervalMinutes);
        Assert.Equal([251, 251, 251, 250], fine.WattHours[..4].ToArray());
        Assert.True(fine.IsMissing(4) && fine.IsMissing(7));
        Assert.Equal(day.TotalKwh, fine.TotalKwh);
        Assert.Equal([101, 100, 100, 100], fine.VarHours[..4].ToArray());
        Assert.Equal(2500, fine.DemandWatts[95]);
    }

    [Fact]
    public void Refining_to_the_same_interval_changes_nothing_and_to_a_coarser_one_is_refused()
    {
        var day = Constant(Exchange, Exchange.AddDays(1), 250)[0];
        Assert.Same(day, day.Refine(15));
        Assert.Equal("Usage.IntervalNotSupported", Assert.Throws<DomainException>(() => day.Refine(60)).Code);
    }

    [Fact]
    public void A_month_of_hourly_then_quarter_hourly_readings_bills_exactly_what_the_same_energy_bills_at_one_resolution()
    {
        // 1,000 Wh per hour throughout: 10 days hourly, 20 days at 15 minutes (250 Wh a quarter).
        var mixed = Constant(June.Start, Exchange, 1000, minutes: 60).Concat(Constant(Exchange, June.End, 250)).ToList();
        var uniform = Constant(June.Start, June.End, 250);

        var mixedBill = BillCalculator.Calculate(ZhejiangTieredTou(), Household, June, mixed, tierKwhBefore: 2700m);
        var uniformBill = BillCalculator.Calculate(ZhejiangTieredTou(), Household, June, uniform, tierKwhBefore: 2700m);

        Assert.Equal(720m, mixedBill.TotalKwh);
        Assert.Equal(uniformBill.Total, mixedBill.Total);
        Assert.Equal(uniformBill.Lines.Select(l => (l.Code, l.Amount)), mixedBill.Lines.Select(l => (l.Code, l.Amount)));
    }
}
