using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Components.Shared;
using Portal.Domain.Tariffs;
using Portal.Resources;

namespace Portal.Features.Tariffs;

/// <summary>How tariff data reads on screen: bill lines from their code and description key, units, change reasons, problems.</summary>
public static class TariffText
{
    private static readonly Dictionary<string, TouPeriod> PeriodCodes = new(StringComparer.Ordinal)
    {
        ["criticalPeak"] = TouPeriod.CriticalPeak,
        ["peak"] = TouPeriod.Peak,
        ["flat"] = TouPeriod.Flat,
        ["valley"] = TouPeriod.Valley,
        ["deepValley"] = TouPeriod.DeepValley,
    };

    /// <summary>"Energy · Tier 2 · Peak" from the description key and the line code ("energy.t2.peak").</summary>
    public static string Line(IStringLocalizer<SharedResource> l, string code, string descriptionKey)
    {
        var parts = new List<string> { l[descriptionKey] };
        var segments = code.Split('.');
        if (segments[0] == "energy")
            foreach (var s in segments.Skip(1))
            {
                if (s.Length > 1 && s[0] == 't' && int.TryParse(s.AsSpan(1), out var tier)) parts.Add(l["Tariff.TierN", tier]);
                else if (PeriodCodes.TryGetValue(s, out var p)) parts.Add(Format.Enum(l, p));
                else if (s.Length > 1 && s[0] == 's') parts.Add(l["Tariff.SeasonalPrice"]);
            }
        else if (segments[0] == "surcharge" && segments.Length > 1) parts.Add(segments[1]);
        return string.Join(" · ", parts);
    }

    public static string Unit(IStringLocalizer<SharedResource> l, string unit) => unit switch
    {
        "kWh" => "kWh",
        "kVA·month" => l["Tariff.Unit.KvaMonth"],
        "kW·month" => l["Tariff.Unit.KwMonth"],
        "month" => l["Tariff.Unit.Month"],
        "CNY" => "¥",
        _ => unit,
    };

    /// <summary>A power-factor line's "unit price" is a fraction (−0.0075); other lines are ¥ per unit.</summary>
    public static string UnitPrice(string code, decimal unitPrice) =>
        code == "powerFactor" ? (unitPrice * 100m).ToString("+0.##;-0.##;0", CultureInfo.CurrentCulture) + "%" : "¥" + unitPrice.ToString("0.####", CultureInfo.CurrentCulture);

    public static string Reason(IStringLocalizer<SharedResource> l, BillChangeReason r)
    {
        string N(decimal? v, string format = "#,##0.###") => v?.ToString(format, CultureInfo.CurrentCulture) ?? "–";
        return r.Kind switch
        {
            BillChangeReasonKind.Days => l["BillChange.Days", N(r.Before), N(r.After)],
            BillChangeReasonKind.Usage => l["BillChange.Usage", r.Before is { } b ? Format.BilledKwh(b) : "–", r.After is { } a ? Format.BilledKwh(a) : "–"],
            BillChangeReasonKind.TariffChanged => l["BillChange.TariffChanged", N(r.Before, "0.0000"), N(r.After, "0.0000")],
            BillChangeReasonKind.SeasonalPrice => l["BillChange.SeasonalPrice", N(r.Before, "0.0000"), N(r.After, "0.0000")],
            BillChangeReasonKind.TierCrossed => l["BillChange.TierCrossed", N(r.Before), N(r.After)],
            BillChangeReasonKind.Rounding => l["BillChange.Rounding"],
            _ => l["BillChange." + r.Kind, Format.Money(r.Before ?? 0), Format.Money(r.After ?? 0)],
        };
    }

    /// <summary>A validator finding in the admin's language: the code's text with its arguments.</summary>
    public static string Problem(IStringLocalizer<SharedResource> l, TariffProblem p) =>
        l[p.Code, p.Args.Cast<object>().ToArray()];

    public static string PackageName(TariffPackage p) => BillsService.Localized(p.Name);

    /// <summary>The package's name in the reader's language; a code the catalogue does not know shows as itself.</summary>
    public static string PackageName(TariffCatalog catalog, string code) => catalog.TryGet(code, out var p) && p is not null ? PackageName(p) : code;
}
