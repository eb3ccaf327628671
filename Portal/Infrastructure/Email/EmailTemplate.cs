using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Portal.Domain.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>What a message says: a subject and plain-text paragraphs (one per line), in the current UI culture.</summary>
public sealed record EmailContent(string Subject, string Body);

/// <summary>
/// The one layout every email the portal writes goes through, in the recipient's language (the caller sets the culture):
/// the body's paragraphs, one action link (first, so it is the link a reader and a test find first), and a footer that says
/// why the message came — with the unsubscribe and settings links when its topic is a choice, or that it is an account
/// message. Text is HTML-encoded here, so names typed by users stay text. The plain-text part is derived from this HTML
/// (<see cref="EmailMime.PlainText"/>), so both parts come from one template.
/// </summary>
public static class EmailTemplate
{
    public sealed record Links(string? Action, string? ActionText, string? Unsubscribe, string? Settings);

    public static (string Subject, string Html) Render(IStringLocalizer l, EmailContent content, NotificationTopic topic, Links links)
    {
        var html = new StringBuilder();
        foreach (var paragraph in content.Body.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        if (links.Action is not null)
            html.Append("<p><a href=\"").Append(Encode(links.Action)).Append("\">").Append(Encode(links.ActionText ?? l["Email.OpenInPortal"].Value)).Append("</a></p>");
        html.Append("<p><small>");
        if (NotificationTopics.IsChoosable(topic) && links.Unsubscribe is not null)
        {
            html.Append(Encode(l["Email.Footer.Topic", TopicName(l, topic)].Value)).Append("<br>")
                .Append("<a href=\"").Append(Encode(links.Unsubscribe)).Append("\">").Append(Encode(l["Email.Footer.Unsubscribe"].Value)).Append("</a>");
            if (links.Settings is not null)
                html.Append(" · <a href=\"").Append(Encode(links.Settings)).Append("\">").Append(Encode(l["Email.Footer.Settings"].Value)).Append("</a>");
        }
        else
        {
            html.Append(Encode(l["Email.Footer.Account"].Value));
        }
        html.Append("<br>").Append(Encode(l["Layout.Footer"].Value)).Append("</small></p>");
        return ($"{l["Email.SubjectPrefix"].Value} · {content.Subject}", html.ToString());
    }

    /// <summary>The topic's name as the settings page shows it.</summary>
    public static string TopicName(IStringLocalizer l, NotificationTopic topic) => topic switch
    {
        NotificationTopic.Alerts => l["NotificationTopic.Alerts"],
        NotificationTopic.Complaints => l["NotificationTopic.Complaints"],
        NotificationTopic.Statements => l["NotificationTopic.Statements"],
        NotificationTopic.Service => l["NotificationTopic.Service"],
        NotificationTopic.Offers => l["NotificationTopic.Offers"],
        _ => l["NotificationTopic.Account"],
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
