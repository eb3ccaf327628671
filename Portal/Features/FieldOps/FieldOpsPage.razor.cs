using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Safety;
using Portal.Domain.Service;
using Portal.Features.Demo;
using Portal.Features.Safety;
using Portal.Infrastructure.Localization;

namespace Portal.Features.FieldOps;

public partial class FieldOpsPage
{
    [Inject] private InspectionIntakeService Inspections { get; set; } = default!;
    [Inject] private FieldOpsService FieldOps { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private sealed class HazardForm
    {
        public HazardSeverity Severity { get; set; } = HazardSeverity.Minor;
        public string? Description { get; set; }
        public DateTime? Deadline { get; set; }
    }

    private sealed class InspectionForm
    {
        public string? AccountNumber { get; set; }
        public DateTime? InspectedOn { get; set; }
        public string? Inspector { get; set; }
        public string? NoticeNumber { get; set; }
        public List<HazardForm> Hazards { get; } = [];
    }

    private sealed class ActivityForm
    {
        public string? AccountNumber { get; set; }
        public ServiceActivityType Type { get; set; } = ServiceActivityType.Repair;
        public DateTime? DoneOn { get; set; }
        public TimeSpan? DoneAt { get; set; }
        public string? Staff { get; set; }
        public ActivityOutcome Outcome { get; set; }
        public string? Reason { get; set; }
        public string? Summary { get; set; }
    }

    private InspectionForm inspection = new();
    private ActivityForm activity = new();
    private List<string> inspectionErrors = [];
    private List<string> activityErrors = [];
    private IReadOnlyList<FieldEntryRow>? recent;
    private bool busy;

    private DateOnly Today => DemoSeeder.Today(Clock);
    private DateTime TodayDate => Today.ToDateTime(TimeOnly.MinValue);

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        inspection = NewInspection(DisplayName(user));
        activity = NewActivity();
        recent = await FieldOps.RecentAsync(user);
    }

    /// <summary>The staff member's name as colleagues know it (the sign-in email is not a name for a notice).</summary>
    private static string? DisplayName(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("display_name")?.Value ?? user.Identity?.Name;

    private InspectionForm NewInspection(string? inspector)
    {
        var form = new InspectionForm { InspectedOn = TodayDate, Inspector = inspector };
        form.Hazards.Add(new HazardForm());
        return form;
    }

    private ActivityForm NewActivity() => new() { DoneOn = TodayDate, DoneAt = new TimeSpan(Clock.GetUtcNow().UtcDateTime.AddHours(8).Hour, 0, 0) };

    private DateOnly InspectedOn => inspection.InspectedOn is { } d ? DateOnly.FromDateTime(d) : Today;

    private DateTime DeadlineOf(HazardForm h) => h.Deadline ?? RectificationDeadlines.Default(h.Severity, InspectedOn).ToDateTime(TimeOnly.MinValue);

    private DateTime LatestOf(HazardForm h) => RectificationDeadlines.Latest(h.Severity, InspectedOn).ToDateTime(TimeOnly.MinValue);

    private string DeadlineHelp(HazardForm h) => L["FieldOps.DeadlineHelp", Format.Date(DateOnly.FromDateTime(LatestOf(h)))];

    /// <summary>A deadline the clerk did not touch follows the severity; a moved one is kept (the rules still check it).</summary>
    private void OnSeverity(HazardForm h, HazardSeverity severity) => h.Severity = severity;

    private void OnInspectedOn(DateTime? date) => inspection.InspectedOn = date;

    private void AddHazard() => inspection.Hazards.Add(new HazardForm());

    private async Task RecordInspectionAsync()
    {
        busy = true;
        try
        {
            var user = (await Auth).User;
            var draft = new InspectionDraft(inspection.AccountNumber ?? "", InspectedOn, inspection.Inspector, inspection.NoticeNumber,
                inspection.Hazards.Select(h => new HazardDraft(h.Severity, h.Description, h.Deadline is { } d ? DateOnly.FromDateTime(d) : null)).ToList());
            var result = await Inspections.RecordAsync(user, draft);
            inspectionErrors = result.Errors.Select(e => e.Hazard is { } i ? L["FieldOps.HazardError", i + 1, L[e.Code]].Value : L[e.Code].Value).ToList();
            if (!result.Ok) return;
            Snackbar.Add(L.Plural("FieldOps.InspectionRecorded", result.Recorded!.HazardIds.Count, result.Recorded.NoticeNumber, result.Recorded.HazardIds.Count), Severity.Success);
            inspection = NewInspection(DisplayName(user));
            recent = await FieldOps.RecentAsync(user);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RecordActivityAsync()
    {
        busy = true;
        try
        {
            var user = (await Auth).User;
            var doneAt = (activity.DoneOn ?? TodayDate).Date + (activity.DoneAt ?? TimeSpan.Zero);
            var result = await FieldOps.RecordActivityAsync(user, new ActivityDraft(activity.AccountNumber ?? "", activity.Type, doneAt, activity.Staff,
                activity.Outcome, activity.Reason, activity.Summary));
            activityErrors = result.Errors.Select(e => L[e].Value).ToList();
            if (!result.Ok) return;
            Snackbar.Add(result.Invited > 0 ? L.Plural("FieldOps.ActivityRecordedInvited", result.Invited) : L["FieldOps.ActivityRecorded"], Severity.Success);
            activity = NewActivity();
            recent = await FieldOps.RecentAsync(user);
        }
        finally
        {
            busy = false;
        }
    }

    private static string When(FieldEntryRow r) => r.Kind == FieldEntryKind.Inspection
        ? Format.Date(DateOnly.FromDateTime(r.WhenLocal))
        : Format.DateTime(r.WhenLocal.AddHours(-8));

    private string What(FieldEntryRow r) => r.Kind == FieldEntryKind.Inspection
        ? L["FieldOps.InspectionEntry", r.What]
        : L["ServiceActivityType." + r.What];

    private string Result(FieldEntryRow r) => r.Kind == FieldEntryKind.Inspection
        ? L.Plural("FieldOps.HazardCount", r.Hazards)
        : Format.Enum(L, r.Outcome!.Value);
}
