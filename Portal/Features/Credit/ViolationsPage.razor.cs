using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Credit;

namespace Portal.Features.Credit;

public partial class ViolationsPage
{
    [Inject] private ViolationService Violations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private IReadOnlyList<ViolationRow>? rows;
    private string? accountNumber, reason, error;
    private ViolationKind kind;
    private DateTime? occurredOn;
    private bool busy;

    /// <summary>Today in China time, the date violations happen on (not the server's own date: UTC here).</summary>
    private DateTime Today => Demo.DemoSeeder.Today(Clock).ToDateTime(TimeOnly.MinValue);

    protected override async Task OnInitializedAsync()
    {
        occurredOn = Today;
        rows = await Violations.RecentAsync();
    }

    private async Task RecordAsync()
    {
        error = null;
        if (occurredOn is null)
        {
            error = L["Violations.DateRequired"];
            return;
        }
        // The freeze is long (two years for theft), so staff confirm with the consequence spelled out.
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Violations.Record"],
            L["Violations.Confirm", Format.Enum(L, kind), (accountNumber ?? "").Trim()], yesText: L["Violations.Record"], cancelText: L["Common.Cancel"]);
        if (confirmed != true) return;
        busy = true;
        try
        {
            var result = await Violations.RecordAsync((await Auth).User, accountNumber, kind, DateOnly.FromDateTime(occurredOn.Value), reason);
            if (result.Outcome == ViolationOutcome.Recorded)
            {
                Snackbar.Add(L["Violations.Recorded"], Severity.Success);
                accountNumber = reason = null;
                rows = await Violations.RecentAsync();
            }
            else
            {
                error = L[result.Code ?? "Violations.Refused"];
            }
        }
        finally { busy = false; }
    }
}
