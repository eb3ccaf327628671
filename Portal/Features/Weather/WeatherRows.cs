using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Weather;

/// <summary>
/// One supply region's observed daily mean outdoor temperature (°C) on one date, e.g. a CMA station's daily mean as the
/// provincial meteorological bureau publishes it. One row per (region, date); a re-import replaces it.
/// </summary>
public sealed class RegionTemperatureRow
{
    public long Id { get; set; }
    /// <summary>The accounts' <c>Region</c> value (a supply region).</summary>
    public string Region { get; set; } = "";
    public DateOnly Date { get; set; }
    public double MeanC { get; set; }
    /// <summary>True when the bureau estimated (gap-filled) the day rather than measured it (the file's <c>quality</c> column).</summary>
    public bool Estimated { get; set; }
    /// <summary>Where it came from: "upload:&lt;file name&gt;", "feed", or "demo" (the demo's synthetic climatology).</summary>
    public string Source { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
    /// <summary>User name of the admin who imported it; "system" for the feed and the demo seed.</summary>
    public string ImportedBy { get; set; } = "";
}

public sealed class RegionTemperatureConfiguration : IEntityTypeConfiguration<RegionTemperatureRow>
{
    public const int MaxSourceLength = 200;

    public void Configure(EntityTypeBuilder<RegionTemperatureRow> b)
    {
        b.ToTable("RegionTemperatures");
        b.HasIndex(x => new { x.Region, x.Date }).IsUnique();
        b.HasIndex(x => x.ImportedAtUtc);
        b.Property(x => x.Region).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(MaxSourceLength);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
    }
}

/// <summary>
/// One supply region's published normal daily mean (°C) for one calendar day, e.g. from CMA's 1991–2020 daily normals of
/// its station. One row per (region, month, day); a region's normals are replaced whole by the next file for it.
/// </summary>
public sealed class RegionTemperatureNormalRow
{
    public long Id { get; set; }
    /// <summary>The accounts' <c>Region</c> value (a supply region).</summary>
    public string Region { get; set; } = "";
    public int Month { get; set; }
    public int Day { get; set; }
    public double NormalC { get; set; }
    /// <summary>What the normals are, as the admin named them on import: e.g. "CMA 1991–2020".</summary>
    public string Source { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
    /// <summary>User name of the admin who imported it; "system" for the demo seed.</summary>
    public string ImportedBy { get; set; } = "";
}

public sealed class RegionTemperatureNormalConfiguration : IEntityTypeConfiguration<RegionTemperatureNormalRow>
{
    public void Configure(EntityTypeBuilder<RegionTemperatureNormalRow> b)
    {
        b.ToTable("RegionTemperatureNormals");
        b.HasIndex(x => new { x.Region, x.Month, x.Day }).IsUnique();
        b.HasIndex(x => x.ImportedAtUtc);
        b.Property(x => x.Region).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(Domain.Weather.NormalsImport.MaxPeriodLength);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
    }
}
