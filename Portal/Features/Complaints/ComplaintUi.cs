using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Complaints;
using Portal.Features.Complaints.BackOffice;
using Portal.Resources;

namespace Portal.Features.Complaints;

/// <summary>Display helpers shared by the complaint pages: local times, error texts, status and SLA colours.</summary>
public static class ComplaintUi
{
    /// <summary>Complaint times are CST wall-clock; Format.DateTime takes UTC.</summary>
    public static string Local(DateTime local) => Format.DateTime(local - ComplaintClock.Offset);

    public static string Error(IStringLocalizer<SharedResource> l, ComplaintError e)
    {
        var text = l[e.Code];
        var message = text.ResourceNotFound ? l["Complaints.Error.Generic"].Value : text.Value;
        return e.Subject is null ? message : $"{message} ({e.Subject})";
    }

    public static Color StatusColor(ComplaintStatus s) => s switch
    {
        ComplaintStatus.Submitted or ComplaintStatus.Routed => Color.Info,
        ComplaintStatus.Contacted or ComplaintStatus.Replied => Color.Primary,
        ComplaintStatus.Resolved => Color.Success,
        ComplaintStatus.Closed => Color.Default,
        _ => Color.Warning,
    };

    public static Color SlaColor(SlaState s) => s switch
    {
        SlaState.Overdue => Color.Error,
        SlaState.DueSoon => Color.Warning,
        SlaState.Met => Color.Success,
        _ => Color.Info,
    };

    public static Color PriorityColor(ComplaintPriority p) => p switch
    {
        ComplaintPriority.Urgent => Color.Error,
        ComplaintPriority.High => Color.Warning,
        _ => Color.Default,
    };
}
