using System.Globalization;

namespace Portal.Components.Charts;

/// <summary>Short axis labels in the current culture; tooltips use the long forms in <see cref="Shared.Format"/>.</summary>
public static class ChartLabels
{
    private static bool IsZh => CultureInfo.CurrentCulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>"3月" / "Mar"; January also names its year ("2026年1月" / "Jan 26") so a 12-month axis shows where the year turns.</summary>
    public static string Month(DateOnly month, bool markYear = true) =>
        markYear && month.Month == 1
            ? month.ToString(IsZh ? "yy年M月" : "MMM yy", CultureInfo.CurrentCulture)
            : month.ToString(IsZh ? "M月" : "MMM", CultureInfo.CurrentCulture);

    /// <summary>"12/5" / "5 Dec".</summary>
    public static string Day(DateOnly day) => day.ToString(IsZh ? "M/d" : "d MMM", CultureInfo.CurrentCulture);
}
