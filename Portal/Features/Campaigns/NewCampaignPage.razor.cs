using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Data;
using Portal.Domain.Campaigns;
using Portal.Domain.Common;
using Portal.Domain.Marketing;
using Portal.Features.Tariffs;

namespace Portal.Features.Campaigns;

public partial class NewCampaignPage
{
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private TariffCatalog Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    /// <summary>The association rule to start from: its antecedent becomes the filter.</summary>
    [SupplyParameterFromQuery(Name = "rule")] public long? RuleId { get; set; }

    // Fixed for the life of the page, so the preview's treatment/control split is exactly the launch's.
    private readonly Guid campaignId = Guid.NewGuid();
    private (IReadOnlyList<string> Antecedent, string Outcome)? rule;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> choices = new Dictionary<string, IReadOnlyList<string>>();
    private readonly Dictionary<string, string> filter = new(StringComparer.Ordinal);
    private string name = "";
    private string? offerKey;
    private int controlPercent = ControlAssignment.DefaultControlPercent;
    private int days = Campaign.DefaultDays;
    private CampaignPreview? preview;
    private string? error;
    private bool launching;
    private bool IsManagerOnly;

    private IEnumerable<string> ExtraItems => filter.Where(f => !CampaignText.FilterAttributes.Contains(f.Key))
        .Select(f => MarketingVocabulary.Item(f.Key, f.Value)).OrderBy(i => i, StringComparer.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        IsManagerOnly = !user.IsInRole(Roles.Admin);
        choices = await Campaigns.FilterChoicesAsync(user);
        if (RuleId is { } id && await Campaigns.RuleAsync(id) is { } r)
        {
            rule = r;
            foreach (var item in r.Antecedent)
            {
                var attribute = AssociationMiner.Attribute(item);
                filter[attribute] = item[(attribute.Length + 1)..];
            }
        }
    }

    private async Task OfferChangedAsync(string key)
    {
        offerKey = key;
        await PreviewAsync();
    }

    private async Task FilterChangedAsync(string attribute, string value)
    {
        if (string.IsNullOrEmpty(value)) filter.Remove(attribute);
        else filter[attribute] = value;
        await PreviewAsync();
    }

    private async Task RemoveAsync(string item)
    {
        filter.Remove(AssociationMiner.Attribute(item));
        await PreviewAsync();
    }

    private async Task ControlChangedAsync(int value)
    {
        controlPercent = value;
        await PreviewAsync();
    }

    private CampaignDraft? Draft() => CampaignOffers.ParseKey(offerKey) is { } offer
        ? new CampaignDraft(campaignId, name, offer.Kind, offer.Code, filter.Select(f => MarketingVocabulary.Item(f.Key, f.Value)).ToList(),
            rule is null ? null : RuleId, controlPercent, days)
        : null;

    private async Task PreviewAsync()
    {
        error = null;
        if (Draft() is not { } draft) { preview = null; return; }
        try
        {
            preview = await Campaigns.PreviewAsync((await Auth).User, draft);
        }
        catch (DomainException e)
        {
            preview = null;
            error = L[e.Code];
        }
    }

    private async Task LaunchAsync()
    {
        if (Draft() is not { } draft) return;
        launching = true;
        error = null;
        try
        {
            var result = await Campaigns.LaunchAsync((await Auth).User, draft);
            if (result.Ok) Navigation.NavigateTo($"/backoffice/campaigns/{result.Id}");
            else error = L[result.ErrorKey!];
        }
        finally
        {
            launching = false;
        }
    }
}
