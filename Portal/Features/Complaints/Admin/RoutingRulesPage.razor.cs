using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Accounts;
using Portal.Domain.Calendar;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Complaints.Admin;

public partial class RoutingRulesPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private RoutingRulesStore Store { get; set; } = default!;
    [Inject] private ComplaintClock Clock { get; set; } = default!;
    [Inject] private AuditService Audit { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private RoutingRulesInfo? info;
    private WorkingCalendar calendar = WorkingCalendar.WeekdaysOnly();
    private string json = "";
    private IReadOnlyList<ValidationProblem>? problems;
    private bool saving;
    private ComplaintCategory benchCategory = ComplaintCategory.Outage;
    private string benchRegion = "chengbei";
    private CustomerType benchType = CustomerType.Residential;
    private CreditTierLevel benchTier = CreditTierLevel.B;
    private int benchEarlier;
    private string benchText = "";
    private RoutingDecision? decision;

    protected override async Task OnInitializedAsync()
    {
        calendar = await Clock.CalendarAsync();
        await Load();
    }

    /// <summary>Throws away the edits, after asking when there are any.</summary>
    private async Task Revert()
    {
        if (info is not null && json != info.Json)
        {
            var yes = await Dialogs.ShowMessageBoxAsync(L["Rules.Revert"], L["Rules.RevertQuestion"].Value, L["Rules.Revert"], cancelText: L["Common.Cancel"]);
            if (yes != true) return;
        }
        await Load();
    }

    private async Task Load()
    {
        info = await Store.CurrentInfoAsync();
        json = info.Json;
        problems = null;
    }

    private void Check() => problems = RoutingRulesStore.Check(json).Problems;

    private async Task Save()
    {
        Check();
        if (problems is { Count: > 0 }) return;
        var yes = await Dialogs.ShowMessageBoxAsync(L["Rules.Save"], L["Rules.SaveQuestion"].Value, L["Rules.Save"], cancelText: L["Common.Cancel"]);
        if (yes != true) return;
        saving = true;
        var user = (await Auth).User;
        var (version, found) = await Store.SaveAsync(json, AccountAccessService.UserId(user) ?? "");
        saving = false;
        problems = found;
        if (version is null) return;
        await Audit.RecordAsync(new AuditEvent("RoutingRulesSaved", $"routing-rules:v{version}"));
        Snackbar.Add(L["Rules.Saved", version], Severity.Success);
        await Load();
    }

    /// <summary>Runs the rules as edited (not yet saved), so the admin can try a change before saving it.</summary>
    private void RunBench()
    {
        var check = RoutingRulesStore.Check(json);
        problems = check.Problems;
        if (check.Rules is null) { decision = null; return; }
        var now = Clock.Now;
        IReadOnlyList<DateTime> earlier = benchEarlier > 0 ? [now.AddDays(-benchEarlier)] : [];
        decision = RoutingEngine.Route(check.Rules,
            new ComplaintRoutingInput(benchCategory, benchRegion, benchType, benchTier, benchText, now, earlier), calendar);
    }
}
