using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Usage;

namespace Portal.Domain.Tariffs;

/// <summary>
/// Prices one billing period of one account under one package. Pure: inputs in, <see cref="Bill"/> out.
/// <para>
/// Tiers and TOU together are allocated chronologically: intervals are walked in time order and each Wh goes
/// to the tier the cycle's cumulative total is in at that moment; an interval that crosses a bound is split at
/// it. So the tier adder falls on whichever periods the customer was using when the bound was crossed, which is
/// what an interval-metered tier would have charged and needs no proportional rule. Days that cannot cross a
/// bound are added as a whole (per-period sums), so only the crossing day is walked interval by interval.
/// </para>
/// <para>
/// Energy is kept in whole Wh (long) until the lines are priced; each line is rounded half-up to the fen.
/// The tier cycle restarts on day 1 of the cycle start month (annual) or of each month (monthly), also when that
/// day is the period's first day. Monthly charges (basic, fixed fee) are multiplied by
/// <see cref="BillingPeriod.Months"/>.
/// </para>
/// </summary>
public static class BillCalculator
{
    private const int Periods = 5;

    public static CalculatedBill Calculate(TariffPackage package, AccountProfile profile, BillingPeriod period,
        IReadOnlyList<DayReadings> readings, decimal tierKwhBefore = 0m, decimal? declaredDemandKw = null) =>
        Calculate(CompiledTariff.Compile(package), profile, PeriodUsage.Prepare(period, readings), tierKwhBefore, declaredDemandKw);

    /// <param name="tierKwhBefore">kWh already counted in the current tier cycle (tariff year or month) before the period starts.</param>
    /// <param name="declaredDemandKw">Declared contract demand for demand billing; null bills the actual maximum demand.</param>
    public static CalculatedBill Calculate(CompiledTariff tariff, AccountProfile profile, PeriodUsage usage,
        decimal tierKwhBefore = 0m, decimal? declaredDemandKw = null)
    {
        if (tierKwhBefore < 0) throw new DomainException("Tariff.TierStateNegative", "kWh used before the period cannot be negative.");
        var pkg = tariff.Package;
        var period = usage.Period;
        var tiers = pkg.Energy.Tiers;
        var bounds = tariff.TierBoundsWh;
        var tierCount = Math.Max(1, tariff.TierAdders.Length);
        var buckets = new long[tariff.PriceGroups * tierCount * Periods];

        var cum = (long)Math.Round(tierKwhBefore * 1000m, MidpointRounding.AwayFromZero);
        var tier = TierOf(bounds, cum);
        long maxDemandW = 0, pfActiveWh = 0, pfVarh = 0;
        var reactiveDays = 0;
        var seasons = new List<string>(2);
        Span<long> perPeriod = stackalloc long[Periods];

        foreach (var day in usage.Days)
        {
            var date = day.Date;
            if (tiers is not null && date.Day == 1 && (tiers.Basis == TierBasis.Monthly || date.Month == tiers.CycleStartMonth))
            {
                cum = 0;
                tier = 0;
            }
            if (tariff.SeasonName(date.Month) is { } season && !seasons.Contains(season))
                seasons.Add(season);

            var offset = tariff.PriceGroupOf(date.Month) * tierCount * Periods;
            var map = tariff.PeriodMap(date.Month, day.IntervalMinutes);
            var slotMap = tariff.SlotMap(date.Month);
            var wh = day.Wh;
            var slotsPerInterval = day.IntervalMinutes / 15;

            if (tier == bounds.Length || cum + day.TotalWh <= bounds[tier])
            {
                // The whole day stays in one tier: aggregate per period, no walk.
                perPeriod.Clear();
                if (map is null) perPeriod[(int)TouPeriod.Flat] = day.TotalWh;
                else
                    for (var i = 0; i < wh.Length; i++)
                    {
                        var p = map[i];
                        if (p >= 0) perPeriod[p] += wh[i];
                        else SpreadOverSlots(slotMap!, i, slotsPerInterval, wh[i], perPeriod);
                    }
                var at = offset + tier * Periods;
                for (var p = 0; p < Periods; p++) buckets[at + p] += perPeriod[p];
                cum += day.TotalWh;
                if (tier < bounds.Length && cum >= bounds[tier]) tier++;
            }
            else
            {
                for (var i = 0; i < wh.Length; i++)
                {
                    if (map is null) AddChronologically(buckets, offset, bounds, ref cum, ref tier, (int)TouPeriod.Flat, wh[i]);
                    else if (map[i] >= 0) AddChronologically(buckets, offset, bounds, ref cum, ref tier, map[i], wh[i]);
                    else
                    {
                        // A coarse interval spanning periods: split evenly over its 15-minute slots, remainder to the first.
                        var part = wh[i] / slotsPerInterval;
                        var rest = wh[i] - part * slotsPerInterval;
                        for (var j = 0; j < slotsPerInterval; j++)
                            AddChronologically(buckets, offset, bounds, ref cum, ref tier, slotMap![i * slotsPerInterval + j], part + (j == 0 ? rest : 0));
                    }
                }
            }

            if (day.MaxDemandW > maxDemandW) maxDemandW = day.MaxDemandW;
            if (day.HasReactive)
            {
                reactiveDays++;
                pfActiveWh += day.MeteredWh;
                pfVarh += day.Varh;
            }
        }

        return Price(tariff, profile, usage, buckets, tierCount, cum, maxDemandW, pfActiveWh, pfVarh, reactiveDays, seasons, declaredDemandKw);
    }

