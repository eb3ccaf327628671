using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Features.Usage;

namespace Portal.Data.Configurations;

public sealed class UsageAlertSettingConfiguration : IEntityTypeConfiguration<UsageAlertSettingRow>
{
    public void Configure(EntityTypeBuilder<UsageAlertSettingRow> b)
    {
        b.ToTable("UsageAlertSettings");
        b.HasKey(x => x.AccountId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UsagePredictionConfiguration : IEntityTypeConfiguration<UsagePredictionRow>
{
    public void Configure(EntityTypeBuilder<UsagePredictionRow> b)
    {
        b.ToTable("UsagePredictions");
        b.HasKey(x => x.AccountId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UsageAlertConfiguration : IEntityTypeConfiguration<UsageAlertRow>
{
    public void Configure(EntityTypeBuilder<UsageAlertRow> b)
    {
        b.ToTable("UsageAlerts");
        b.Property(x => x.DedupeKey).HasMaxLength(120);
        b.HasIndex(x => x.DedupeKey).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.RaisedAtUtc });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UsageSegmentModelConfiguration : IEntityTypeConfiguration<UsageSegmentModelRow>
{
    public void Configure(EntityTypeBuilder<UsageSegmentModelRow> b)
    {
        b.ToTable("UsageSegmentModels");
        b.HasIndex(x => x.TrainedAtUtc);
    }
}

public sealed class UsageImportConfiguration : IEntityTypeConfiguration<UsageImportRow>
{
    public void Configure(EntityTypeBuilder<UsageImportRow> b)
    {
        b.ToTable("UsageImports");
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Source).HasMaxLength(20);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasIndex(x => x.ImportedAtUtc);
    }
}
