using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Domain.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>A customer's choice for one topic on one channel. No row: the default (<see cref="NotificationTopics.DefaultOn"/>).</summary>
public sealed class NotificationPreferenceRow
{
    public string UserId { get; set; } = "";
    public NotificationTopic Topic { get; set; }
    public NotificationChannel Channel { get; set; }
    public bool Enabled { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreferenceRow>
{
    public void Configure(EntityTypeBuilder<NotificationPreferenceRow> b)
    {
        b.ToTable("NotificationPreferences");
        b.HasKey(x => new { x.UserId, x.Topic, x.Channel });
        b.Property(x => x.UserId).HasMaxLength(450);
        // Erasing a login erases its choices.
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
