using Portal.Domain.Accounts;

namespace Portal.Domain.Tariffs;

/// <summary>
/// Power-factor adjustment tables (功率因数调整电费). Work in hundredths: the power factor is rounded half-up to
/// 0.01 before the lookup, so each table is a function of an integer p = PF × 100 and a standard S (90, 85, 80).
/// A positive result is a surcharge in percent of (basic + energy charge), a negative one a reduction.
/// <para>
/// Penalty side (p &lt; S), the 0.90 rule of DOMAIN.md shifted to the standard, d = S − p:
/// d ≤ 20 → +0.5% × d; 21 ≤ d ≤ 25 → +10% + 1% × (d − 20); d ≥ 26 → +15% + 2% × (d − 25).
/// So 0.85: 0.65–0.84 +0.5%/step, 0.60–0.64 +10% +1%/step, ≤ 0.59 +15% +2%/step;
///    0.80: 0.60–0.79 +0.5%/step, 0.55–0.59 +10% +1%/step, ≤ 0.54 +15% +2%/step.
/// </para>
/// <para>
/// Reward side (p ≥ S): −0.1% per 0.01 from S up to 0.90, then −0.15% per 0.01 above 0.90, capped at the
/// table's best band: 0.90 → −0.75% from 0.95; 0.85 → −1.10% from 0.94; 0.80 → −1.30% from 0.92.
/// For S = 0.90 this is exactly DOMAIN.md's rule (−0.15%/step, −0.75% from 0.95). For 0.85 and 0.80 it follows
/// the national tables of the 1983 measures (〔83〕水电财字第215号) rather than a pure shift of the 0.90 reward
/// side, because that is what utilities bill (a pure shift would cap 0.85 at −0.75% from 0.90).
/// </para>
/// </summary>
public static class PowerFactorTables
{
    /// <summary>Adjustment in percent (e.g. 0.5 = +0.5%) for an already-rounded power factor in hundredths.</summary>
    public static decimal AdjustmentPercent(PowerFactorStandard standard, int pfHundredths)
    {
        if (pfHundredths is < 0 or > 100)
            throw new Common.DomainException("Tariff.PowerFactorRange", $"Power factor {pfHundredths / 100m} is outside 0–1.");
        var s = (int)standard;
        if (pfHundredths < s)
        {
            var d = s - pfHundredths;
            return d <= 20 ? 0.5m * d : d <= 25 ? 10m + (d - 20) : 15m + 2m * (d - 25);
        }
        var best = BestPfHundredths(standard);
        var p = Math.Min(pfHundredths, best);
        var upTo90 = Math.Min(p, 90) - s;
        var above90 = Math.Max(0, p - 90);
        return -(0.1m * upTo90 + 0.15m * above90);
    }

    /// <summary>Adjustment in percent for an exact power factor (rounded half-up to 0.01 first).</summary>
    public static decimal AdjustmentPercent(PowerFactorStandard standard, decimal powerFactor) =>
        AdjustmentPercent(standard, (int)Math.Round(powerFactor * 100m, 0, MidpointRounding.AwayFromZero));

    /// <summary>The lowest power factor (hundredths) that earns the table's largest reduction.</summary>
    public static int BestPfHundredths(PowerFactorStandard standard) => standard switch
    {
        PowerFactorStandard.Pf90 => 95,
        PowerFactorStandard.Pf85 => 94,
        PowerFactorStandard.Pf80 => 92,
        _ => throw new ArgumentOutOfRangeException(nameof(standard)),
    };

    /// <summary>
    /// PF = kWh / √(kWh² + kvarh²) rounded half-up to hundredths, decided exactly: decimal has no square root,
    /// so the double estimate is corrected by comparing squares in decimal (PF ≥ t ⇔ kWh² ≥ t²(kWh² + kvarh²)),
    /// which keeps a PF of exactly 0.945 in the 0.95 band.
    /// </summary>
    public static int RoundedPfHundredths(decimal kwh, decimal kvarh)
    {
        if (kwh < 0 || kvarh < 0) throw new Common.DomainException("Tariff.PowerFactorInput", "Energy cannot be negative.");
        if (kwh == 0) return kvarh == 0 ? 100 : 0;
        var a2 = kwh * kwh;
        var s2 = a2 + kvarh * kvarh;
        var h = (int)Math.Round(Math.Sqrt((double)(a2 / s2)) * 100, MidpointRounding.AwayFromZero);
        // PF ≥ (2h − 1)/200 ⇔ 40000·a² ≥ (2h − 1)²·s²
        static bool AtLeastHalfBelow(int h, decimal a2, decimal s2) => 40000m * a2 >= (2m * h - 1) * (2m * h - 1) * s2;
        while (h > 0 && !AtLeastHalfBelow(h, a2, s2)) h--;
        while (h < 100 && AtLeastHalfBelow(h + 1, a2, s2)) h++;
        return h;
    }

    /// <summary>
    /// Which table applies to an account when the package does not force one (DOMAIN.md): business supplies
    /// ≥ 100 kVA only; 0.90 for high-voltage (≥ 1 kV) supplies ≥ 160 kVA — the profile cannot tell industrial
    /// from commercial, so all high-voltage business counts as industrial here; 0.85 for the other ≥ 100 kVA.
    /// Agriculture (0.80) is not a customer type: an agricultural package sets its standard explicitly.
    /// </summary>
    public static PowerFactorStandard? StandardFor(AccountProfile profile)
    {
        if (!profile.IsBusiness || profile.ContractedCapacityKva < 100m) return null;
        return profile.Voltage != VoltageLevel.Low && profile.ContractedCapacityKva >= 160m
            ? PowerFactorStandard.Pf90
            : PowerFactorStandard.Pf85;
    }
}
