using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;

namespace Portal.Data.Configurations;

public sealed class AccountDayConfiguration : IEntityTypeConfiguration<AccountDayRow>
{
    public void Configure(EntityTypeBuilder<AccountDayRow> b)
    {
        b.ToTable("AccountDays");
        // Clustered on (account, date): a customer's range query reads contiguous pages.
        b.HasKey(x => new { x.AccountId, x.Date });
        b.Property(x => x.WattHours).HasMaxLength(384);
        b.Property(x => x.Quality).HasMaxLength(96);
        b.Property(x => x.VarHours).HasMaxLength(384);
        b.Property(x => x.DemandWatts).HasMaxLength(384);
        b.HasIndex(x => x.ImportedAtUtc);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MonthlyUsageConfiguration : IEntityTypeConfiguration<MonthlyUsageRow>
{
    public void Configure(EntityTypeBuilder<MonthlyUsageRow> b)
    {
        b.ToTable("MonthlyUsage");
        b.HasKey(x => new { x.AccountId, x.Month });
        // The roll-up job looks for months an import cleared every ten minutes: a partial index keeps that a seek.
        b.HasIndex(x => x.AccountId).HasFilter("\"ProfileSums\" IS NULL").HasDatabaseName("IX_MonthlyUsage_NotRolledUp");
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
