using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Safety;

namespace Portal.Data.Configurations;

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Inspector).HasMaxLength(100);
        b.Property(x => x.NoticeNumber).HasMaxLength(40);
        b.HasIndex(x => new { x.AccountId, x.InspectedOn });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class HazardConfiguration : IEntityTypeConfiguration<Hazard>
{
    public void Configure(EntityTypeBuilder<Hazard> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.CustomerNote).HasMaxLength(1000);
        b.Property(x => x.PhotoFileReference).HasMaxLength(400);
        b.Property(x => x.VerifiedByStaffId).HasMaxLength(450);
        b.Property(x => x.LastRejectionReason).HasMaxLength(500);
        b.HasIndex(x => new { x.AccountId, x.State });
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
