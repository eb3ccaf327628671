using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Resources;

namespace Portal.Features.Credit;

public partial class CreditPage
{
    [Parameter] public Guid AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private CreditService Credit { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private CreditPageView? view;
    private bool loading = true;
    private bool sending;
    private int sent;
    private List<BreadcrumbItem> crumbs = [];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        crumbs = [new(Loc["Nav.Credit"], "/credit"), new(AccountId.ToString()[..8], null, disabled: true)];
        view = await Credit.AccountAsync((await Auth).User, AccountId);
        if (view is not null) crumbs[1] = new(view.AccountNumber, null, disabled: true);
        loading = false;
    }

    private async Task SendAsync(string body)
    {
        sending = true;
        try
        {
            var outcome = await Credit.SendToManagerAsync((await Auth).User, AccountId, body);
            switch (outcome)
            {
                case MessageOutcome.Sent:
                    Snackbar.Add(Loc["Credit.MessageSent"], Severity.Success);
                    view = await Credit.AccountAsync((await Auth).User, AccountId);
                    sent++;
                    break;
                case MessageOutcome.Invalid:
                    Snackbar.Add(Loc["Credit.MessageInvalid", Domain.Credit.ManagerMessage.MaxLength], Severity.Error);
                    break;
                case MessageOutcome.NoManager:
                    Snackbar.Add(Loc["Credit.NoManager"], Severity.Warning);
                    break;
                default:
                    Snackbar.Add(Loc["Credit.NotFound"], Severity.Error);
                    break;
            }
        }
        finally { sending = false; }
    }
}
