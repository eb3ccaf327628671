using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Features.Complaints.Customer;

public partial class ActivitiesPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private RatingService Ratings { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<ActivityItem>? items;
    private Guid? offer;

    protected override async Task OnInitializedAsync() => items = await Ratings.ActivitiesAsync((await Auth).User);

    private async Task Rate(ActivityItem activity)
    {
        var parameters = new DialogParameters<RateActivityDialog> { { d => d.Activity, activity } };
        var dialog = await Dialogs.ShowAsync<RateActivityDialog>(L["Activities.RateTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not RatingResult saved) return;
        Snackbar.Add(L["Activities.Saved"], Severity.Success);
        offer = saved.OfferedComplaint is not null ? activity.Id : null;
        items = await Ratings.ActivitiesAsync((await Auth).User);
    }
}
