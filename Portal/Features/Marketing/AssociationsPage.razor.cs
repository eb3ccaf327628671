using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain.Common;

namespace Portal.Features.Marketing;

public partial class AssociationsPage
{
    [Inject] private AssociationAnalysisService Analysis { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private AssociationRunView? run;
    private IReadOnlyList<AssociationRuleView> rules = [];
    private bool showAll;
    private bool running;
    private string? error;
    private AssociationRuleView? selected;
    private IReadOnlyList<AssociationTarget>? targets;

    private int months = 12;
    private double minSupportPct = 1;
    private double minConfidencePct = 5;
    private int maxItems = 2;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (run is not null)
        {
            (months, minSupportPct, minConfidencePct, maxItems) = (run.Months, run.MinSupport * 100, run.MinConfidence * 100, run.MaxItems);
        }
    }

    private async Task LoadAsync()
    {
        run = await Analysis.LatestRunAsync();
        rules = run is null ? [] : await Analysis.RulesAsync(run.Id, showAll);
    }

    private async Task ShowAllChangedAsync(bool value)
    {
        showAll = value;
        await LoadAsync();
    }

    private async Task RunNowAsync()
    {
        running = true;
        error = null;
        try
        {
            var user = (await Auth).User;
            await Analysis.RunNowAsync(user, new AssociationRunRequest(months, minSupportPct / 100, minConfidencePct / 100, maxItems));
            selected = null;
            targets = null;
            await LoadAsync();
        }
        catch (DomainException e)
        {
            error = L[e.Code];
        }
        finally
        {
            running = false;
        }
    }

    private async Task ShowTargetsAsync(AssociationRuleView rule)
    {
        selected = rule;
        targets = await Analysis.TargetsAsync((await Auth).User, rule.Id);
    }

    private static string Pct(double x) => (x * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%";
}