    private static CalculatedBill Price(CompiledTariff tariff, AccountProfile profile, PeriodUsage usage, long[] buckets, int tierCount,
        long cum, long maxDemandW, long pfActiveWh, long pfVarh, int reactiveDays, List<string> seasons, decimal? declaredDemandKw)
    {
        var pkg = tariff.Package;
        var period = usage.Period;
        var months = period.Months;
        var lines = new List<CalculatedBillLine>();
        var notes = new List<string>();
        var hasTiers = tariff.HasTiers;
        var hasTou = tariff.HasTimeOfUse;

        var kwhByPeriod = new decimal[Periods];
        var kwhByTier = new decimal[tierCount];
        decimal baseAmount = 0, touAmount = 0, tierAmount = 0;
        long totalWh = 0;
        for (var g = 0; g < tariff.PriceGroups; g++)
        {
            var basePrice = tariff.BasePrice(g, profile.Voltage);
            for (var t = 0; t < tierCount; t++)
                for (var p = 0; p < Periods; p++)
                {
                    var wh = buckets[(g * tierCount + t) * Periods + p];
                    if (wh == 0) continue;
                    totalWh += wh;
                    var kwh = wh / 1000m;
                    kwhByPeriod[p] += kwh;
                    kwhByTier[t] += kwh;
                    var periodPrice = tariff.PeriodPrice(basePrice, p);
                    var adder = hasTiers ? tariff.TierAdders[t] : 0m;
                    var unitPrice = periodPrice + adder;
                    baseAmount += kwh * basePrice;
                    touAmount += kwh * (periodPrice - basePrice);
                    tierAmount += kwh * adder;
                    var code = "energy" + (hasTiers ? $".t{t + 1}" : "") + (hasTou ? "." + PeriodCode((TouPeriod)p) : "") + (g > 0 ? $".s{g}" : "");
                    lines.Add(new CalculatedBillLine(code, BillLineKind.Energy, "Tariff.Line.Energy", kwh, "kWh", unitPrice,
                        new Money(kwh * unitPrice).RoundToFen(), hasTou ? (TouPeriod)p : null, hasTiers ? t + 1 : null));
                }
        }
        var totalKwh = totalWh / 1000m;
        var maxDemandKw = maxDemandW / 1000m;

        if (pkg.Basic is { } basic)
        {
            if (basic.Method == BasicChargeMethod.Capacity)
            {
                var qty = profile.ContractedCapacityKva * months;
                lines.Add(new CalculatedBillLine("basic.capacity", BillLineKind.BasicCapacity, "Tariff.Line.BasicCapacity", qty, "kVA·month",
                    basic.Price, new Money(qty * basic.Price).RoundToFen()));
            }
            else
            {
                if (declaredDemandKw is { } declared) DemandBilling.EnsureDeclarationAllowed(basic, declared, profile.ContractedCapacityKva);
                var billable = DemandBilling.Determine(basic, declaredDemandKw, maxDemandKw);
                var qty = billable.NormalKw * months;
                lines.Add(new CalculatedBillLine("basic.demand", BillLineKind.BasicDemand, "Tariff.Line.BasicDemand", qty, "kW·month",
                    basic.Price, new Money(qty * basic.Price).RoundToFen()));
                if (billable.ExcessKw > 0)
                {
                    var excessQty = billable.ExcessKw * months;
                    var excessPrice = basic.Price * basic.ExcessPriceMultiplier;
                    lines.Add(new CalculatedBillLine("basic.demand.excess", BillLineKind.BasicDemandExcess, "Tariff.Line.BasicDemandExcess",
                        excessQty, "kW·month", excessPrice, new Money(excessQty * excessPrice).RoundToFen()));
                }
            }
        }

        var subtotal = Money.Sum(lines.Select(l => l.Amount));

        decimal? measuredPf = null;
        if (reactiveDays > 0) measuredPf = PowerFactorTables.RoundedPfHundredths(pfActiveWh / 1000m, pfVarh / 1000m) / 100m;
        PowerFactorAdjustment? pfAdjustment = null;
        if (pkg.PowerFactor is { } rule && (rule.Standard ?? PowerFactorTables.StandardFor(profile)) is { } standard)
        {
            if (measuredPf is { } pf)
            {
                var percent = PowerFactorTables.AdjustmentPercent(standard, (int)(pf * 100m));
                var amount = new Money(subtotal.Yuan * percent / 100m).RoundToFen();
                pfAdjustment = new PowerFactorAdjustment(standard, pf, percent, subtotal, amount);
                lines.Add(new CalculatedBillLine("powerFactor", BillLineKind.PowerFactor, "Tariff.Line.PowerFactor", subtotal.Yuan, "CNY",
                    percent / 100m, amount));
            }
            else notes.Add("Bill.PowerFactorNoReactiveData");
        }

        if (pkg.FixedMonthlyFee > 0)
            lines.Add(new CalculatedBillLine("fixedFee", BillLineKind.FixedFee, "Tariff.Line.FixedFee", months, "month", pkg.FixedMonthlyFee,
                new Money(months * pkg.FixedMonthlyFee).RoundToFen()));
        if (pkg.GreenPremiumPerKwh > 0)
            lines.Add(new CalculatedBillLine("greenPremium", BillLineKind.GreenPremium, "Tariff.Line.GreenPremium", totalKwh, "kWh", pkg.GreenPremiumPerKwh,
                new Money(totalKwh * pkg.GreenPremiumPerKwh).RoundToFen()));
        foreach (var s in pkg.Surcharges)
            lines.Add(new CalculatedBillLine("surcharge." + s.Code, BillLineKind.Surcharge, "Tariff.Line.Surcharge", totalKwh, "kWh", s.PricePerKwh,
                new Money(totalKwh * s.PricePerKwh).RoundToFen()));

        if (usage.EstimatedIntervals > 0) notes.Add("Bill.EstimatedIntervals");
        if (!pkg.IsEligibleFor(profile)) notes.Add("Bill.NotEligible");

        var highestTier = 0;
        for (var t = 0; t < kwhByTier.Length; t++) if (kwhByTier[t] > 0) highestTier = t + 1;

        return new CalculatedBill
        {
            PackageCode = pkg.Code,
            PackageVersion = pkg.Version,
            Period = period,
            Lines = lines,
            Subtotal = subtotal,
            Total = Money.Sum(lines.Select(l => l.Amount)),
            TotalKwh = totalKwh,
            KwhByPeriod = hasTou
                ? pkg.Energy.TimeOfUse!.Rates.Select(r => r.Period).Distinct().Order().Select(p => new PeriodKwh(p, kwhByPeriod[(int)p])).ToList()
                : [],
            KwhByTier = hasTiers ? kwhByTier.Select((k, t) => new TierKwh(t + 1, k)).ToList() : [],
            HighestTier = hasTiers ? highestTier : 0,
            TierKwhAfter = cum / 1000m,
            EnergyComponents = new EnergyComponents(baseAmount, touAmount, tierAmount),
            Seasons = seasons,
            MaxDemandKw = maxDemandKw,
            DeclaredDemandKw = declaredDemandKw,
            PowerFactor = measuredPf,
            PfActiveKwh = pfActiveWh / 1000m,
            PfReactiveKvarh = pfVarh / 1000m,
            PfHours = reactiveDays * 24m,
            PowerFactorAdjustment = pfAdjustment,
            EstimatedIntervals = usage.EstimatedIntervals,
            UpstreamEstimatedIntervals = usage.UpstreamEstimatedIntervals,
            ExpectedIntervals = usage.ExpectedIntervals,
            Estimation = usage.Estimation,
            Notes = notes,
        };
    }

