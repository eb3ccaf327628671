using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Charts;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>
/// Recommendations for one account. The readings are loaded once; the what-if sliders re-price in memory,
/// debounced (<see cref="DebounceMs"/>) and one computation at a time per circuit, so dragging cannot queue work.
/// </summary>
public sealed partial class TariffsPage : IDisposable
{
    public const int DebounceMs = 250;

    [Parameter] public Guid AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private RecommendationService Recommendations { get; set; } = default!;
    [Inject] private SwitchService Switches { get; set; } = default!;
    [Inject] private TariffCatalog Catalog { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource? _debounce;
    private RecommendationInputs? inputs;
    private Recommendation? recommendation;
    /// <summary>When the figures on screen are the nightly ones (no what-if applied); null once re-priced live.</summary>
    private DateTime? storedAtUtc;
    private BusinessAdvice? advice;
    private IReadOnlyList<SwitchRow> requests = [];
    private string? blocker;
    private DateOnly? nextAllowed;
    private bool loading = true, computing, showTable;
    private int shift, cut;
    private PlotSpec chart = new();

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        var user = (await Auth).User;
        inputs = await Recommendations.LoadAsync(user, AccountId);
        if (inputs is not null)
        {
            // The nightly figures when still valid; the advisor needs the monthly bills, so business accounts price live too.
            var stored = await Recommendations.StoredAsync(inputs);
            storedAtUtc = stored?.ComputedAtUtc;
            recommendation = stored?.Recommendation ?? RecommendationService.Recommend(inputs);
            advice = inputs.Account.Profile.IsBusiness
                ? RecommendationService.Advise(inputs, stored is null ? recommendation : RecommendationService.Recommend(inputs))
                : null;
            BuildChart();
            await LoadSwitchesAsync(user);
        }
        loading = false;
    }

    private async Task LoadSwitchesAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        requests = await Switches.ForAccountAsync(user, AccountId);
        blocker = await Switches.BlockerAsync(AccountId);
        nextAllowed = blocker == "Switch.TooSoon"
            ? requests.Where(r => r.Status == SwitchStatus.Approved).Select(r => (DateOnly?)r.EffectiveFrom.AddMonths(Switches.LimitMonths)).Max()
            : null;
    }

    private Task OnShift(int v) { shift = v; return Reprice(); }
    private Task OnCut(int v) { cut = v; return Reprice(); }

    private async Task Reprice()
    {
        if (_debounce is not null) await _debounce.CancelAsync();
        var cts = _debounce = new CancellationTokenSource();
        try { await Task.Delay(DebounceMs, cts.Token); }
        catch (TaskCanceledException) { return; }
        if (!await _gate.WaitAsync(0)) return; // a computation is running: it picks up the latest values before it ends
        try
        {
            computing = true;
            StateHasChanged();
            (int Shift, int Cut) done;
            do
            {
                done = (shift, cut);
                var whatIf = new WhatIf(done.Shift, done.Cut);
                recommendation = await Task.Run(() => RecommendationService.Recommend(inputs!, whatIf));
            } while (done != (shift, cut));
            storedAtUtc = null;
            BuildChart();
        }
        finally
        {
            computing = false;
            _gate.Release();
            StateHasChanged();
        }
    }

    private void BuildChart()
    {
        if (recommendation?.Current is not { } current) return;
        var all = new[] { current }.Concat(recommendation.Options.Select(o => o.Cost)).ToList();
        // Packages by their names (the current one marked), never by their codes; long names read best on horizontal bars.
        chart = new PlotSpec
        {
            Kind = PlotKind.HorizontalBar,
            Labels = all.Select((c, i) => i == 0 ? $"{PackageName(c.PackageCode)} ({L["Reco.CurrentShort"]})" : PackageName(c.PackageCode)).ToArray(),
            Series = [new(L["Reco.AnnualCost"], all.Select(c => (double?)c.AnnualCost.Yuan).ToArray())],
            Unit = "¥",
        };
    }

    private async Task ConfirmApply(string code)
    {
        var effective = Domain.Tariffs.SwitchPolicy.EffectiveFrom(Switches.Today);
        var ok = await Dialogs.ShowMessageBoxAsync(L["Switch.ConfirmTitle"],
            L["Switch.ConfirmBody", PackageName(code), Components.Shared.Format.Date(effective), Switches.LimitMonths],
            yesText: L["Switch.Apply"], cancelText: L["Common.Cancel"]);
        if (ok != true) return;
        var user = (await Auth).User;
        var result = await Switches.ApplyAsync(user, AccountId, code);
        if (result.Ok) Snackbar.Add(L["Switch.Applied"], Severity.Success);
        else Snackbar.Add(L[result.ErrorKey!], Severity.Warning);
        await LoadSwitchesAsync(user);
    }

    /// <summary>Shifting peak to valley only changes a price where the current or an eligible package has time of use.</summary>
    private bool CanShift => inputs is { } i && i.Candidates.Where(p => p.Code == i.Current.Code || p.IsEligibleFor(i.Account.Profile))
        .Any(p => p.Energy.TimeOfUse is not null);

    private string PackageName(string code) => Catalog.TryGet(code, out var p) ? TariffText.PackageName(p!) : code;

    private static string Percent(decimal share) => share.ToString("0%", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        _debounce?.Cancel();
        _debounce?.Dispose();
        _gate.Dispose();
    }
}
