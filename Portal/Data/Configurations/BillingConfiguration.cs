using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Service;

namespace Portal.Data.Configurations;

public sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.PackageCode).HasMaxLength(40);
        b.HasIndex(x => new { x.AccountId, x.PeriodStart }).IsUnique();
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.OwnsMany(x => x.Lines, l =>
        {
            l.ToTable("BillLines");
            l.WithOwner().HasForeignKey("BillId");
            l.HasKey(x => x.Id);
            l.Property(x => x.Code).HasMaxLength(40);
            l.Property(x => x.Description).HasMaxLength(200);
            l.Property(x => x.Unit).HasMaxLength(20);
        });
        b.Navigation(x => x.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsMany(x => x.Instalments, i =>
        {
            i.ToTable("BillInstalments");
            i.WithOwner().HasForeignKey(x => x.BillId);
            i.HasKey(x => x.Id);
            i.HasIndex(x => new { x.BillId, x.Number }).IsUnique();
        });
        b.Navigation(x => x.Instalments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsFinanced);
        b.HasMany(x => x.Payments).WithOne().HasForeignKey(p => p.BillId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.Outstanding);
        b.Ignore(x => x.PaidOnTime);
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Channel).HasMaxLength(30);
        b.HasIndex(x => new { x.AccountId, x.PaidOn });
    }
}

public sealed class ServiceActivityConfiguration : IEntityTypeConfiguration<ServiceActivity>
{
    public void Configure(EntityTypeBuilder<ServiceActivity> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Summary).HasMaxLength(500);
        b.Property(x => x.StaffName).HasMaxLength(100);
        b.Property(x => x.OutcomeReason).HasMaxLength(ServiceActivity.MaxReason);
        b.Property(x => x.RecordedByUserId).HasMaxLength(450);
        b.Property(x => x.Source).HasMaxLength(ServiceActivity.MaxSource);
        b.Property(x => x.ExternalReference).HasMaxLength(ServiceActivity.MaxExternalReference);
        b.HasIndex(x => new { x.AccountId, x.CompletedAtUtc });
        // A re-import of the field system's file finds its jobs by this key (SQL Server filters out the nulls by convention).
        b.HasIndex(x => new { x.Source, x.ExternalReference }).IsUnique();
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
