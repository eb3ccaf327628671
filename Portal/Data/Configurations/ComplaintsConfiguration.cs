using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Accounts;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Domain.Service;

namespace Portal.Data.Configurations;

public sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.TrackingNumber).HasMaxLength(30);
        b.HasIndex(x => x.TrackingNumber).IsUnique();
        b.Property(x => x.CustomerUserId).HasMaxLength(450);
        // A double submit carries the same key: the second insert fails and the first complaint is returned.
        b.Property(x => x.IdempotencyKey).HasMaxLength(ComplaintSubmission.MaxIdempotencyKeyLength);
        b.HasIndex(x => new { x.CustomerUserId, x.IdempotencyKey }).IsUnique();
        b.Property(x => x.Description).HasMaxLength(ComplaintSubmission.MaxDescriptionLength * 2);
        b.Property(x => x.QueueCode).HasMaxLength(60);
        b.Property(x => x.RoutingRuleName).HasMaxLength(100);
        b.Property(x => x.ClaimedBy).HasMaxLength(450);
        b.Property(x => x.SlaProfileCode).HasMaxLength(40);
        b.Property(x => x.ResolutionCode).HasMaxLength(40);
        b.Property(x => x.ResolutionText).HasMaxLength(2000);
        b.Property(x => x.HandlingComment).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Skills);
        b.PrimitiveCollection<List<string>>("_skills").HasColumnName("Skills");
        b.HasIndex(x => new { x.QueueCode, x.Status });
        b.HasIndex(x => new { x.AccountId, x.SubmittedAt });
        b.HasIndex(x => new { x.Status, x.SubmittedAt });
        // The handler's work list is ordered by priority then age, optionally within one queue or for one handler:
        // these let a page of 25 be read in index order instead of sorting every open complaint.
        b.HasIndex(x => new { x.QueueCode, x.Priority, x.SubmittedAt }).IsDescending(false, true, false);
        b.HasIndex(x => new { x.Priority, x.SubmittedAt }).IsDescending(true, false);
        b.HasIndex(x => new { x.ClaimedBy, x.Status });
        b.HasIndex(x => new { x.CustomerUserId, x.SubmittedAt });
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);

        b.OwnsMany(x => x.Timeline, t =>
        {
            t.ToTable("ComplaintTimeline");
            t.WithOwner().HasForeignKey("ComplaintId");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.ActorId).HasMaxLength(450);
            t.Property(x => x.CustomerText).HasMaxLength(2000);
            t.Property(x => x.InternalNote).HasMaxLength(2000);
            t.Property(x => x.FromQueue).HasMaxLength(60);
            t.Property(x => x.ToQueue).HasMaxLength(60);
        });
        b.Navigation(x => x.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsMany(x => x.Attachments, a =>
        {
            a.ToTable("ComplaintAttachments");
            a.WithOwner().HasForeignKey("ComplaintId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StoredPath).HasMaxLength(400);
            a.Property(x => x.Sha256).HasMaxLength(64);
        });
        b.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ServiceRatingConfiguration : IEntityTypeConfiguration<ServiceRating>
{
    public void Configure(EntityTypeBuilder<ServiceRating> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CustomerUserId).HasMaxLength(450);
        b.Property(x => x.Comment).HasMaxLength(ServiceRating.MaxCommentLength * 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ActivityId, x.CustomerUserId }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.SubmittedAt });
        b.HasOne<ServiceActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
