using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Notifications;

namespace Portal.Features.Notifications;

public partial class NotificationSettingsPage
{
    [Inject] private NotificationPreferencesService Preferences { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private sealed class Choice(NotificationTopic topic, bool portal, bool email)
    {
        public NotificationTopic Topic { get; } = topic;
        public bool Portal { get; set; } = portal;
        public bool Email { get; set; } = email;
    }

    private List<Choice>? topics;
    private string culture = "zh-CN";
    private string? error;
    private bool saving;

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        var settings = await Preferences.GetAsync(user);
        if (settings is null) return;
        topics = settings.Topics.Select(t => new Choice(t.Topic, t.Portal, t.Email)).ToList();
        culture = settings.Culture;
    }

    private string Description(NotificationTopic topic) => topic switch
    {
        NotificationTopic.Alerts => L["NotifySettings.AlertsHint"],
        NotificationTopic.Complaints => L["NotifySettings.ComplaintsHint"],
        NotificationTopic.Statements => L["NotifySettings.StatementsHint"],
        NotificationTopic.Service => L["NotifySettings.ServiceHint"],
        NotificationTopic.Offers => L["NotifySettings.OffersHint"],
        _ => "",
    };

    private async Task SaveAsync()
    {
        if (topics is null) return;
        saving = true;
        error = null;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            var ok = await Preferences.SaveAsync(user, new NotificationSettings(topics.Select(t => new TopicChoice(t.Topic, t.Portal, t.Email)).ToList(), culture));
            if (ok) Snackbar.Add(L["NotifySettings.Saved"], Severity.Success);
            else error = L["NotifySettings.Invalid"];
        }
        finally
        {
            saving = false;
        }
    }
}
