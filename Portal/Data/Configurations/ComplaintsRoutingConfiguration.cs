using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Complaints;

namespace Portal.Data.Configurations;

public sealed class RoutingRulesVersionConfiguration : IEntityTypeConfiguration<RoutingRulesVersion>
{
    public void Configure(EntityTypeBuilder<RoutingRulesVersion> b)
    {
        b.ToTable("ComplaintRoutingRules");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Version).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(450);
        b.Property(x => x.Comment).HasMaxLength(500);
    }
}
