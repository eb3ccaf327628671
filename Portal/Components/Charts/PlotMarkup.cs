using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Components.Charts;

/// <summary>
/// Writes a whole chart as one HTML/SVG string, so the server keeps one markup frame per chart instead of a component
/// (and event handlers) per point. Geometry lives in an SVG stretched to the plot (viewBox: one unit per category, 0–100
/// for values; strokes do not scale); every piece of text — ticks, category labels, unit, legend — is HTML at a real
/// 12 px, so it reads the same on a 390 px phone and a 1366 px screen. Native &lt;title&gt; elements give hover tooltips.
/// </summary>
public static partial class PlotMarkup
{
    /// <summary>The brand palette in an order that stays distinguishable with the common colour-vision deficiencies (blue, amber first).</summary>
    public static readonly string[] Palette = ["#1f5f99", "#ad5300", "#0b6e4f", "#4b3f8f", "#8e1b1b", "#5b6b67"];

    /// <summary>A lighter blue-grey for a comparison series such as "a year earlier".</summary>
    public const string Muted = "#8fa9bf";

    private static CultureInfo C => CultureInfo.CurrentCulture;

    /// <summary>True when the spec has at least one finite value to draw.</summary>
    public static bool HasData(PlotSpec spec) =>
        spec.Labels.Count > 0 && spec.Series.Any(s => s.Values.Any(v => v is { } x && double.IsFinite(x)));

    /// <summary>A value with its unit in the current culture: ¥1,234 · 1,234 kWh · 85.0%.</summary>
    public static string Value(double value, string unit, int decimals)
    {
        var number = value.ToString("#,##0" + (decimals > 0 ? "." + new string('0', decimals) : ""), C);
        return unit switch
        {
            "" => number,
            "¥" => value < 0 ? "−¥" + number.TrimStart('-') : "¥" + number,
            "%" => number + "%",
            _ => number + " " + unit,
        };
    }

    /// <summary>The chart's markup; <paramref name="summaryTemplate"/> is "{0} series, {1} highest value, {2} its label, {3} lowest, {4} its label".</summary>
    public static string Render(PlotSpec spec, string summaryTemplate = "{0}: {1} ({2}) … {3} ({4})")
    {
        var sb = new StringBuilder(4096);
        var values = Values(spec);
        var scale = spec.Kind == PlotKind.StackedBar
            ? PlotScale.For(StackTotals(spec, positive: true).Concat(StackTotals(spec, positive: false)), spec.Min, spec.Max)
            : PlotScale.For(values.SelectMany(v => v).Select(v => v ?? double.NaN), spec.Min, spec.Max);
        var summary = spec.Summary.Length > 0 ? spec.Summary : Summary(spec, summaryTemplate);
        sb.Append("<div class=\"pm-chart pm-chart-").Append(spec.Kind == PlotKind.HorizontalBar ? "h" : "v")
          .Append("\" role=\"img\" aria-label=\"").Append(E(summary)).Append("\" data-chart-kind=\"").Append(spec.Kind.ToString().ToLowerInvariant()).Append("\">");
        if (spec.Kind == PlotKind.HorizontalBar) Horizontal(sb, spec, values, scale);
        else Vertical(sb, spec, values, scale);
        Legend(sb, spec, values);
        sb.Append("</div>");
        return sb.ToString();
    }

    // Each series' values, one per label, with NaN/infinity read as "no data" and missing trailing values padded as null.
    private static double?[][] Values(PlotSpec spec) =>
        spec.Series.Select(s => Enumerable.Range(0, spec.Labels.Count)
            .Select(i => i < s.Values.Count && s.Values[i] is { } v && double.IsFinite(v) ? v : (double?)null).ToArray()).ToArray();

    private static IEnumerable<double> StackTotals(PlotSpec spec, bool positive)
    {
        var values = Values(spec);
        return Enumerable.Range(0, spec.Labels.Count).Select(i => values.Sum(s => s[i] is { } v && (v >= 0) == positive ? v : 0));
    }

