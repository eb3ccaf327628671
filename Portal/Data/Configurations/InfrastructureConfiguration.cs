using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Audit;

namespace Portal.Data.Configurations;

public sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> b)
    {
        b.Property(x => x.To).HasMaxLength(256);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastResult).HasMaxLength(500);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UnsubscribeUrl).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UserId, x.Topic, x.Status });
        b.HasIndex(x => x.CreatedAtUtc);
        b.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Kind).HasMaxLength(80);
        b.Property(x => x.Arguments).HasMaxLength(400);
        b.Property(x => x.Link).HasMaxLength(300);
        b.HasIndex(x => new { x.UserId, x.ReadAtUtc });
    }
}

public sealed class JobCheckpointConfiguration : IEntityTypeConfiguration<JobCheckpoint>
{
    public void Configure(EntityTypeBuilder<JobCheckpoint> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.State).HasMaxLength(400);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(80);
        b.Property(x => x.Target).HasMaxLength(200);
        b.Property(x => x.Outcome).HasMaxLength(40);
        b.Property(x => x.Endpoint).HasMaxLength(20);
        b.Property(x => x.ClientIp).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.AtUtc);
        b.HasIndex(x => new { x.Action, x.AtUtc });
    }
}