    internal static string PeriodCode(TouPeriod p) => p switch
    {
        TouPeriod.CriticalPeak => "criticalPeak",
        TouPeriod.Peak => "peak",
        TouPeriod.Flat => "flat",
        TouPeriod.Valley => "valley",
        _ => "deepValley",
    };

    /// <summary>Index of the tier the next Wh falls in: the first band whose bound the cumulative has not reached.</summary>
    private static int TierOf(long[] bounds, long cum)
    {
        var t = 0;
        while (t < bounds.Length && cum >= bounds[t]) t++;
        return t;
    }

    private static void AddChronologically(long[] buckets, int offset, long[] bounds, ref long cum, ref int tier, int period, long wh)
    {
        while (wh > 0)
        {
            var take = tier == bounds.Length ? wh : Math.Min(wh, bounds[tier] - cum);
            buckets[offset + tier * Periods + period] += take;
            cum += take;
            wh -= take;
            if (tier < bounds.Length && cum >= bounds[tier]) tier++;
        }
    }

    private static void SpreadOverSlots(sbyte[] slotMap, int interval, int slotsPerInterval, int wh, Span<long> perPeriod)
    {
        var part = wh / slotsPerInterval;
        var rest = wh - part * slotsPerInterval;
        for (var j = 0; j < slotsPerInterval; j++)
            perPeriod[slotMap[interval * slotsPerInterval + j]] += part + (j == 0 ? rest : 0);
    }
}
