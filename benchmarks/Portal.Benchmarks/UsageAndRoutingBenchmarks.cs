using BenchmarkDotNet.Attributes;
using Portal.Domain.Accounts;
using Portal.Domain.Calendar;
using Portal.Domain.Complaints;
using Portal.Domain.Usage;

namespace Portal.Benchmarks;

/// <summary>
/// The engines behind the usage page and the nightly refresh (insights, forecast with its backtest, load shape) on two
/// years of 15-minute data, and complaint routing. PDF rendering and the database paths are measured by
/// the load tests' `scale` verb (docs/PERFORMANCE.md), which runs them through the real services.
/// </summary>
[MemoryDiagnoser]
public class UsageAndRoutingBenchmarks
{
    private static readonly DateOnly Start = new(2024, 11, 1);
    private List<DayReadings> _twoYears = [];
    private List<DailyKwh> _daily = [];
    private List<(DateOnly Date, byte[] Packed, DayTotal Total)> _packed = [];
    private List<(DateOnly Month, byte[] Sums, byte[] DayTotals)> _months = [];
    private readonly RoutingRules _rules = RoutingRules.SeedDefault();
    private readonly WorkingCalendar _calendar = new(ChinaPublicHolidays.Seed());

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(11);
        _twoYears = Enumerable.Range(0, 730).Select(d =>
        {
            var winter = Math.Cos((d + 40) / 365.0 * 2 * Math.PI);
            var wh = Enumerable.Range(0, 96).Select(i => 150 + (int)(120 * winter) + (i is >= 68 and < 88 ? 400 : 0) + r.Next(60)).ToArray();
            return new DayReadings(Start.AddDays(d), 15, wh);
        }).ToList();
        _daily = _twoYears.Select(d => new DailyKwh(d.Date, (double)d.TotalKwh)).ToList();
        _packed = _twoYears.Select(d => (d.Date, DayReadings.Pack(d.WattHours), DayTotal.Of(d))).ToList();
        // The monthly roll-up of every month after the first (the refresh reads the first, partial month as days).
        _months = _twoYears.Where(d => d.Date >= new DateOnly(Start.Year, Start.Month, 1).AddMonths(1))
            .GroupBy(d => new DateOnly(d.Date.Year, d.Date.Month, 1))
            .Select(g =>
            {
                var sums = new ProfileAccumulator();
                foreach (var d in g) sums.Add(d.Date, d.IntervalMinutes, d.WattHours);
                return (g.Key, sums.Pack(), MonthDayTotals.Pack(g.Key, g.Select(DayTotal.Of)));
            }).ToList();
    }

    /// <summary>The refresh's and the page's forecast: the cycle, next month and the 80 % band from its own backtest.</summary>
    [Benchmark]
    public double ForecastWithBacktest()
    {
        var origin = _twoYears[^1].Date;
        var cycle = new DateOnly(origin.Year, origin.Month, 1);
        return Forecaster.Forecast(new ForecastRequest(cycle, cycle.AddMonths(1).AddDays(-1), origin, _daily))!.Cycle.High;
    }

    [Benchmark]
    public double InsightsOfTwoYears()
    {
        var recent = _twoYears.TakeLast(30).ToList();
        return (UsageInsights.BaseLoadKw(recent) ?? 0) + (UsageInsights.EveningPeakShare(recent) ?? 0)
               + UsageInsights.Monthly(_twoYears).Count + UsageInsights.AverageProfiles(_twoYears.TakeLast(90)).WeekdayCount;
    }

    [Benchmark]
    public object LoadShapeOfTwoYears() => LoadShape.From(_twoYears);

    /// <summary>
    /// One account's CPU work in the nightly refresh once its rows are read (docs/PERFORMANCE.md, "Nightly refresh"): the
    /// first, partial month's packed days summed into the hourly profiles, every later month's roll-up (packed profile
    /// sums and day totals) merged, the totals into the forecast with its backtest, and the load shape. The bill estimate
    /// (tariff engine) and the database are measured by the load tests' `scale` verb.
    /// </summary>
    [Benchmark]
    public double RefreshOneAccount()
    {
        var profiles = new ProfileAccumulator();
        var totals = new List<DayTotal>(_packed.Count);
        var firstFull = new DateOnly(Start.Year, Start.Month, 1).AddMonths(1);
        foreach (var (date, packed, total) in _packed)
        {
            if (date >= firstFull) break;
            profiles.AddPacked(date, 15, packed);
            totals.Add(total);
        }
        foreach (var (month, sums, dayTotals) in _months)
        {
            profiles.AddPackedSums(sums);
            MonthDayTotals.Unpack(month, dayTotals, DateOnly.MinValue, DateOnly.MaxValue, totals);
        }
        var history = new List<DailyKwh>(totals.Count);
        foreach (var t in totals)
            if (t.HasData) history.Add(new DailyKwh(t.Date, (double)t.TotalKwh));
        var origin = totals[^1].Date;
        var cycle = new DateOnly(origin.Year, origin.Month, 1);
        var forecast = Forecaster.Forecast(new ForecastRequest(cycle, cycle.AddMonths(1).AddDays(-1), origin, history));
        var shape = LoadShape.From(profiles.ToProfiles(), UsageInsights.Seasonality(totals));
        return forecast!.Cycle.High + shape.WinterRatio;
    }

    [Benchmark]
    public object RouteOneComplaint() => RoutingEngine.Route(_rules,
        new ComplaintRoutingInput(ComplaintCategory.BillingDispute, "kaifaqu", CustomerType.Business, CreditTierLevel.B,
            "电费比上月高了很多，怀疑电表有问题", new DateTime(2026, 11, 26, 10, 0, 0), []), _calendar);
}
