using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;

namespace Portal.Tests.Domain.Tariffs;

/// <summary>Readings and packages shared by the tariff tests. Figures come from DOMAIN.md.</summary>
internal static class TestData
{
    public static readonly AccountProfile Household = new(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun");
    public static readonly AccountProfile Factory = new(CustomerType.LargeIndustrial, VoltageLevel.Kv1To10, 1000m, "Kuitun");

    /// <summary>Every interval of every day in [from, to) gets the same energy (and optional kvarh / demand register).</summary>
    public static List<DayReadings> Constant(DateOnly from, DateOnly to, int whPerInterval, int minutes = 15,
        int? varhPerInterval = null, int? demandW = null) =>
        Shaped(from, to, (_, _) => whPerInterval, minutes, varhPerInterval, demandW);

    public static List<DayReadings> Shaped(DateOnly from, DateOnly to, Func<DateOnly, int, int> wh, int minutes = 15,
        int? varhPerInterval = null, int? demandW = null)
    {
        var n = 1440 / minutes;
        var days = new List<DayReadings>();
        for (var d = from; d < to; d = d.AddDays(1))
        {
            var date = d;
            days.Add(new DayReadings(date, minutes, Enumerable.Range(0, n).Select(i => wh(date, i)).ToArray(),
                varh: varhPerInterval is { } v ? Enumerable.Repeat(v, n).ToArray() : null,
                demandWatts: demandW is { } w ? Enumerable.Repeat(w, n).ToArray() : null));
        }
        return days;
    }

    public static TariffPackage Flat(decimal price, string code = "FLAT") => new()
    {
        Code = code,
        Name = new LocalizedText { ZhCn = "单一电价", EnUs = "Flat" },
        Eligibility = new TariffEligibility { CustomerTypes = [CustomerType.Residential, CustomerType.Business, CustomerType.LargeIndustrial], VoltageLevels = [VoltageLevel.Low, VoltageLevel.Kv1To10] },
        Energy = new EnergyCharge { BasePrice = price },
    };

    /// <summary>Zhejiang annual tiers: ≤ 2,760 kWh 0.538; 2,761–4,800 0.588; above 0.838.</summary>
    public static TariffPackage ZhejiangTiered() => Flat(0.538m, "ZJ-TIER") with
    {
        Energy = new EnergyCharge
        {
            BasePrice = 0.538m,
            Tiers = new TierSchedule
            {
                Basis = TierBasis.Annual,
                Bands = [new TierBand { UpToKwh = 2760m }, new TierBand { UpToKwh = 4800m, Adder = 0.05m }, new TierBand { Adder = 0.30m }],
            },
        },
    };

    /// <summary>Zhejiang tiers + TOU: peak 08–22 at 0.568, valley 22–08 at 0.288, tier adders stacked.</summary>
    public static TariffPackage ZhejiangTieredTou() => ZhejiangTiered() with
    {
        Code = "ZJ-TIER-TOU",
        Energy = ZhejiangTiered().Energy with
        {
            TimeOfUse = new TouSchedule
            {
                Mode = TouPriceMode.Absolute,
                Rates = [new TouRate { Period = TouPeriod.Peak, Value = 0.568m }, new TouRate { Period = TouPeriod.Valley, Value = 0.288m }],
                Seasons =
                [
                    new TouSeason
                    {
                        Name = "all-year", Months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
                        Windows = [new TouWindow { Period = TouPeriod.Peak, From = "08:00", To = "22:00" }, new TouWindow { Period = TouPeriod.Valley, From = "22:00", To = "08:00" }],
                    },
                ],
            },
        },
    };

    /// <summary>Beijing monthly tiers: ≤ 240 kWh base 0.4883; 241–400 +0.05; above +0.30.</summary>
    public static TariffPackage BeijingMonthly() => Flat(0.4883m, "BJ-TIER") with
    {
        Energy = new EnergyCharge
        {
            BasePrice = 0.4883m,
            Tiers = new TierSchedule
            {
                Basis = TierBasis.Monthly,
                Bands = [new TierBand { UpToKwh = 240m }, new TierBand { UpToKwh = 400m, Adder = 0.05m }, new TierBand { Adder = 0.30m }],
            },
        },
    };

    /// <summary>Xinjiang business TOU periods, multiples of flat 1.98 / 1.65 / 1.00 / 0.35.</summary>
    public static TouSchedule XinjiangTou()
    {
        TouWindow W(TouPeriod p, string from, string to) => new() { Period = p, From = from, To = to };
        TouWindow[] Common() =>
        [
            W(TouPeriod.Flat, "00:00", "02:00"), W(TouPeriod.Valley, "02:00", "08:00"), W(TouPeriod.Peak, "08:00", "11:00"),
            W(TouPeriod.Flat, "11:00", "14:00"), W(TouPeriod.Valley, "14:00", "16:00"), W(TouPeriod.Flat, "16:00", "19:00"),
        ];
        return new TouSchedule
        {
            Mode = TouPriceMode.MultipleOfFlat,
            Rates =
            [
                new TouRate { Period = TouPeriod.CriticalPeak, Value = 1.98m }, new TouRate { Period = TouPeriod.Peak, Value = 1.65m },
                new TouRate { Period = TouPeriod.Flat, Value = 1.00m }, new TouRate { Period = TouPeriod.Valley, Value = 0.35m },
            ],
            Seasons =
            [
                new TouSeason { Name = "standard", Months = [2, 3, 4, 5, 6, 8, 9, 10], Windows = [.. Common(), W(TouPeriod.Peak, "19:00", "24:00")] },
                new TouSeason { Name = "july", Months = [7], Windows = [.. Common(), W(TouPeriod.Peak, "19:00", "21:00"), W(TouPeriod.CriticalPeak, "21:00", "23:00"), W(TouPeriod.Peak, "23:00", "24:00")] },
                new TouSeason { Name = "winter", Months = [1, 11, 12], Windows = [.. Common(), W(TouPeriod.CriticalPeak, "19:00", "21:00"), W(TouPeriod.Peak, "21:00", "24:00")] },
            ],
        };
    }

    /// <summary>Xinjiang large-industry two-part: energy 1–10 kV 0.378; basic 26 ¥/kVA·month or 33 ¥/kW·month.</summary>
    public static TariffPackage XinjiangTwoPart(BasicChargeMethod method) => new()
    {
        Code = method == BasicChargeMethod.Capacity ? "XJ-2P-CAP" : "XJ-2P-DEM",
        Name = new LocalizedText { ZhCn = "两部制", EnUs = "Two-part" },
        Eligibility = new TariffEligibility { CustomerTypes = [CustomerType.Business, CustomerType.LargeIndustrial], VoltageLevels = [VoltageLevel.Kv1To10], MinCapacityKva = 100m },
        Energy = new EnergyCharge { BasePrice = 0.378m },
        Basic = new BasicCharge { Method = method, Price = method == BasicChargeMethod.Capacity ? 26m : 33m },
    };
}
