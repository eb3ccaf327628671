namespace Portal.Components.Charts;

/// <summary>How a <see cref="PortalChart"/> draws its series.</summary>
public enum PlotKind
{
    /// <summary>Vertical bars, one per series side by side in each category (months, tariff periods).</summary>
    Bar,
    /// <summary>Vertical bars with the series stacked (daily complete/incomplete, time-of-use split).</summary>
    StackedBar,
    /// <summary>One line per series; a missing value is a gap.</summary>
    Line,
    /// <summary>Horizontal bars for named categories (packages, indicators, districts): long names stay readable on a phone.</summary>
    HorizontalBar,
}

/// <summary>One series: a name for the legend and one value per category; null is "no data" (never drawn as zero).</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<double?> Values, string? Color = null);

/// <summary>
/// Everything a chart shows. Labels are plain localized names (never codes); <see cref="Unit"/> appears on the value axis
/// and in every tooltip; categories in <see cref="Partial"/> are periods still under way (drawn lighter and dashed, with
/// <see cref="PartialNote"/> in the legend).
/// </summary>
public sealed record PlotSpec
{
    public PlotKind Kind { get; init; } = PlotKind.Bar;
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Longer labels for tooltips ("2026年3月" where the axis says "3月"); defaults to <see cref="Labels"/>.</summary>
    public IReadOnlyList<string>? TooltipLabels { get; init; }
    public IReadOnlyList<PlotSeries> Series { get; init; } = [];
    /// <summary>kWh, kW, ¥, %, 分 …; "¥" is written before the number, anything else after it.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Decimals shown in tooltips (ticks take the decimals their step needs).</summary>
    public int Decimals { get; init; }
    /// <summary>A fixed value axis (ratings 0–5, shares 0–100 %); otherwise it fits the data and includes zero.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlySet<int> Partial { get; init; } = new HashSet<int>();
    public string? PartialNote { get; init; }
    /// <summary>Which series the partial marking applies to (null: all); a year-earlier month is complete even when this one is not.</summary>
    public IReadOnlySet<int>? PartialSeries { get; init; }
    /// <summary>Plot height in CSS pixels (vertical kinds).</summary>
    public int Height { get; init; } = 220;
    /// <summary>The sentence a screen reader hears for the chart (role=img); the table twin gives every figure.</summary>
    public string Summary { get; init; } = "";
    /// <summary>The legend is left out for a single unnamed series when false.</summary>
    public bool ShowLegend { get; init; } = true;
}
