using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Campaigns;

namespace Portal.Features.Campaigns;

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("Campaigns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Campaign.MaxNameLength);
        b.Property(x => x.OfferCode).HasMaxLength(40);
        b.Property(x => x.Filter).HasMaxLength(400);
        b.Property(x => x.LaunchedByUserId).HasMaxLength(450);
        b.Property(x => x.LaunchedByName).HasMaxLength(256);
        b.Property(x => x.ManagerUserId).HasMaxLength(450);
        b.Ignore(x => x.TargetFilter);
        b.HasIndex(x => x.LaunchedAtUtc);
        b.HasIndex(x => new { x.OfferKind, x.OfferCode });
    }
}

public sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> b)
    {
        b.ToTable("CampaignTargets");
        b.HasKey(x => new { x.CampaignId, x.AccountId });
        b.Property(x => x.Segment).HasMaxLength(40);
        b.Property(x => x.Saving).HasPrecision(18, 2);
        b.Property(x => x.RespondedByUserId).HasMaxLength(450);
        // Two answers racing: the second one's UPDATE finds the response changed and fails instead of overwriting it.
        b.Property(x => x.Response).IsConcurrencyToken();
        // The customer's panel looks up its own accounts' offers.
        b.HasIndex(x => new { x.AccountId, x.Response });
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Accounts.CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
