using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;

namespace Portal.Data.Configurations;

public sealed class PackageSwitchRequestConfiguration : IEntityTypeConfiguration<PackageSwitchRequest>
{
    public void Configure(EntityTypeBuilder<PackageSwitchRequest> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FromPackageCode).HasMaxLength(40);
        b.Property(x => x.ToPackageCode).HasMaxLength(40);
        b.Property(x => x.RequestedByUserId).HasMaxLength(450);
        b.Property(x => x.DecidedByUserId).HasMaxLength(450);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(x => new { x.AccountId, x.RequestedAtUtc });
        b.HasIndex(x => new { x.Status, x.EffectiveFrom });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TariffPackageVersionConfiguration : IEntityTypeConfiguration<TariffPackageVersion>
{
    public void Configure(EntityTypeBuilder<TariffPackageVersion> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.PublishedByUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
    }
}

public sealed class TariffRecommendationConfiguration : IEntityTypeConfiguration<TariffRecommendationRow>
{
    public void Configure(EntityTypeBuilder<TariffRecommendationRow> b)
    {
        b.ToTable("TariffRecommendations");
        b.HasKey(x => x.AccountId);
        b.Property(x => x.CurrentPackageCode).HasMaxLength(40);
        b.Property(x => x.BestPackageCode).HasMaxLength(40);
        b.Property(x => x.CatalogStamp).HasMaxLength(1000);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
