using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Complaints;
using Portal.Features.Notifications;
using Portal.Resources;

namespace Portal.Features.Complaints;

/// <summary>
/// Tells the customer about every status change of their complaint: a portal notification (localized when shown)
/// and an email through the sink, written in both languages because a job has no request culture.
/// </summary>
public sealed class ComplaintNotifier(NotificationService notifications, IStringLocalizer<SharedResource> l)
{
    public static string Kind(ComplaintStatus status) => "Complaint" + status;

    public async Task StatusChangedAsync(string customerUserId, Guid complaintId, string trackingNumber, ComplaintStatus status, CancellationToken ct = default)
    {
        var key = "Notify." + Kind(status);
        var subject = Both(key, trackingNumber);
        var body = Both("Notify.Email.Body", trackingNumber);
        await notifications.NotifyAsync(customerUserId, Kind(status), trackingNumber, $"/complaints/{complaintId}", subject, body, ct);
    }

    /// <summary>Portal-only notice to staff (no email): escalations reach the supervisors' bell.</summary>
    public Task StaffNoticeAsync(string userId, string kind, string trackingNumber, Guid complaintId, CancellationToken ct = default) =>
        notifications.NotifyAsync(userId, kind, trackingNumber, $"/backoffice/complaints/{complaintId}", ct: ct);

    private string Both(string key, string arg)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var zh = l[key, arg].Value;
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            var en = l[key, arg].Value;
            return zh == en ? zh : $"{zh} / {en}";
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
