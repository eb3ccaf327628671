using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Domain.Notifications;
using Portal.Features.Notifications;
using Portal.Infrastructure.Email;

namespace Portal.Tests.Integration;

/// <summary>
/// Preferences asked at send time, unsubscribe links that work without signing in (GET confirms, POST unsubscribes,
/// RFC 8058 one-click), and delivery through a real SMTP server that honours an unsubscribe made after a message was queued.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class NotificationPreferencesTests(PortalHost host) : IClassFixture<PortalHost>
{
    private NotificationService Notifications => host.Services.GetRequiredService<NotificationService>();
    private NotificationPreferencesService Preferences => host.Services.GetRequiredService<NotificationPreferencesService>();
    private UnsubscribeTokens Tokens => host.Services.GetRequiredService<UnsubscribeTokens>();

    private sealed record TestUser(string Id, string Email, ClaimsPrincipal Principal);

    /// <summary>A new customer login, made through Identity, who has never opened the settings page.</summary>
    private async Task<TestUser> NewCustomerAsync(string culture = "zh-CN")
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"notify-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "张三", PreferredCulture = culture };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple 1")).Succeeded);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email)], "test"));
        return new TestUser(user.Id, email, principal);
    }

    private async Task ChooseAsync(TestUser user, NotificationTopic topic, bool portal, bool email)
    {
        var current = (await Preferences.GetAsync(user.Principal))!;
        var topics = current.Topics.Select(t => t.Topic == topic ? new TopicChoice(topic, portal, email) : t).ToList();
        Assert.True(await Preferences.SaveAsync(user.Principal, current with { Topics = topics }));
    }

    private static EmailContent Content() => new("户号 0001 用电提醒", "您的用电量接近下一阶梯。");

    private Task NotifyAsync(TestUser user, string kind) =>
        Notifications.NotifyAsync(user.Id, kind, "0001", "/usage", Content);

    private async Task<(int Bell, List<EmailMessage> Mail)> ReceivedAsync(TestUser user, string kind)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var bell = await db.Notifications.CountAsync(n => n.UserId == user.Id && n.Kind == kind);
        var mail = await db.EmailMessages.AsNoTracking().Where(m => m.To == user.Email).OrderBy(m => m.Id).ToListAsync();
        return (bell, mail);
    }

    private static string Token(string url) => Uri.UnescapeDataString(url[(url.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

    [Fact]
    public async Task Email_turned_off_for_a_topic_is_not_written_while_the_bell_still_rings_and_the_other_way_round()
    {
        var user = await NewCustomerAsync();
        await ChooseAsync(user, NotificationTopic.Alerts, portal: true, email: false);
        await NotifyAsync(user, "UsageTierNear");
        var (bell, mail) = await ReceivedAsync(user, "UsageTierNear");
        Assert.Equal((1, 0), (bell, mail.Count));

        await ChooseAsync(user, NotificationTopic.Alerts, portal: false, email: true);
        await NotifyAsync(user, "UsageTierNear");
        (bell, mail) = await ReceivedAsync(user, "UsageTierNear");
        Assert.Equal((1, 1), (bell, mail.Count));
        Assert.Equal((user.Id, NotificationTopic.Alerts), (mail[0].UserId, mail[0].Topic));
    }

    [Fact]
    public async Task A_customer_who_never_chose_gets_alerts_in_both_places_but_no_offer_anywhere_until_opting_in()
    {
        var user = await NewCustomerAsync();
        await NotifyAsync(user, "UsageTierNear");
        await NotifyAsync(user, "CampaignOffer");
        Assert.Equal(1, (await ReceivedAsync(user, "UsageTierNear")).Bell);
        var (offerBell, mail) = await ReceivedAsync(user, "CampaignOffer");
        Assert.Equal(0, offerBell);
        Assert.DoesNotContain(mail, m => m.Topic == NotificationTopic.Offers);

        await ChooseAsync(user, NotificationTopic.Offers, portal: true, email: true);
        await NotifyAsync(user, "CampaignOffer");
        (offerBell, mail) = await ReceivedAsync(user, "CampaignOffer");
        Assert.Equal(1, offerBell);
        Assert.Single(mail, m => m.Topic == NotificationTopic.Offers);
    }

    [Fact]
    public async Task Account_messages_go_out_whatever_the_settings_and_carry_no_unsubscribe_link()
    {
        var user = await NewCustomerAsync();
        foreach (var topic in NotificationTopics.Choosable) await ChooseAsync(user, topic, portal: false, email: false);
        await NotifyAsync(user, "AccountJoinApproved");
        var (bell, mail) = await ReceivedAsync(user, "AccountJoinApproved");
        Assert.Equal(1, bell);
        var message = Assert.Single(mail);
        Assert.Null(message.UnsubscribeUrl);
        Assert.Null(message.Topic);
        Assert.DoesNotContain("/unsubscribe", message.HtmlBody);
        Assert.Contains("不受通知设置影响", message.HtmlBody);
    }

    [Fact]
    public async Task Saving_settings_is_audited_and_bad_input_writes_nothing()
    {
        var user = await NewCustomerAsync();
        await ChooseAsync(user, NotificationTopic.Offers, portal: true, email: false);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == NotificationPreferencesService.ChangedAction && a.Target == $"user:{user.Id}");
            Assert.Equal("Offers.Portal:on", entry.Detail);
        }
        var current = (await Preferences.GetAsync(user.Principal))!;
        Assert.False(await Preferences.SaveAsync(user.Principal, current with { Culture = "fr-FR" }));
        Assert.False(await Preferences.SaveAsync(user.Principal, current with { Topics = [.. current.Topics, new TopicChoice(NotificationTopic.Account, false, false)] }));
        Assert.Equal("zh-CN", (await Preferences.GetAsync(user.Principal))!.Culture);
    }

    [Fact]
    public async Task The_link_in_the_email_shows_a_confirmation_on_GET_without_signing_in_and_changes_nothing_until_the_button_posts()
    {
        var user = await NewCustomerAsync("en-US");
        await NotifyAsync(user, "ComplaintReplied");
        var message = (await ReceivedAsync(user, "ComplaintReplied")).Mail.Single();
        var pageLink = System.Text.RegularExpressions.Regex.Match(message.HtmlBody, "href=\"([^\"]*/unsubscribe\\?t=[^\"]+)\"").Groups[1].Value;
        pageLink = WebUtility.HtmlDecode(pageLink);
        Assert.StartsWith($"{host.PublicUri}unsubscribe?t=", pageLink);

        using var client = host.Client();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await client.Http.GetStringAsync(pageLink);
        Assert.Contains("Stop emails about Complaint updates?", page);
        Assert.True(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Complaints, NotificationChannel.Email)));

        var action = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]+)\"").Groups[1].Value);
        var posted = await client.Http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["source"] = "page" }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.False(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Complaints, NotificationChannel.Email)));
        var after = await client.Http.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("You no longer receive emails about Complaint updates", after);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == NotificationPreferencesService.UnsubscribedAction && a.Target == $"user:{user.Id}"
            && a.Detail == "Complaints.Email:off;via=page"));
    }

    [Fact]
    public async Task The_RFC_8058_one_click_post_unsubscribes_at_once_and_suppresses_the_queued_email_of_that_topic_only()
    {
        var user = await NewCustomerAsync();
        await NotifyAsync(user, "UsageTierNear");
        await NotifyAsync(user, "ComplaintReplied");
        var mail = (await ReceivedAsync(user, "UsageTierNear")).Mail;
        var alert = mail.Single(m => m.Topic == NotificationTopic.Alerts);

        using var client = host.Client();
        var response = await client.Http.PostAsync(alert.UnsubscribeUrl!.Replace(host.PublicUri.ToString(), "/"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await host.Db.CreateDbContextAsync();
        var rows = await db.EmailMessages.AsNoTracking().Where(m => m.To == user.Email).ToListAsync();
        Assert.Equal(EmailStatus.Suppressed, rows.Single(m => m.Topic == NotificationTopic.Alerts).Status);
        Assert.Equal(EmailStatus.Queued, rows.Single(m => m.Topic == NotificationTopic.Complaints).Status);
        Assert.False(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Alerts, NotificationChannel.Email)));
        Assert.True(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Alerts, NotificationChannel.Portal)));
    }

    [Theory]
    [InlineData("en-US", "This link does not work")]
    [InlineData("zh-CN", "此链接无效")]
    public async Task An_altered_or_expired_token_is_refused_with_a_clear_message_and_changes_nothing(string language, string message)
    {
        var user = await NewCustomerAsync();
        var good = Tokens.Create(new UnsubscribeRequest(user.Id, NotificationTopic.Alerts, NotificationChannel.Email));
        var altered = good[..^3] + (good[^3] == 'A' ? "B" : "A") + good[^2..];
        var expired = Tokens.Create(new UnsubscribeRequest(user.Id, NotificationTopic.Alerts, NotificationChannel.Email), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotNull(Tokens.Read(good));

        using var client = host.Client();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        foreach (var token in new[] { altered, expired, "" })
        {
            var page = WebUtility.HtmlDecode(await client.Http.GetStringAsync($"/unsubscribe?t={Uri.EscapeDataString(token)}"));
            Assert.Contains(message, page);
            var post = await client.Http.PostAsync($"/unsubscribe/one-click?t={Uri.EscapeDataString(token)}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        Assert.True(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Alerts, NotificationChannel.Email)));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Set<NotificationPreferenceRow>().AnyAsync(r => r.UserId == user.Id));
    }

    [Fact]
    public async Task A_GET_of_the_one_click_address_by_a_link_scanner_lands_on_the_confirmation_page_and_changes_nothing()
    {
        var user = await NewCustomerAsync();
        var token = Tokens.Create(new UnsubscribeRequest(user.Id, NotificationTopic.Service, NotificationChannel.Email));
        using var client = host.Client();
        var response = await client.Http.GetAsync($"/unsubscribe/one-click?t={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/unsubscribe?t=", response.Headers.Location!.OriginalString);
        Assert.True(await Preferences.IsOnAsync(new UnsubscribeRequest(user.Id, NotificationTopic.Service, NotificationChannel.Email)));
    }

    [Fact]
    public async Task Delivered_mail_carries_the_list_unsubscribe_headers_in_the_recipients_language_and_a_later_unsubscribe_stops_the_queued_rest()
    {
        var zh = await NewCustomerAsync("zh-CN");
        var en = await NewCustomerAsync("en-US");
        await NotifyAsync(zh, "ComplaintReplied");
        await NotifyAsync(en, "ComplaintReplied");
        await NotifyAsync(en, "UsageTierNear");
        // The customer turns alerts off after the email was queued, outside the link (another instance, the settings page):
        // the delivery job asks again before sending.
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            db.Add(new NotificationPreferenceRow { UserId = en.Id, Topic = NotificationTopic.Alerts, Channel = NotificationChannel.Email, Enabled = false, UpdatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var smtp = await SmtpTestServer.StartAsync();
        var options = new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None", FromAddress = "noreply@kuitun.example" } };
        await new EmailDeliveryJob(host.Db, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<EmailDeliveryJob>.Instance)
            .RunAsync(CancellationToken.None);

        var chinese = Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == zh.Email));
        var english = Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == en.Email));
        Assert.StartsWith("国网奎屯供电 · ", chinese.Subject);
        Assert.Contains("退订此类邮件", chinese.TextBody!);
        Assert.StartsWith("PowerMarketing · ", english.Subject);
        Assert.Contains("Stop these emails (", english.TextBody!);
        foreach (var message in new[] { chinese, english })
        {
            var header = message.Headers[MimeKit.HeaderId.ListUnsubscribe]!;
            Assert.Matches($"^<{System.Text.RegularExpressions.Regex.Escape(host.PublicUri.ToString())}unsubscribe/one-click\\?t=[^>]+>$", header);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.NotNull(Tokens.Read(Token(header.Trim('<', '>'))));
            Assert.Contains($"href=\"{host.PublicUri}usage\"", message.HtmlBody);
            Assert.DoesNotContain("张三", message.HtmlBody);   // the display name is not needed for this message
        }
        await using var check = await host.Db.CreateDbContextAsync();
        var suppressed = await check.EmailMessages.AsNoTracking().SingleAsync(m => m.To == en.Email && m.Topic == NotificationTopic.Alerts);
        Assert.Equal(EmailStatus.Suppressed, suppressed.Status);
    }
}
