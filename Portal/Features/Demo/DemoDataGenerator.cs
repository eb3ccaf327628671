using Portal.Domain.Accounts;
using Portal.Domain.Usage;

namespace Portal.Features.Demo;

public enum DemoShape
{
    EveningPeaker,
    WinterHeater,
    NightOwl,
    AllDayFlat,
    SummerCooler,
    DaytimeBusiness,
    RoundTheClockIndustry,
}

public sealed record DemoAccountSpec(
    int Index, Guid Id, string AccountNumber, string HolderName, CustomerType Type, string Region, string StationArea,
    VoltageLevel Voltage, decimal CapacityKva, DemoShape Shape, double Scale, double PowerFactor, DateOnly OpenedOn,
    string MeterNumber, string Address, string Phone, int PaymentHabit /* 0 on time, 1 sometimes late, 2 in arrears */);

/// <summary>
/// A deterministic generator of a realistic county utility (Kuitun, Xinjiang): the same seed and "today" give the
/// same accounts and the same readings. Shapes follow DOMAIN.md: residential evening peaks, winter electric heating
/// (1 Oct – 30 Apr), summer cooling, night owls; business weekday daytime and round-the-clock industry with
/// reactive energy and demand.
/// </summary>
public sealed class DemoDataGenerator(int seed = 20261126)
{
    public static readonly string[] Regions = ["chengbei", "chengnan", "kaifaqu", "chepaizi"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "艾", "买", "阿"];
    private static readonly string[] GivenNames = ["建国", "秀英", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "古丽", "江", "热合曼", "依明"];
    private static readonly string[] Streets = ["北京路", "乌鲁木齐东街", "团结路", "天北路", "新华路", "文化路", "友谊路", "南京路"];
    private static readonly string[] Firms = ["奎屯天北商贸有限公司", "奎屯锦疆化工有限公司", "新疆天富热电奎屯分厂", "奎屯新华超市", "奎屯独山子石化配套厂", "奎屯恒运物流园", "奎屯绿洲面粉厂", "奎屯市第一中学", "奎屯宏达酒店", "奎屯北疆建材有限公司", "奎屯金穗纺织厂", "奎屯万家乐购物中心"];

    public IEnumerable<DemoAccountSpec> Accounts(int count, DateOnly today)
    {
        for (var i = 0; i < count; i++)
            yield return Account(i, today);
    }

    public DemoAccountSpec Account(int i, DateOnly today)
    {
        var r = DemoRandom.For(seed, i, 17);
        var id = DemoRandom.Id(r);
        var region = Regions[i % Regions.Length];
        var roll = r.NextDouble();
        // Index 0 is the demo household, 1–3 the demo business's sites: keep their kinds fixed.
        var business = i is 1 or 2 or 3 || (i > 3 && roll < 0.15);
        var number = $"33{(1000000 + i * 7919 % 9000000):D8}";
        var opened = today.AddDays(-r.Next(200, 365 * 15));
        var phone = $"1{r.Next(30, 99)}{r.Next(10000000, 99999999)}";
        var habit = r.NextDouble() switch { < 0.78 => 0, < 0.94 => 1, _ => 2 };
        if (i is 0 or 1) habit = 0;

        if (!business)
        {
            // Chengbei (the demo household's district) is old housing converted from coal to electric heating (煤改电): most of
            // its homes heat with electricity, so the demo household has enough similar neighbours for a peer comparison.
            var pick = r.NextDouble();
            var shape = region == Regions[0] && pick < 0.5 ? DemoShape.WinterHeater : pick switch
            {
                < 0.40 => DemoShape.EveningPeaker,
                < 0.62 => DemoShape.WinterHeater,
                < 0.74 => DemoShape.NightOwl,
                < 0.88 => DemoShape.AllDayFlat,
                _ => DemoShape.SummerCooler,
            };
            if (i == 0) shape = DemoShape.WinterHeater;
            var name = Surnames[r.Next(Surnames.Length)] + GivenNames[r.Next(GivenNames.Length)];
            var address = $"奎屯市{Streets[r.Next(Streets.Length)]}{r.Next(1, 300)}号{r.Next(1, 20)}栋{r.Next(1, 6)}单元{r.Next(101, 1802)}室";
            return new(i, id, number, name, CustomerType.Residential, region, $"{region}-{r.Next(1, 40):D2}台区",
                VoltageLevel.Low, r.Next(2) == 0 ? 8m : 10m, shape, 0.7 + r.NextDouble() * 0.9, 1.0, opened,
                $"M{r.Next(10000000, 99999999)}", address, phone, habit);
        }

        var large = i is 2 or 3 || (i != 1 && r.NextDouble() < 0.35);
        var capacity = large ? new[] { 315m, 400m, 630m, 800m, 1000m, 1250m, 2000m }[r.Next(7)] : new[] { 50m, 80m, 100m, 125m, 160m, 200m, 250m }[r.Next(7)];
        var industry = large && (i == 3 || r.NextDouble() < 0.6);
        return new(i, id, number, Firms[r.Next(Firms.Length)] + (i % 7 == 0 ? "" : $"（{i}）"),
            large ? CustomerType.LargeIndustrial : CustomerType.Business, region, $"{region}-专变{r.Next(1, 30):D2}",
            large ? (capacity >= 2000m ? VoltageLevel.Kv35 : VoltageLevel.Kv1To10) : (capacity >= 100m ? VoltageLevel.Kv1To10 : VoltageLevel.Low),
            capacity, industry ? DemoShape.RoundTheClockIndustry : DemoShape.DaytimeBusiness, 0.8 + r.NextDouble() * 0.4,
            0.78 + r.NextDouble() * 0.19, opened, $"M{r.Next(10000000, 99999999)}",
            $"奎屯市{Streets[r.Next(Streets.Length)]}{r.Next(1, 300)}号", $"0992-{r.Next(3000000, 3999999)}", habit);
    }

