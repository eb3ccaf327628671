using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;

namespace Portal.Data.Configurations;

public sealed class CustomerAccountConfiguration : IEntityTypeConfiguration<CustomerAccount>
{
    public void Configure(EntityTypeBuilder<CustomerAccount> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.AccountNumber).HasMaxLength(20);
        b.HasIndex(a => a.AccountNumber).IsUnique();
        b.Property(a => a.HolderName).HasMaxLength(100);
        b.Property(a => a.Region).HasMaxLength(40);
        b.Property(a => a.StationArea).HasMaxLength(60);
        b.Property(a => a.TariffPackageCode).HasMaxLength(40);
        b.Property(a => a.MeterNumber).HasMaxLength(30);
        b.Property(a => a.Address).HasMaxLength(200);
        b.Property(a => a.Phone).HasMaxLength(30);
        b.Property(a => a.CustomerManagerId).HasMaxLength(450);
        b.HasIndex(a => a.CustomerManagerId);
        b.HasIndex(a => new { a.Region, a.Type });
        b.Ignore(a => a.Profile);
    }
}

public sealed class AccountBindingConfiguration : IEntityTypeConfiguration<AccountBinding>
{
    public void Configure(EntityTypeBuilder<AccountBinding> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.UserId, x.AccountId }).IsUnique();
        b.HasIndex(x => x.AccountId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
