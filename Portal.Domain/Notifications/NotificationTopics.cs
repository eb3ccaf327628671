namespace Portal.Domain.Notifications;

/// <summary>What a message is about; a customer chooses the channels per topic, except for <see cref="Account"/>.</summary>
public enum NotificationTopic
{
    /// <summary>Security and account messages (sign-in, access to an account, answers to the customer's own applications, a
    /// change to their terms, a message from their account manager) and staff notices: always sent, not a preference.</summary>
    Account = 0,
    /// <summary>Usage and bill alerts the customer set up.</summary>
    Alerts = 1,
    /// <summary>Status changes of the customer's complaints.</summary>
    Complaints = 2,
    /// <summary>A new monthly statement is ready. A service message (the paper bill's successor), so on until turned off.</summary>
    Statements = 3,
    /// <summary>Service requests and visits: their outcome and the invitation to rate a completed job.</summary>
    Service = 4,
    /// <summary>Marketing: campaign offers. Opt-in (PIPL): off until the customer turns it on.</summary>
    Offers = 5,
}

public enum NotificationChannel
{
    /// <summary>The portal's notification bell.</summary>
    Portal = 0,
    Email = 1,
}

/// <summary>Which topic each notification kind belongs to, and what a customer who never chose receives.</summary>
public static class NotificationTopics
{
    /// <summary>The topics a customer chooses channels for, in the order the settings page lists them.</summary>
    public static readonly IReadOnlyList<NotificationTopic> Choosable =
        [NotificationTopic.Alerts, NotificationTopic.Complaints, NotificationTopic.Statements, NotificationTopic.Service, NotificationTopic.Offers];

    public static readonly IReadOnlyList<NotificationChannel> Channels = [NotificationChannel.Portal, NotificationChannel.Email];

    private static readonly Dictionary<string, NotificationTopic> ByKind = new(StringComparer.Ordinal)
    {
        ["UsageForecastAboveThreshold"] = NotificationTopic.Alerts,
        ["UsageTierNear"] = NotificationTopic.Alerts,
        ["ComplaintSubmitted"] = NotificationTopic.Complaints,
        ["ComplaintRouted"] = NotificationTopic.Complaints,
        ["ComplaintContacted"] = NotificationTopic.Complaints,
        ["ComplaintReplied"] = NotificationTopic.Complaints,
        ["ComplaintResolved"] = NotificationTopic.Complaints,
        ["ComplaintClosed"] = NotificationTopic.Complaints,
        ["ComplaintReopened"] = NotificationTopic.Complaints,
        ["StatementReady"] = NotificationTopic.Statements,
        ["ServiceRequested"] = NotificationTopic.Service,
        ["ServiceRequestDone"] = NotificationTopic.Service,
        ["ServiceRequestDeclined"] = NotificationTopic.Service,
        ["RateActivity"] = NotificationTopic.Service,
        ["CampaignOffer"] = NotificationTopic.Offers,
        // Always sent: access to an account is a security matter; answers to the customer's own application, a change of
        // their credit terms and a personal message from their manager are part of the service they asked for.
        ["AccountJoinRequested"] = NotificationTopic.Account,
        ["AccountJoinSent"] = NotificationTopic.Account,
        ["AccountJoinApproved"] = NotificationTopic.Account,
        ["AccountJoinDenied"] = NotificationTopic.Account,
        ["AccountAccessRevoked"] = NotificationTopic.Account,
        ["SwitchApproved"] = NotificationTopic.Account,
        ["SwitchRejected"] = NotificationTopic.Account,
        ["CreditTierChanged"] = NotificationTopic.Account,
        ["ManagerReplied"] = NotificationTopic.Account,
        // Staff notices: part of the job, not a preference.
        ["ComplaintEscalated"] = NotificationTopic.Account,
        ["ManagerMessage"] = NotificationTopic.Account,
        ["ServiceRequestAssigned"] = NotificationTopic.Account,
        ["ComplaintCustomerMessage"] = NotificationTopic.Account,
    };

    /// <summary>The topic of a notification kind. An unlisted kind is an account message (a test lists every kind the portal sends).</summary>
    public static NotificationTopic Of(string kind) => ByKind.GetValueOrDefault(kind, NotificationTopic.Account);

    public static bool IsClassified(string kind) => ByKind.ContainsKey(kind);

    public static bool IsChoosable(NotificationTopic topic) => Choosable.Contains(topic);

    /// <summary>
    /// What applies before the customer chooses: everything on, except offers, which need consent on every channel. Statements
    /// start on: telling a customer their bill is ready is part of the supply contract (as the paper bill was), not marketing.
    /// </summary>
    public static bool DefaultOn(NotificationTopic topic, NotificationChannel channel) => topic != NotificationTopic.Offers;

    /// <summary>Whether a message of the topic goes out on the channel, given the customer's stored choice (null: never chosen).</summary>
    public static bool Allows(NotificationTopic topic, NotificationChannel channel, bool? chosen) =>
        !IsChoosable(topic) || (chosen ?? DefaultOn(topic, channel));
}
