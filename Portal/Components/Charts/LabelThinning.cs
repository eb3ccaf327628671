namespace Portal.Components.Charts;

/// <summary>
/// Which category labels fit under a vertical chart: every k-th non-empty label, k chosen so labels at 12 px never
/// overlap at the plot width assumed. One answer per container tier (phone, card, full width), so the markup can switch
/// by a CSS container query alone, with no script measuring the page.
/// </summary>
public static class LabelThinning
{
    /// <summary>The narrowest plot (CSS px) of each tier: a 390 px phone, a half-width card, a full-width card.</summary>
    public static readonly double[] TierPlotPx = [270, 440, 780];

    /// <summary>
    /// The narrowest value axis (CSS px) of a horizontal bar chart at each tier: the category labels and the room kept for
    /// the bar values take about 190 px of a phone's 330 px chart, so about 140 px remain for the axis there.
    /// </summary>
    public static readonly double[] TierHorizontalAxisPx = [140, 300, 620];

    private const double FontPx = 12, GapPx = 10;

    /// <summary>Estimated width of a label at 12 px: CJK characters are square, Latin about 0.62 em.</summary>
    public static double WidthPx(string label) =>
        label.Sum(c => c >= '\u2E80' ? FontPx : c == ' ' ? FontPx * 0.3 : FontPx * 0.62);

    /// <summary>
    /// Per label, the smallest tier (0 phone, 1 card, 2 full width) at which it is shown; 3 for never (an empty label).
    /// A label shown at a tier is shown at every wider tier.
    /// </summary>
    public static IReadOnlyList<int> Plan(IReadOnlyList<string> labels) => Plan(labels, TierPlotPx);

    /// <summary>The same plan for a plot of the given narrowest width per tier (phone, card, full width).</summary>
    public static IReadOnlyList<int> Plan(IReadOnlyList<string> labels, IReadOnlyList<double> tierPx)
    {
        var tiers = Enumerable.Repeat(3, labels.Count).ToArray();
        var shown = Enumerable.Range(0, labels.Count).Where(i => labels[i].Length > 0).ToList();
        if (shown.Count == 0) return tiers;
        // Labels the caller left empty still take their slot: the spacing of two shown labels is the average gap.
        var spacing = shown.Count > 1 ? (shown[^1] - shown[0]) / (double)(shown.Count - 1) : labels.Count;
        var widest = shown.Max(i => WidthPx(labels[i])) + GapPx;
        var previous = 1;
        for (var tier = tierPx.Count - 1; tier >= 0; tier--)
        {
            var slot = tierPx[tier] / labels.Count * spacing;
            var step = Math.Max(previous, (int)Math.Ceiling(widest / slot));
            step = (int)Math.Ceiling(step / (double)previous) * previous;   // a narrower tier shows a subset of the wider one's labels
            for (var k = 0; k < shown.Count; k += step) tiers[shown[k]] = tier;
            previous = step;
        }
        return tiers;
    }
}
