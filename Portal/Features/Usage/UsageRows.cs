namespace Portal.Features.Usage;

/// <summary>The customer's usage alert thresholds for one account (set on the usage page).</summary>
public sealed class UsageAlertSettingRow
{
    public Guid AccountId { get; set; }
    public decimal? MonthlyKwhThreshold { get; set; }
    public decimal? MonthlyBillThreshold { get; set; }
    public bool TierAlerts { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>What the nightly refresh computed for one account: the cycle forecast, its load-shape segment and level.</summary>
public sealed class UsagePredictionRow
{
    public Guid AccountId { get; set; }
    public DateOnly CycleStart { get; set; }
    public DateOnly LastCompleteDay { get; set; }
    /// <summary>The cycle forecast; meaningful only when <see cref="BandSource"/> is set (with too little history it is null and the kWh figures 0).</summary>
    public double ForecastKwh { get; set; }
    public double ForecastLowKwh { get; set; }
    public double ForecastHighKwh { get; set; }
    public double NextCycleKwh { get; set; }
    public decimal? ForecastBill { get; set; }
    /// <summary>The ends of the bill band (the bill engine priced at the band's low and high kWh).</summary>
    public decimal? ForecastBillLow { get; set; }
    public decimal? ForecastBillHigh { get; set; }
    /// <summary>kWh of the cycle up to <see cref="LastCompleteDay"/> (gaps filled by the model).</summary>
    public double ToDateKwh { get; set; }
    public double NextCycleLowKwh { get; set; }
    public double NextCycleHighKwh { get; set; }
    /// <summary>How the band was found (<see cref="Portal.Domain.Usage.ForecastBandSource"/>); null when no forecast was stored.</summary>
    public int? BandSource { get; set; }
    public bool UsedLastYear { get; set; }
    /// <summary>The weather term moved the stored forecast (the region's temperatures; docs/adr/0006-forecasting.md, "In the product").</summary>
    public bool UsedWeather { get; set; }
    public int? Archetype { get; set; }
    public int? Cluster { get; set; }
    public int ConsumptionBand { get; set; }
    public decimal AnnualKwh { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>A raised usage alert. <see cref="DedupeKey"/> is unique, so a re-run cannot raise the same alert twice.</summary>
public sealed class UsageAlertRow
{
    public long Id { get; set; }
    public Guid AccountId { get; set; }
    public string DedupeKey { get; set; } = "";
    public int Kind { get; set; }
    public decimal Value { get; set; }
    public decimal Limit { get; set; }
    public bool ByBill { get; set; }
    public DateTime RaisedAtUtc { get; set; }
}

/// <summary>A trained k-means segment model (JSON from <see cref="Portal.Domain.Usage.SegmentModel.ToJson"/>); the newest row is in use.</summary>
public sealed class UsageSegmentModelRow
{
    public int Id { get; set; }
    public string Json { get; set; } = "";
    public int TrainedOnAccounts { get; set; }
    public DateTime TrainedAtUtc { get; set; }
}

/// <summary>One meter-data import (CLI or upload): its counts and the rejected rows as a CSV report.</summary>
public sealed class UsageImportRow
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string Source { get; set; } = "";
    public string? UserName { get; set; }
    public int AcceptedRows { get; set; }
    public int RejectedRows { get; set; }
    public int DaysWritten { get; set; }
    public int DaysUnchanged { get; set; }
    /// <summary>line,reason — one line per rejected row, in file order.</summary>
    public string RejectsCsv { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
}