    private static void Vertical(StringBuilder sb, PlotSpec spec, double?[][] values, PlotScale scale)
    {
        var n = spec.Labels.Count;
        var tickDecimals = scale.Decimals;
        var tickLabels = scale.Ticks.Select(t => Value(t, spec.Unit == "%" ? "%" : spec.Unit == "¥" ? "¥" : "", tickDecimals)).ToList();
        var axisPx = Math.Ceiling(Math.Max(24, tickLabels.Max(LabelThinning.WidthPx)) + 8);
        sb.Append("<div class=\"pm-chart-unit\" style=\"--pm-chart-yw:").Append(N(axisPx)).Append("px\">").Append(E(UnitCaption(spec.Unit))).Append("</div>");
        sb.Append("<div class=\"pm-chart-frame\" style=\"height:").Append(Math.Clamp(spec.Height, 80, 600)).Append("px;--pm-chart-yw:").Append(N(axisPx)).Append("px\">");
        sb.Append("<div class=\"pm-chart-yaxis\">");
        for (var t = 0; t < scale.Ticks.Count; t++)
            sb.Append("<span class=\"pm-chart-tick\" style=\"bottom:").Append(N(scale.Fraction(scale.Ticks[t]) * 100)).Append("%\">").Append(E(tickLabels[t])).Append("</span>");
        sb.Append("</div><div class=\"pm-chart-plot\"><svg viewBox=\"0 0 ").Append(n).Append(" 100\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
        double Y(double v) => 100 - scale.Fraction(v) * 100;
        sb.Append("<g class=\"pm-chart-grid\">");
        foreach (var t in scale.Ticks)
            sb.Append("<line x1=\"0\" x2=\"").Append(n).Append("\" y1=\"").Append(N(Y(t))).Append("\" y2=\"").Append(N(Y(t)))
              .Append(t == 0 ? "\" class=\"pm-chart-zero\"" : "\"").Append(" vector-effect=\"non-scaling-stroke\"/>");
        sb.Append("</g>");
        var tips = spec.TooltipLabels is { } tl && tl.Count == n ? tl : spec.Labels;
        string Tip(int i, int s, double v) =>
            tips[i] + " · " + spec.Series[s].Name + ": " + Value(v, spec.Unit, spec.Decimals) + (IsPartial(spec, i, s) && spec.PartialNote is { } note ? " (" + note + ")" : "");
        switch (spec.Kind)
        {
            case PlotKind.Bar:
                {
                    var count = Math.Max(1, values.Length);
                    var band = count == 1 ? 0.6 : 0.78;
                    var w = band / count;
                    // One group per series carries the class and the colour once, not once per bar (issue 20: the batch).
                    for (var s = 0; s < values.Length; s++)
                    {
                        BarsOpen(sb, Color(spec, s));
                        for (var i = 0; i < n; i++)
                            if (values[s][i] is { } v)
                                Bar(sb, i + (1 - band) / 2 + s * w, w, Y(Math.Max(v, 0)), Y(Math.Min(v, 0)), Color(spec, s), IsPartial(spec, i, s), Tip(i, s, v));
                        sb.Append("</g>");
                    }
                    break;
                }
            case PlotKind.StackedBar:
                {
                    const double w = 0.64;
                    var up = new double[n];
                    var down = new double[n];
                    for (var s = 0; s < values.Length; s++)
                    {
                        BarsOpen(sb, Color(spec, s));
                        for (var i = 0; i < n; i++)
                        {
                            if (values[s][i] is not { } v || v == 0) continue;
                            var from = v > 0 ? up[i] : down[i];
                            var to = from + v;
                            if (v > 0) up[i] = to; else down[i] = to;
                            Bar(sb, i + (1 - w) / 2, w, Y(Math.Max(from, to)), Y(Math.Min(from, to)), Color(spec, s), IsPartial(spec, i, s), Tip(i, s, v));
                        }
                        sb.Append("</g>");
                    }
                    break;
                }
            case PlotKind.Line:
                for (var s = 0; s < values.Length; s++) Line(sb, values[s], spec.Partial, Color(spec, s), Y);
                // One hover target per category with every series' value at that point; the group carries the class
                // once and each target only its column (y defaults to 0): the 96-point load curve has 96 of them.
                sb.Append("<g class=\"pm-chart-hits\">");
                for (var i = 0; i < n; i++)
                {
                    var parts = Enumerable.Range(0, values.Length).Where(s => values[s][i] is not null)
                        .Select(s => spec.Series[s].Name + ": " + Value(values[s][i]!.Value, spec.Unit, spec.Decimals)).ToList();
                    if (parts.Count == 0) continue;
                    sb.Append("<rect x=\"").Append(i).Append("\" width=\"1\" height=\"100\"><title>")
                      .Append(T(tips[i] + " · " + string.Join("; ", parts) + (spec.Partial.Contains(i) && spec.PartialNote is { } note ? " (" + note + ")" : "")))
                      .Append("</title></rect>");
                }
                sb.Append("</g>");
                break;
        }
        sb.Append("</svg></div></div>");
        var plan = LabelThinning.Plan(spec.Labels);
        sb.Append("<div class=\"pm-chart-xaxis\" style=\"--pm-chart-yw:").Append(N(axisPx)).Append("px;grid-template-columns:repeat(").Append(n).Append(",minmax(0,1fr))\">");
        for (var i = 0; i < n; i++)
        {
            if (plan[i] == 3) { sb.Append("<span></span>"); continue; }
            sb.Append("<span class=\"pm-chart-t").Append(plan[i]).Append(spec.Partial.Contains(i) ? " pm-chart-xpartial" : "").Append("\">").Append(E(spec.Labels[i])).Append("</span>");
        }
        sb.Append("</div>");
    }

    private static bool IsPartial(PlotSpec spec, int i, int s) => spec.Partial.Contains(i) && (spec.PartialSeries is null || spec.PartialSeries.Contains(s));

    private static void Bar(StringBuilder sb, double x, double w, double top, double bottom, string color, bool partial, string tip)
    {
        var h = Math.Max(bottom - top, 0.4);   // a true zero still shows as a hairline, unlike a missing value
        // The fill comes from the series' group (BarsOpen); values are in 0–100 of the plot's height, so two decimals
        // are a fiftieth of a pixel on a 600 px chart.
        sb.Append("<rect").Append(partial ? " class=\"pm-chart-partial\"" : "").Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N2(Math.Min(top, 100 - h)))
          .Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N2(h)).Append('"');
        if (partial) sb.Append(" stroke=\"").Append(color).Append("\" stroke-dasharray=\"4 3\" vector-effect=\"non-scaling-stroke\"");
        sb.Append("><title>").Append(T(tip)).Append("</title></rect>");
    }

    private static void BarsOpen(StringBuilder sb, string color) =>
        sb.Append("<g class=\"pm-chart-bars\" fill=\"").Append(color).Append("\">");

    // Runs of consecutive values are one path; a segment that reaches a period still under way is dashed; a gap stays a gap.
    private static void Line(StringBuilder sb, double?[] values, IReadOnlySet<int> partial, string color, Func<double, double> y)
    {
        var solid = new StringBuilder();
        var dashed = new StringBuilder();
        StringBuilder? previous = null;   // the path the segment ending at point i - 1 went to: a run goes on without a new M
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] is not { } a || values[i] is not { } b) { previous = null; continue; }
            var target = partial.Contains(i) || partial.Contains(i - 1) ? dashed : solid;
            // One M per run, not per segment (issue 20: the 96-point load curve's markup halves, in the page and in its circuit).
            if (!ReferenceEquals(target, previous)) target.Append('M').Append(N(i - 0.5)).Append(' ').Append(N(y(a)));
            target.Append('L').Append(N(i + 0.5)).Append(' ').Append(N(y(b)));
            previous = target;
        }
        if (solid.Length > 0)
            sb.Append("<path class=\"pm-chart-line\" d=\"").Append(solid).Append("\" stroke=\"").Append(color).Append("\" vector-effect=\"non-scaling-stroke\"/>");
        if (dashed.Length > 0)
            sb.Append("<path class=\"pm-chart-line pm-chart-partial\" d=\"").Append(dashed).Append("\" stroke=\"").Append(color).Append("\" stroke-dasharray=\"5 4\" vector-effect=\"non-scaling-stroke\"/>");
        // Markers where they can be told apart (a month series), and always for a value with no neighbour.
        var dots = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } v) continue;
            var alone = (i == 0 || values[i - 1] is null) && (i == values.Length - 1 || values[i + 1] is null);
            if (values.Length <= 36 || alone) dots.Append('M').Append(N(i + 0.5)).Append(' ').Append(N(y(v))).Append("h0");
        }
        if (dots.Length > 0)
            sb.Append("<path class=\"pm-chart-dot\" d=\"").Append(dots).Append("\" stroke=\"").Append(color).Append("\" vector-effect=\"non-scaling-stroke\"/>");
    }

    private static void Horizontal(StringBuilder sb, PlotSpec spec, double?[][] values, PlotScale scale)
    {
        var n = spec.Labels.Count;
        var intervals = Math.Max(1, scale.Ticks.Count - 1);
        var zero = scale.Fraction(0) * 100;
        var tips = spec.TooltipLabels is { } tl && tl.Count == n ? tl : spec.Labels;
        sb.Append("<div class=\"pm-chart-hgrid\" style=\"--pm-chart-gs:").Append(N(100.0 / intervals)).Append("%\">");
        for (var i = 0; i < n; i++)
        {
            sb.Append("<div class=\"pm-chart-hlabel").Append(spec.Partial.Contains(i) ? " pm-chart-xpartial" : "").Append("\">").Append(E(spec.Labels[i])).Append("</div><div class=\"pm-chart-hcell\">");
            for (var s = 0; s < values.Length; s++)
            {
                sb.Append("<div class=\"pm-chart-hrow\">");
                if (values[s][i] is { } v)
                {
                    var left = scale.Fraction(Math.Min(v, 0)) * 100;
                    var width = Math.Max(scale.Fraction(Math.Max(v, 0)) * 100 - left, 0.3);
                    var partial = spec.Partial.Contains(i);
                    var tip = tips[i] + " · " + spec.Series[s].Name + ": " + Value(v, spec.Unit, spec.Decimals) + (partial && spec.PartialNote is { } note ? " (" + note + ")" : "");
                    sb.Append("<span class=\"pm-chart-hbar").Append(partial ? " pm-chart-partial" : "").Append("\" title=\"").Append(E(tip)).Append("\" style=\"margin-left:").Append(N(left))
                      .Append("%;width:").Append(N(width)).Append("%;background:").Append(Color(spec, s)).Append(";color:").Append(Color(spec, s)).Append("\"></span>")
                      .Append("<span class=\"pm-chart-hval\">").Append(E(Value(v, spec.Unit, spec.Decimals))).Append("</span>");
                }
                else sb.Append("<span class=\"pm-chart-hval\" style=\"margin-left:").Append(N(zero)).Append("%\">—</span>");
                sb.Append("</div>");
            }
            sb.Append("</div>");
        }
        sb.Append("<div class=\"pm-chart-hunit\">").Append(E(UnitCaption(spec.Unit))).Append("</div><div class=\"pm-chart-haxis\">");
        // Tick labels thin out on a narrow chart like a vertical chart's category labels (a phone shows every 2nd or 3rd).
        var ticks = scale.Ticks.Select(t => Value(t, spec.Unit is "%" or "¥" ? spec.Unit : "", scale.Decimals)).ToList();
        var plan = LabelThinning.Plan(ticks, LabelThinning.TierHorizontalAxisPx);
        for (var t = 0; t < ticks.Count; t++)
            sb.Append("<span class=\"pm-chart-tick pm-chart-t").Append(plan[t]).Append("\" style=\"left:").Append(N(scale.Fraction(scale.Ticks[t]) * 100)).Append("%\">")
              .Append(E(ticks[t])).Append("</span>");
        sb.Append("</div></div>");
    }

    private static void Legend(StringBuilder sb, PlotSpec spec, double?[][] values)
    {
        var partialShown = spec.PartialNote is not null && spec.Partial.Any(i => values.Any(s => i < s.Length && s[i] is not null));
        if (!spec.ShowLegend && !partialShown) return;
        sb.Append("<ul class=\"pm-chart-legend\">");
        if (spec.ShowLegend)
            for (var s = 0; s < spec.Series.Count; s++)
                sb.Append("<li><span class=\"pm-chart-key").Append(spec.Kind == PlotKind.Line ? " pm-chart-key-line" : "").Append("\" style=\"background:").Append(Color(spec, s))
                  .Append("\"></span>").Append(E(spec.Series[s].Name)).Append("</li>");
        if (partialShown)
            sb.Append("<li><span class=\"pm-chart-key pm-chart-key-partial").Append(spec.Kind == PlotKind.Line ? " pm-chart-key-line" : "").Append("\"></span>").Append(E(spec.PartialNote!)).Append("</li>");
        sb.Append("</ul>");
    }

    private static string Summary(PlotSpec spec, string template)
    {
        var values = Values(spec);
        var points = values.SelectMany((s, si) => s.Select((v, i) => (v, i, si))).Where(p => p.v is not null).ToList();
        if (points.Count == 0) return string.Join(", ", spec.Series.Select(s => s.Name));
        var max = points.MaxBy(p => p.v!.Value);
        var min = points.MinBy(p => p.v!.Value);
        string Where((double? v, int i, int si) p) => (spec.Series.Count > 1 ? spec.Series[p.si].Name + " · " : "") + (spec.TooltipLabels is { } t && t.Count == spec.Labels.Count ? t : spec.Labels)[p.i];
        return string.Format(C, template, string.Join(", ", spec.Series.Select(s => s.Name)),
            Value(max.v!.Value, spec.Unit, spec.Decimals), Where(max), Value(min.v!.Value, spec.Unit, spec.Decimals), Where(min));
    }

    // ¥ and % are written on every tick; other units are named once above the axis.
    private static string UnitCaption(string unit) => unit is "¥" or "%" ? "" : unit;

    private static string Color(PlotSpec spec, int s) =>
        spec.Series[s].Color is { } c && SafeColor().IsMatch(c) ? c : Palette[s % Palette.Length];

    /// <summary>A number for an SVG/CSS attribute: invariant, at most three decimals, never NaN or infinity.</summary>
    internal static string N(double v) => double.IsFinite(v) ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "0";

    /// <summary>A plot coordinate (0–100) with at most two decimals.</summary>
    private static string N2(double v) => double.IsFinite(v) ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Element text (a tooltip's &lt;title&gt;): only &amp; and &lt; need escaping there, so "·", "¥" and the like stay
    /// one character instead of an entity such as &amp;#183; (WebUtility.HtmlEncode writes U+00A0–U+00FF as entities).
    /// </summary>
    internal static string T(string text) =>
        text.AsSpan().IndexOfAny('&', '<', '>') < 0 ? text : text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    [GeneratedRegex("^(#[0-9a-fA-F]{3,8}|var\\(--pm-[a-z-]+\\))$")]
    private static partial Regex SafeColor();
}
