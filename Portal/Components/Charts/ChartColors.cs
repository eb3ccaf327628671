using Portal.Domain.Tariffs;

namespace Portal.Components.Charts;

/// <summary>Colours with a fixed meaning across pages.</summary>
public static class ChartColors
{
    /// <summary>The brand's time-of-use colours (theme.css --pm-tou-*), the same on every page that shows periods.</summary>
    public static string Tou(TouPeriod period) => period switch
    {
        TouPeriod.CriticalPeak => "#8e1b1b",
        TouPeriod.Peak => "#ad5300",
        TouPeriod.Flat => "#1f5f99",
        TouPeriod.Valley => "#0b6e4f",
        _ => "#4b3f8f",
    };
}
