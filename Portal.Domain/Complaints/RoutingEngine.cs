using Portal.Domain.Calendar;

namespace Portal.Domain.Complaints;

/// <summary>
/// Picks the first matching rule, then applies the overlays in a fixed order so the outcome is predictable:
/// urgency keywords (→ Urgent), top credit tier (+1 step), repeat within the window (+1 step), and finally
/// the urgent SLA profile for any Urgent outcome. Deadlines run from <see cref="ComplaintRoutingInput.SubmittedAt"/>.
/// </summary>
public static class RoutingEngine
{
    public static RoutingDecision Route(RoutingRules rules, ComplaintRoutingInput input, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(calendar);
        var settings = rules.Settings;
        var steps = new List<RoutingStep>();
        var overlays = new List<RoutingOverlay>();

        // Validation guarantees a trailing catch-all, so First cannot fail.
        var rule = rules.Rules.First(r => r.Matches(input));
        var region = string.IsNullOrWhiteSpace(input.Region) ? "unknown" : input.Region.Trim().ToLowerInvariant();
        var queue = Expand(rule.QueueCode, region);
        var skills = rule.Skills.Select(s => Expand(s, region)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var priority = rule.Priority;
        var profile = rules.Profile(rule.SlaProfileCode);
        steps.Add(new("Routing.RuleMatched", $"Rule '{rule.Name}' → queue '{queue}', priority {priority}",
            RoutingArg.Text(rule.Name), RoutingArg.Queue(queue), RoutingArg.Priority(priority)));

        var urgent = KeywordMatcher.FindMatches(input.Description, settings.UrgencyKeywords);
        if (urgent.Count > 0)
        {
            overlays.Add(RoutingOverlay.UrgencyKeyword);
            steps.Add(new("Routing.Overlay.UrgencyKeyword", $"Urgency keywords [{string.Join(", ", urgent)}]: {priority} → {ComplaintPriority.Urgent}",
                RoutingArg.Text(string.Join(", ", urgent)), RoutingArg.Priority(priority), RoutingArg.Priority(ComplaintPriority.Urgent)));
            priority = ComplaintPriority.Urgent;
        }

        if (input.PriorityPrivilege ?? input.CreditTier == settings.TopCreditTier)
        {
            overlays.Add(RoutingOverlay.TopCreditTier);
            var raised = priority.RaisedOneStep();
            steps.Add(new("Routing.Overlay.TopCreditTier", $"Credit tier {input.CreditTier}: {priority} → {raised}",
                RoutingArg.Text(input.CreditTier!), RoutingArg.Priority(priority), RoutingArg.Priority(raised)));
            priority = raised;
        }

        var window = TimeSpan.FromDays(settings.RepeatWindowDays);
        var earlier = input.EarlierComplaintDates
            .Where(d => d <= input.SubmittedAt && input.SubmittedAt - d <= window)
            .ToList();
        var isRepeat = earlier.Count > 0;
        if (isRepeat)
        {
            overlays.Add(RoutingOverlay.RepeatComplaint);
            var raised = priority.RaisedOneStep();
            steps.Add(new("Routing.Overlay.RepeatComplaint",
                $"Repeat complaint ({earlier.Count} earlier within {settings.RepeatWindowDays} days): {priority} → {raised}",
                RoutingArg.Text(earlier.Count), RoutingArg.Text(settings.RepeatWindowDays), RoutingArg.Priority(priority), RoutingArg.Priority(raised)));
            priority = raised;
        }

        if (priority == ComplaintPriority.Urgent && profile.DispatchWithinMinutes is null)
        {
            overlays.Add(RoutingOverlay.UrgentSlaProfile);
            profile = rules.Profile(settings.UrgentSlaProfileCode);
            steps.Add(new("Routing.Overlay.UrgentSlaProfile", $"Urgent: SLA profile '{profile.Code}', dispatch within {profile.DispatchWithinMinutes} min",
                RoutingArg.Text(profile.Code), RoutingArg.Text(profile.DispatchWithinMinutes!)));
        }

        return new RoutingDecision(rule.Name, queue, priority, skills, profile, profile.Compute(calendar, input.SubmittedAt),
            isRepeat, urgent, overlays, steps);
    }

    private static string Expand(string template, string region) =>
        template.Replace("{region}", region, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Case-insensitive keyword search. A keyword that starts or ends with a Latin letter or digit must sit on a
/// word boundary there ("fire" does not match "fired" or "campfire"); CJK keywords match anywhere because
/// Chinese text has no spaces between words.
/// </summary>
public static class KeywordMatcher
{
    public static IReadOnlyList<string> FindMatches(string? text, IEnumerable<string> keywords)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var found = new List<string>();
        foreach (var raw in keywords)
        {
            var keyword = raw?.Trim();
            if (string.IsNullOrEmpty(keyword)) continue;
            if (Contains(text, keyword)) found.Add(keyword);
        }
        return found;
    }

    private static bool Contains(string text, string keyword)
    {
        var needsStartBoundary = char.IsAsciiLetterOrDigit(keyword[0]);
        var needsEndBoundary = char.IsAsciiLetterOrDigit(keyword[^1]);
        for (var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(keyword, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + keyword.Length;
            var startOk = !needsStartBoundary || at == 0 || !char.IsAsciiLetterOrDigit(text[at - 1]);
            var endOk = !needsEndBoundary || end == text.Length || !char.IsAsciiLetterOrDigit(text[end]);
            if (startOk && endOk) return true;
        }
        return false;
    }
}
