using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Features.Credit;
using Portal.Resources;

namespace Portal.Features.Safety;

public partial class ReportFixedDialog
{
    [Inject] private HazardService Hazards { get; set; } = default!;
    [Inject] private IOptions<CreditOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public HazardRow Hazard { get; set; } = default!;
    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    private DateTime? fixedOn;

    /// <summary>Today in China time, the date hazards are found and fixed in (not the server's own date: UTC here).</summary>
    private DateTime Today => Demo.DemoSeeder.Today(Clock).ToDateTime(TimeOnly.MinValue);

    protected override void OnInitialized() => fixedOn = Today;
    private string? note;
    private IBrowserFile? file;
    private string? error;
    private bool busy;

    private void OnFile(IBrowserFile? f)
    {
        file = f;
        error = null;
    }

    private async Task SubmitAsync()
    {
        if (fixedOn is null) { error = L["Hazards.FixedDateRequired"]; return; }
        if (file is null) { error = L["Hazards.PhotoRequired"]; return; }
        var max = Options.Value.MaxPhotoBytes;
        if (file.Size > max) { error = L["Hazards.TooLarge", max / 1024 / 1024]; return; }
        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(max + 1);
            var result = await Hazards.ReportFixedAsync(User, Hazard.Id, DateOnly.FromDateTime(fixedOn.Value), note, stream, file.Size);
            error = result.Outcome switch
            {
                HazardOutcome.Done => null,
                HazardOutcome.NotAnImage => L["Hazards.NotAnImage"].Value,
                HazardOutcome.TooLarge => L["Hazards.TooLarge", max / 1024 / 1024].Value,
                HazardOutcome.PhotoRequired => L["Hazards.PhotoRequired"].Value,
                HazardOutcome.Refused => L[result.DomainCode ?? "Hazards.Refused"].Value,
                _ => L["Hazards.NotFound"].Value,
            };
            if (error is null)
            {
                Snackbar.Add(L["Hazards.Reported"], Severity.Success);
                Dialog.Close(DialogResult.Ok(true));
            }
        }
        finally
        {
            busy = false;
        }
    }
}
