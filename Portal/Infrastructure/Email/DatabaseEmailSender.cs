using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Notifications;
using Portal.Infrastructure.Localization;
using Portal.Resources;

namespace Portal.Infrastructure.Email;

/// <summary>A message ready for the outbox; <see cref="UserId"/> and <see cref="Topic"/> let the delivery job honour a later unsubscribe.</summary>
public sealed record OutgoingEmail(string To, string Subject, string HtmlBody, string? UserId = null, NotificationTopic? Topic = null, string? UnsubscribeUrl = null);

/// <summary>
/// The outbox: every message is stored first (admins read them on the internal endpoint at /backoffice/mail), and
/// <see cref="EmailDeliveryJob"/> delivers it through the SMTP server when Email:Smtp:Host is set. Without one the
/// table is the development sink. Identity's account emails are account messages: sent whatever the user's settings,
/// in their stored language.
/// </summary>
public sealed class DatabaseEmailSender(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : IEmailSender<ApplicationUser>, IPortalEmailSender
{
    // Identity hands the links over HTML-encoded (they went into HTML before); the template encodes once itself.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAccountAsync(user, email, "Email.Confirm.Subject", "Email.Confirm.Body", WebUtility.HtmlDecode(confirmationLink), "Email.Confirm.Action");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAccountAsync(user, email, "Email.Reset.Subject", "Email.Reset.Body", WebUtility.HtmlDecode(resetLink), "Email.Reset.Action");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode)
    {
        using var _ = CultureScope.Use(user.PreferredCulture);
        var (subject, html) = EmailTemplate.Render(l, new EmailContent(l["Email.Reset.Subject"], l["Email.Reset.Code", resetCode]),
            NotificationTopic.Account, new EmailTemplate.Links(null, null, null, null));
        return SendAsync(email, subject, html);
    }

    public Task SendAsync(string to, string subject, string htmlBody, CancellationToken ct = default) =>
        EnqueueAsync(new OutgoingEmail(to, subject, htmlBody), ct);

    public async Task EnqueueAsync(OutgoingEmail message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.EmailMessages.Add(Row(message, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The outbox row of a message, for a caller that writes it in its own SaveChanges with other rows.</summary>
    public static EmailMessage Row(OutgoingEmail message, DateTime createdAtUtc) => new()
    {
        To = message.To,
        Subject = message.Subject,
        HtmlBody = message.HtmlBody,
        CreatedAtUtc = createdAtUtc,
        UserId = message.UserId,
        Topic = message.Topic,
        UnsubscribeUrl = message.UnsubscribeUrl,
    };

    private Task SendAccountAsync(ApplicationUser user, string email, string subjectKey, string bodyKey, string link, string actionKey)
    {
        using var _ = CultureScope.Use(user.PreferredCulture);
        var (subject, html) = EmailTemplate.Render(l, new EmailContent(l[subjectKey], l[bodyKey]), NotificationTopic.Account,
            new EmailTemplate.Links(link, l[actionKey], null, null));
        return SendAsync(email, subject, html);
    }
}

public interface IPortalEmailSender
{
    Task SendAsync(string to, string subject, string htmlBody, CancellationToken ct = default);

    Task EnqueueAsync(OutgoingEmail message, CancellationToken ct = default);
}
