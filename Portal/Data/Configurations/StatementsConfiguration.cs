using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Domain.Statements;

namespace Portal.Data.Configurations;

public sealed class StatementsConfiguration : IEntityTypeConfiguration<StatementRecord>
{
    public void Configure(EntityTypeBuilder<StatementRecord> b)
    {
        b.ToTable("Statements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Culture).HasMaxLength(10);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.CorrectionReason).HasMaxLength(500);
        // One original per bill and one record per revision: a second issue of the same bill fails on the index.
        b.HasIndex(x => new { x.BillId, x.Revision }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.PeriodStart });
        b.HasIndex(x => x.SupersedesId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Bill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<StatementRecord>().WithMany().HasForeignKey(x => x.SupersedesId).OnDelete(DeleteBehavior.NoAction);
    }
}