    /// <summary>The account's 15-minute readings for each day in [from, toExclusive).</summary>
    public IEnumerable<DayReadings> Days(DemoAccountSpec a, DateOnly from, DateOnly toExclusive)
    {
        for (var d = from; d < toExclusive; d = d.AddDays(1))
            yield return Day(a, d);
    }

    public DayReadings Day(DemoAccountSpec a, DateOnly date)
    {
        var r = DemoRandom.For(seed, a.Index, date.DayNumber);
        var wh = new int[96];
        var business = a.Type != CustomerType.Residential;
        int[]? varh = business ? new int[96] : null;
        int[]? demand = business ? new int[96] : null;
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var cold = Coldness(date);   // 0 in summer .. 1 in deep winter
        var heat = Heat(date);       // 0 .. 1 in July
        var dayNoise = 0.85 + r.NextDouble() * 0.3;
        var tanPhi = Math.Tan(Math.Acos(a.PowerFactor));

        for (var i = 0; i < 96; i++)
        {
            var h = i / 4.0 + 0.125;
            double kw = business ? BusinessKw(a, h, weekend, cold, heat) : ResidentialKw(a, h, weekend, cold, heat, date);
            kw *= dayNoise * (0.9 + r.NextDouble() * 0.2);
            var energyWh = (int)Math.Round(kw * 250.0); // kW × 0.25 h × 1000
            wh[i] = Math.Max(0, energyWh);
            if (business)
            {
                varh![i] = (int)Math.Round(wh[i] * tanPhi * (0.95 + r.NextDouble() * 0.1));
                demand![i] = (int)Math.Round(kw * 1000 * (1.0 + r.NextDouble() * 0.12));
            }
        }

        var quality = new ReadingQuality[96];
        // Real meters drop readings: a short gap on ~1% of days, an estimated run on ~0.5%.
        if (r.NextDouble() < 0.01)
        {
            var start = r.Next(96);
            var len = r.Next(1, 12);
            for (var i = start; i < Math.Min(96, start + len); i++) wh[i] = DayReadings.MissingValue;
        }
        else if (r.NextDouble() < 0.005)
        {
            var start = r.Next(96);
            for (var i = start; i < Math.Min(96, start + 8); i++) quality[i] = ReadingQuality.Estimated;
        }
        return new DayReadings(date, 15, wh, quality, varh, demand);
    }

    private static double ResidentialKw(DemoAccountSpec a, double h, bool weekend, double cold, double heat, DateOnly date)
    {
        var s = a.Scale;
        var baseKw = 0.12 * s;
        var morning = Bump(h, weekend ? 9.0 : 7.3, 1.0) * 0.35;
        var evening = a.Shape switch
        {
            DemoShape.NightOwl => Bump(h, 23.0, 1.8) * 0.9 + Bump(h - 24, 23.0, 1.8) * 0.9 + Bump(h + 24, 23.0, 1.8) * 0.9 + Bump(h, 19.5, 1.2) * 0.3,
            DemoShape.AllDayFlat => (h is > 8.5 and < 21.5 ? 0.35 : 0) + Bump(h, 19, 1.5) * 0.3,
            _ => Bump(h, 20.0, 1.4) * (weekend ? 0.95 : 0.8),
        };
        var daytime = weekend ? Bump(h, 13, 2.5) * 0.3 : 0;
        var cooling = (a.Shape == DemoShape.SummerCooler ? 1.4 : 0.45) * heat * (Bump(h, 16, 3.5) + Bump(h, 22, 1.5) * 0.6);
        var heating = 0.0;
        var heatingSeason = date.Month is >= 10 or <= 4;
        if (a.Shape == DemoShape.WinterHeater && heatingSeason)
            heating = (1.2 + 2.2 * cold) * (h < 7 || h >= 22 ? 1.0 : h is >= 17 and < 22 ? 0.6 : 0.35);
        return s * (baseKw + morning + evening + daytime + cooling) + heating * Math.Sqrt(s);
    }

    private static double BusinessKw(DemoAccountSpec a, double h, bool weekend, double cold, double heat)
    {
        var c = (double)a.CapacityKva * a.Scale;
        if (a.Shape == DemoShape.RoundTheClockIndustry)
        {
            var level = 0.42 + 0.05 * Math.Sin(h / 24 * Math.PI * 2) - Bump(h, 12.5, 0.8) * 0.04;
            return c * level * (weekend ? 0.9 : 1.0) * (1 + 0.05 * cold);
        }
        var open = !weekend && h is >= 8 and < 19;
        var level2 = open ? 0.30 + 0.06 * Bump(h, 11, 2) + 0.05 * heat * Bump(h, 15, 3) : weekend && h is >= 9 and < 17 ? 0.10 : 0.05;
        return c * level2 * (1 + 0.08 * cold + 0.15 * heat);
    }

    private static double Bump(double x, double centre, double width) => Math.Exp(-0.5 * Math.Pow((x - centre) / width, 2));

    /// <summary>Kuitun: coldest mid-January, warm from May to September.</summary>
    private static double Coldness(DateOnly d)
    {
        var t = Math.Cos((d.DayOfYear - 15) / 365.25 * 2 * Math.PI); // 1 mid-Jan, -1 mid-Jul
        return Math.Max(0, t);
    }

    private static double Heat(DateOnly d)
    {
        var t = -Math.Cos((d.DayOfYear - 15) / 365.25 * 2 * Math.PI);
        return Math.Max(0, t - 0.3) / 0.7;
    }

}
