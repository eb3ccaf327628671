using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Planning;

/// <summary>
/// One node of the planners' demand forecast (county, region, region × level, or cell region × level × customer type) as
/// the nightly <see cref="PlanningForecastJob"/> stored it; the page only reads these. kWh and kW are forecasts (double).
/// </summary>
public sealed class PlanningForecastRow
{
    /// <summary>"" county, "region", "region|level", "region|level|type" (<c>PlanningNode.Key</c>).</summary>
    public string Key { get; set; } = "";
    public int Depth { get; set; }
    public string? Region { get; set; }
    public int? Level { get; set; }
    public int? CustomerType { get; set; }
    public int Accounts { get; set; }
    /// <summary>The accounts' kWh over the last 12 complete months.</summary>
    public double AnnualKwh { get; set; }
    /// <summary>The first forecast month (the month after the last complete one).</summary>
    public DateOnly FirstTargetMonth { get; set; }
    public double Next1Kwh { get; set; }
    public double Next1LowKwh { get; set; }
    public double Next1HighKwh { get; set; }
    public double Next3Kwh { get; set; }
    public double Next3LowKwh { get; set; }
    public double Next3HighKwh { get; set; }
    public double Next1PeakKw { get; set; }
    public double Next1PeakLowKw { get; set; }
    public double Next1PeakHighKw { get; set; }
    public double Next3PeakKw { get; set; }
    public double Next3PeakLowKw { get; set; }
    public double Next3PeakHighKw { get; set; }
    /// <summary>The system peak hour of the last complete month (0–23, China time).</summary>
    public int PeakHour { get; set; }
    /// <summary>The smaller of the two horizons' backtest window counts (the three-month one, as a rule).</summary>
    public int BacktestWindows { get; set; }
    /// <summary>
    /// True when both bands come from the node's own backtest (at least <c>DemandForecaster.MinWindows</c> windows each);
    /// false when a band is pooled over the node's level (1 … 8 windows) or, with no window at all, the fixed spread.
    /// </summary>
    public bool BandFromBacktest { get; set; }
    /// <summary>Accounts per load-shape archetype, then unclassified (<c>SegmentMix.Format</c>).</summary>
    public string SegmentMix { get; set; } = "";
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>MAPE of one method at one node and horizon (1 = next month, 3 = the next three months' sum) over the backtest windows.</summary>
public sealed class PlanningBacktestRow
{
    public string Key { get; set; } = "";
    public int Horizon { get; set; }
    public int Method { get; set; }
    public double Mape { get; set; }
    public int Windows { get; set; }
}

public sealed class PlanningForecastConfiguration : IEntityTypeConfiguration<PlanningForecastRow>
{
    public void Configure(EntityTypeBuilder<PlanningForecastRow> b)
    {
        b.ToTable("PlanningForecasts");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Region).HasMaxLength(64);
        b.Property(x => x.SegmentMix).HasMaxLength(100);
    }
}

public sealed class PlanningBacktestConfiguration : IEntityTypeConfiguration<PlanningBacktestRow>
{
    public void Configure(EntityTypeBuilder<PlanningBacktestRow> b)
    {
        b.ToTable("PlanningBacktests");
        b.HasKey(x => new { x.Key, x.Horizon, x.Method });
        b.Property(x => x.Key).HasMaxLength(200);
    }
}
