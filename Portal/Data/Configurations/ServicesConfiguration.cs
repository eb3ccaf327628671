using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Service;

namespace Portal.Data.Configurations;

public sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ServiceCode).HasMaxLength(40);
        b.Property(x => x.AssignedUserId).HasMaxLength(450);
        b.Property(x => x.RequestedByUserId).HasMaxLength(450);
        b.Property(x => x.ClosedByUserId).HasMaxLength(450);
        b.Property(x => x.Note).HasMaxLength(ServiceRequest.MaxNoteLength);
        b.Property(x => x.Resolution).HasMaxLength(ServiceRequest.MaxNoteLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.AccountId, x.ServiceCode, x.Status });
        b.HasIndex(x => new { x.Team, x.Status, x.RequestedAtUtc });
        b.HasIndex(x => new { x.AssignedUserId, x.Status });
        b.HasIndex(x => x.CampaignId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
