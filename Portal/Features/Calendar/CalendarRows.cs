using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;

namespace Portal.Features.Calendar;

/// <summary>One exception to the Monday–Friday rule: a public holiday or a make-up working day (调休上班). One row per date.</summary>
public sealed class CalendarDayRow
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    /// <summary>The holiday it belongs to, e.g. 国庆节 (a make-up day carries the holiday it makes up for).</summary>
    public string Name { get; set; } = "";
    /// <summary>User name of the admin who last changed the day; "system" for the seed.</summary>
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>Whether a year's days are the State Council's published arrangement (official) or a provisional guess.</summary>
public sealed class CalendarYearRow
{
    public int Year { get; set; }
    public bool IsOfficial { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>
/// The calendar's version stamp, one row. Every save of days raises it in the same SaveChanges (a concurrency token,
/// so two saves cannot both write the same next version); each portal instance compares it with its cache.
/// </summary>
public sealed class CalendarStampRow
{
    public const int SingletonId = 1;
    public int Id { get; set; }
    public long Version { get; set; }
    public DateTime ChangedAtUtc { get; set; }
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDayRow>
{
    public void Configure(EntityTypeBuilder<CalendarDayRow> b)
    {
        b.ToTable("CalendarDays");
        b.HasIndex(x => x.Date).IsUnique();
        b.Property(x => x.Name).HasMaxLength(CalendarRules.MaxNameLength);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
    }
}

public sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYearRow>
{
    public void Configure(EntityTypeBuilder<CalendarYearRow> b)
    {
        b.ToTable("CalendarYears");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.ChangedBy).HasMaxLength(256);
    }
}

public sealed class CalendarStampConfiguration : IEntityTypeConfiguration<CalendarStampRow>
{
    public void Configure(EntityTypeBuilder<CalendarStampRow> b)
    {
        b.ToTable("CalendarStamp");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
