using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Service;

namespace Portal.Features.Services;

/// <summary>
/// One published version of the service-menu catalogue (<see cref="ServiceCatalog.ToJson"/>). The newest version is the
/// menu; older ones stay as history. Version 1 is the seeded default, written by the migration so every installation
/// (not only the demo) starts with a menu.
/// </summary>
public sealed class ServiceCatalogVersionRow
{
    public int Version { get; set; }
    public string Document { get; set; } = "";
    public DateTime PublishedAtUtc { get; set; }
    /// <summary>Login id of the admin who published it; "system" for the seeded version.</summary>
    public string PublishedByUserId { get; set; } = "";

    public ServiceCatalog ToCatalog() => ServiceCatalog.FromJson(Document);
}

/// <summary>
/// The menu showed <see cref="ItemCode"/> to <see cref="AccountId"/> on <see cref="Day"/> (China date): one row per account,
/// item and day however often the page was opened, so counting rows counts deduplicated impressions; <see cref="Count"/>
/// keeps how many times it was shown that day. Campaign uptake reads this table against service requests.
/// </summary>
public sealed class ServiceMenuImpressionRow
{
    public Guid AccountId { get; set; }
    public string ItemCode { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Count { get; set; }
}

public sealed class ServiceCatalogVersionConfiguration : IEntityTypeConfiguration<ServiceCatalogVersionRow>
{
    public static readonly DateTime SeededAtUtc = new(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);

    public void Configure(EntityTypeBuilder<ServiceCatalogVersionRow> b)
    {
        b.ToTable("ServiceCatalogVersions");
        b.HasKey(x => x.Version);
        b.Property(x => x.Version).ValueGeneratedNever();
        b.Property(x => x.PublishedByUserId).HasMaxLength(450);
        b.HasData(new ServiceCatalogVersionRow
        {
            Version = 1,
            Document = ServiceCatalogSeed.Default().ToJson(),
            PublishedAtUtc = SeededAtUtc,
            PublishedByUserId = "system",
        });
    }
}

public sealed class ServiceMenuImpressionConfiguration : IEntityTypeConfiguration<ServiceMenuImpressionRow>
{
    public void Configure(EntityTypeBuilder<ServiceMenuImpressionRow> b)
    {
        b.ToTable("ServiceMenuImpressions");
        b.HasKey(x => new { x.AccountId, x.ItemCode, x.Day });
        b.Property(x => x.ItemCode).HasMaxLength(ServiceCatalog.MaxCodeLength);
        // Campaign uptake reads one item over a date range.
        b.HasIndex(x => new { x.ItemCode, x.Day });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
