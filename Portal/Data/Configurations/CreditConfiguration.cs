using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Data.Configurations;

public sealed class CreditPolicyVersionConfiguration : IEntityTypeConfiguration<CreditPolicyVersionRow>
{
    public void Configure(EntityTypeBuilder<CreditPolicyVersionRow> b)
    {
        b.ToTable("CreditPolicyVersions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.CreatedByUserId).HasMaxLength(450);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
    }
}

public sealed class CreditReviewRunConfiguration : IEntityTypeConfiguration<CreditReviewRunRow>
{
    public void Configure(EntityTypeBuilder<CreditReviewRunRow> b)
    {
        b.ToTable("CreditReviewRuns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(60);
    }
}

public sealed class CreditAccountStateConfiguration : IEntityTypeConfiguration<CreditAccountState>
{
    public void Configure(EntityTypeBuilder<CreditAccountState> b)
    {
        b.ToTable("CreditAccountStates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.AccountId).IsUnique();
        b.HasIndex(x => x.CurrentTier);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);

        b.HasMany(x => x.Events).WithOne().HasForeignKey("CreditAccountStateId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.TierHistory).WithOne().HasForeignKey("CreditAccountStateId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.TierHistory).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class CreditPointEventConfiguration : IEntityTypeConfiguration<PointEvent>
{
    public void Configure(EntityTypeBuilder<PointEvent> b)
    {
        b.ToTable("CreditPointEvents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ReasonCode).HasMaxLength(80);
        b.Property(x => x.ReasonText).HasMaxLength(500);
        b.Property(x => x.SourceReference).HasMaxLength(120);
        b.HasIndex(x => new { x.AccountId, x.OccurredOn });
    }
}

public sealed class CreditTierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> b)
    {
        b.ToTable("CreditTierChanges");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ReasonCode).HasMaxLength(80);
        b.HasIndex(x => x.ChangedOn);
    }
}

public sealed class CreditAdjustmentConfiguration : IEntityTypeConfiguration<CreditAdjustment>
{
    public void Configure(EntityTypeBuilder<CreditAdjustment> b)
    {
        b.ToTable("CreditAdjustments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ByUserId).HasMaxLength(450);
        b.HasIndex(x => x.AccountId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CreditViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> b)
    {
        b.ToTable("CreditViolations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.AccountId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CreditManagerMessageConfiguration : IEntityTypeConfiguration<ManagerMessage>
{
    public void Configure(EntityTypeBuilder<ManagerMessage> b)
    {
        b.ToTable("CreditManagerMessages");
        b.HasKey(x => x.Id);
        b.Property(x => x.Body).HasMaxLength(ManagerMessage.MaxLength);
        b.Property(x => x.AuthorUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.AccountId, x.SentAtUtc });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
