using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Components.Shared;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Resources;

namespace Portal.Features.Statements;

/// <summary>The words of a statement, shared by the PDF and the HTML twin so both say the same thing.</summary>
public static class StatementText
{
    public static string Period(IStringLocalizer<SharedResource> l, TouPeriod p) => l["Statement.Tou." + p];

    public static string Tier(IStringLocalizer<SharedResource> l, int tier) => l["Statement.Tier", tier];

    public static string PackageName(IStringLocalizer<SharedResource> l, string code)
    {
        var s = l["Statement.Package." + code];
        return s.ResourceNotFound ? code : s.Value;
    }

    public static string Channel(IStringLocalizer<SharedResource> l, string channel)
    {
        var s = l["Statement.Channel." + channel];
        return s.ResourceNotFound ? channel : s.Value;
    }

    public static string Line(IStringLocalizer<SharedResource> l, StatementLine line)
    {
        var text = line.Kind switch
        {
            StatementLineKind.Energy => l["Statement.Line.Energy"].Value,
            StatementLineKind.Surcharge => l["Statement.Line.Surcharge", line.Detail ?? ""].Value,
            _ => l["Statement.Line." + line.Kind].Value,
        };
        var parts = new List<string>(3);
        if (line.Tier is { } t) parts.Add(Tier(l, t));
        if (line.Period is { } p) parts.Add(Period(l, p));
        if (line.Season is { } s) parts.Add(l["Statement.Season", s]);
        return parts.Count == 0 ? text : $"{text} · {string.Join(" · ", parts)}";
    }

    public static string Quantity(StatementLine line) => line.Unit switch
    {
        "kWh" => Format.BilledKwh(line.Quantity),
        "CNY" => line.Quantity.ToString("#,##0.00", CultureInfo.CurrentCulture),
        _ => line.Quantity.ToString("#,##0.##", CultureInfo.CurrentCulture),
    };

    public static string Unit(IStringLocalizer<SharedResource> l, StatementLine line) => line.Unit switch
    {
        "kWh" => "kWh",
        "CNY" => l["Statement.Unit.Base"],
        "month" => l["Statement.Unit.Month"],
        "kW·month" => l["Statement.Unit.KwMonth"],
        "kVA·month" => l["Statement.Unit.KvaMonth"],
        _ => line.Unit,
    };

    /// <summary>Unit prices keep up to 4 decimals (¥0.5680/kWh); the power-factor rate is a percentage.</summary>
    public static string UnitPrice(StatementLine line) => line.Kind == StatementLineKind.PowerFactor
        ? (line.UnitPrice * 100m).ToString("+0.##;-0.##;0", CultureInfo.CurrentCulture) + "%"
        : "¥" + line.UnitPrice.ToString("#,##0.00##", CultureInfo.CurrentCulture);

    public static string Tip(IStringLocalizer<SharedResource> l, StatementTip tip) => tip.Kind switch
    {
        StatementTipKind.SwitchPackage => l["Statement.Tip.SwitchPackage", PackageName(l, tip.PackageCode ?? ""), Format.Money(tip.Amount ?? 0)],
        StatementTipKind.TierReached => l["Statement.Tip.TierReached", tip.Tier ?? 2],
        StatementTipKind.ShiftToValley => l["Statement.Tip.ShiftToValley", tip.Percent ?? 0],
        StatementTipKind.UsageUp => l["Statement.Tip.UsageUp", tip.Percent ?? 0],
        StatementTipKind.UsageDown => l["Statement.Tip.UsageDown", tip.Percent ?? 0],
        _ => l["Statement.Tip.General"],
    };

    public static string Period(StatementDocument d) => $"{Format.Date(d.PeriodStart)} – {Format.Date(d.PeriodLastDay)}";

    public static string FileName(string accountNumber, DateOnly periodStart, int revision) =>
        "statement-" + accountNumber + "-" + periodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        + (revision > 1 ? "-r" + revision.ToString(CultureInfo.InvariantCulture) : "") + ".pdf";
}
