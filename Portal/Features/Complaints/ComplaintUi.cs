using System.Globalization;
using Microsoft.AspNetCore.Components;
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

    /// <summary>
    /// "Submitted {0}" with the time in a &lt;time&gt; that does not break: at phone width the caption otherwise wraps
    /// between the day and the month, and half a date on each line reads as two things.
    /// </summary>
    public static RenderFragment SubmittedAt(IStringLocalizer<SharedResource> l, DateTime local) => b =>
    {
        var text = l["Complaints.SubmittedAt"].Value;
        var at = text.IndexOf("{0}", StringComparison.Ordinal);
        b.AddContent(0, at < 0 ? text + " " : text[..at]);
        b.OpenElement(1, "time");
        b.AddAttribute(2, "class", "pm-nowrap");
        b.AddAttribute(3, "datetime", (local - ComplaintClock.Offset).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture));
        b.AddContent(4, Local(local));
        b.CloseElement();
        if (at >= 0) b.AddContent(5, text[(at + 3)..]);
    };

    /// <summary>A span as a person says it: minutes under an hour, hours and minutes under two days, then days and
    /// hours. Rounded down to the minute, never negative.</summary>
    public static string Span(IStringLocalizer<SharedResource> l, TimeSpan span)
    {
        var minutes = Math.Max(0L, (long)Math.Floor(span.TotalMinutes));
        if (minutes < 60) return l["Sla.Minutes", minutes];
        if (minutes < 48 * 60) return minutes % 60 == 0 ? l["Sla.Hours", minutes / 60] : l["Sla.HoursMinutes", minutes / 60, minutes % 60];
        var hours = minutes / 60;
        return hours % 24 == 0 ? l["Sla.Days", hours / 24] : l["Sla.DaysHours", hours / 24, hours % 24];
    }

    /// <summary>"3 h 5 min left" or "overdue by 2 h" for a due time in complaint (CST) wall-clock time.</summary>
    public static string TimeLeft(IStringLocalizer<SharedResource> l, DateTime dueLocal, DateTime nowLocal) =>
        dueLocal >= nowLocal ? l["Sla.Left", Span(l, dueLocal - nowLocal)] : l["Sla.Overdue", Span(l, nowLocal - dueLocal)];

    public static string Error(IStringLocalizer<SharedResource> l, ComplaintError e)
    {
        var text = l[e.Code];
        var message = text.ResourceNotFound ? l["Complaints.Error.Generic"].Value : text.Value;
        return e.Subject is null ? message : $"{message} ({e.Subject})";
    }

    /// <summary>A queue's name in the reader's language; a queue an admin added without a translation shows its code.</summary>
    public static string QueueName(IStringLocalizer<SharedResource> l, string? code)
    {
        if (string.IsNullOrEmpty(code)) return l["Work.Unrouted"];
        var name = l["Queue." + code];
        return name.ResourceNotFound ? code : name.Value;
    }

    /// <summary>A routing rule's plain name (the seeded rules have one; a rule an admin added shows as they named it).</summary>
    public static string RuleName(IStringLocalizer<SharedResource> l, string? name)
    {
        if (string.IsNullOrEmpty(name)) return "—";
        var text = l["RoutingRule." + name];
        return text.ResourceNotFound ? name : text.Value;
    }

    /// <summary>A skill tag's plain name: queue skills read as their queue, "region:x" as the region, others as themselves.</summary>
    public static string SkillName(IStringLocalizer<SharedResource> l, string skill)
    {
        if (skill.StartsWith("region:", StringComparison.Ordinal))
        {
            var region = l["Region." + skill["region:".Length..]];
            return region.ResourceNotFound ? skill : region.Value;
        }
        var named = l["Skill." + skill];
        if (!named.ResourceNotFound) return named.Value;
        var queue = l["Queue." + skill];
        return queue.ResourceNotFound ? skill : queue.Value;
    }

    /// <summary>One routing explanation line in the reader's language (the English detail when the code is unknown).</summary>
    public static string Explain(IStringLocalizer<SharedResource> l, RoutingStep step)
    {
        var args = step.Args.Select(a => (object)(a.Kind switch
        {
            RoutingArgKind.Queue => QueueName(l, a.Value),
            RoutingArgKind.Priority => l["ComplaintPriority." + a.Value].Value,
            _ => a.Value,
        })).ToArray();
        var text = l[step.Code, args];
        return text.ResourceNotFound && step.Detail.Length > 0 ? step.Detail : text.Value;
    }

    /// <summary>
    /// A timeline entry's internal note in the reader's language: the routing explanation and the SLA watcher's
    /// escalation reason are stored as codes with arguments; anything else (a handler's words, older entries) as written.
    /// </summary>
    public static string? InternalNote(IStringLocalizer<SharedResource> l, TimelineEntryKind kind, string? note) =>
        kind is TimelineEntryKind.Routed or TimelineEntryKind.Escalated && RoutingExplanation.TryDecode(note) is { Count: > 0 } steps
            ? string.Join("; ", steps.Select(s => Explain(l, s)))
            : note;

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
