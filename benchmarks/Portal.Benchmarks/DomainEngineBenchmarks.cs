using BenchmarkDotNet.Attributes;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;

namespace Portal.Benchmarks;

/// <summary>The bill engine and the packed day format on one account-year of 15-minute data.</summary>
[MemoryDiagnoser]
public class DomainEngineBenchmarks
{
    private static readonly DateOnly Start = new(2025, 10, 1);
    private List<DayReadings> _year = [];
    private List<CompiledTariff> _packages = [];
    private List<PeriodUsage> _months = [];
    private byte[][] _packed = [];
    private readonly AccountProfile _business = new(CustomerType.Business, VoltageLevel.Kv1To10, 200m, "kaifaqu");

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(7);
        _year = Enumerable.Range(0, 365).Select(d =>
        {
            var wh = Enumerable.Range(0, 96).Select(i => 15_000 + (int)(8_000 * Math.Sin(i / 96.0 * Math.PI)) + r.Next(2_000)).ToArray();
            var varh = wh.Select(v => v / 2).ToArray();
            return new DayReadings(Start.AddDays(d), 15, wh, varh: varh);
        }).ToList();
        var folder = Path.Combine(AppContext.BaseDirectory, "SeedPackages");
        _packages = Directory.GetFiles(folder, "*.json").Select(f => CompiledTariff.Compile(TariffPackageJson.Deserialize(File.ReadAllText(f)))).ToList();
        _months = Enumerable.Range(0, 12).Select(m => PeriodUsage.Prepare(new BillingPeriod(Start.AddMonths(m), Start.AddMonths(m + 1)), _year)).ToList();
        _packed = _year.Select(d => DayReadings.Pack(d.WattHours)).ToArray();
    }

    /// <summary>Target (issue 4): all eligible packages for one account-year ≤ 5 ms.</summary>
    [Benchmark]
    public decimal PriceOneAccountYearThroughEveryPackage()
    {
        var months = Enumerable.Range(0, 12).Select(m => PeriodUsage.Prepare(new BillingPeriod(Start.AddMonths(m), Start.AddMonths(m + 1)), _year)).ToList();
        var total = 0m;
        foreach (var p in _packages) total += PackageRecommender.PriceYear(p, _business, months, declaredDemandKw: 100m).AnnualCost.Yuan;
        return total;
    }

    [Benchmark]
    public decimal BillOneMonth() => BillCalculator.Calculate(_packages[0], _business, _months[0], 0m, 100m).Total.Yuan;

    [Benchmark]
    public long UnpackAYearOfDays()
    {
        long sum = 0;
        foreach (var b in _packed) sum += DayReadings.Unpack(b)[40];
        return sum;
    }
}
