using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Resources;

namespace Portal.Components.Shared;

/// <summary>Culture-aware formatting of money, energy and dates (¥1,234.50 · 1,234.5 kWh · 2026年11月 / Nov 2026).</summary>
public static class Format
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string Money(decimal yuan) => "¥" + yuan.ToString("#,##0.00", C);

    public static string Kwh(decimal kwh, int decimals = 1) => kwh.ToString("#,##0." + new string('0', decimals), C) + " kWh";

    /// <summary>
    /// Energy on a bill or statement, without the unit: two decimals, the resolution of the meter's energy register
    /// (DL/T 645 XXXXXX.XX kWh), so the bill page, the statement and its PDF print the same figure for the same kWh.
    /// </summary>
    public static string BilledKwh(decimal kwh) => kwh.ToString("#,##0.00", C);

    public static string Kw(decimal kw) => kw.ToString("#,##0.0", C) + " kW";

    public static string Date(DateOnly d) => d.ToString(C.Name.StartsWith("zh") ? "yyyy年M月d日" : "d MMM yyyy", C);

    public static string Month(DateOnly d) => d.ToString(C.Name.StartsWith("zh") ? "yyyy年M月" : "MMM yyyy", C);

    public static string DateTime(System.DateTime utc) =>
        utc.AddHours(8).ToString(C.Name.StartsWith("zh") ? "yyyy年M月d日 HH:mm" : "d MMM yyyy HH:mm", C);

    public static string Enum<T>(IStringLocalizer<SharedResource> l, T value) where T : struct, System.Enum =>
        l[$"{typeof(T).Name}.{value}"];
}
