using Microsoft.Extensions.Localization;
using Portal.Domain.Complaints;
using Portal.Features.Notifications;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.Complaints;

/// <summary>
/// Tells the customer about every status change of their complaint: a portal notification (localized when shown)
/// and an email in the customer's language (when their settings allow either).
/// </summary>
public sealed class ComplaintNotifier(NotificationService notifications, IStringLocalizer<SharedResource> l)
{
    public static string Kind(ComplaintStatus status) => "Complaint" + status;

    public Task StatusChangedAsync(string customerUserId, Guid complaintId, string trackingNumber, ComplaintStatus status, CancellationToken ct = default) =>
        notifications.NotifyAsync(customerUserId, Kind(status), trackingNumber, $"/complaints/{complaintId}",
            () => new EmailContent(l["Notify." + Kind(status), trackingNumber], l["Notify.Email.Body", trackingNumber]), ct);

    /// <summary>Portal-only notice to staff (no email): escalations reach the supervisors' bell.</summary>
    public Task StaffNoticeAsync(string userId, string kind, string trackingNumber, Guid complaintId, CancellationToken ct = default) =>
        notifications.NotifyAsync(userId, kind, trackingNumber, $"/backoffice/complaints/{complaintId}", ct: ct);
}
