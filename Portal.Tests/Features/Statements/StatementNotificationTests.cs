using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Notifications;
using Portal.Features.Notifications;
using Portal.Features.Statements;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Localization;
using Portal.Resources;

namespace Portal.Tests.Features.Statements;

/// <summary>
/// "Your statement for October is ready": announced by the real issuing job to the account's users, once per statement,
/// as each user's Statements choice allows, and delivered through a real SMTP server in the reader's language.
/// Each test takes its own billing period of a portal of its own, so counts are not disturbed by other tests.
/// </summary>
[Collection(PortalCollection.Name)]
public class StatementNotificationTests(StatementNotificationTests.Host host) : IClassFixture<StatementNotificationTests.Host>
{
    public sealed class Host() : PortalHost(6, 4);

    private IssueStatementsJob Job => host.Services.GetRequiredService<IssueStatementsJob>();
    private NotificationPreferencesService Preferences => host.Services.GetRequiredService<NotificationPreferencesService>();

    private sealed record TestUser(string Id, string Email, ClaimsPrincipal Principal);

    /// <summary>A customer login made through Identity and bound to the account, as an approved join would.</summary>
    private async Task<TestUser> CustomerOfAsync(Guid accountId, string culture = "zh-CN")
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"statement-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "张三", PreferredCulture = culture };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple 1")).Succeeded);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            db.AccountBindings.Add(new AccountBinding(user.Id, accountId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email)], "test"));
        return new TestUser(user.Id, email, principal);
    }

    private async Task ChooseAsync(TestUser user, bool portal, bool email)
    {
        var current = (await Preferences.GetAsync(user.Principal))!;
        var topics = current.Topics.Select(t => t.Topic == NotificationTopic.Statements ? new TopicChoice(t.Topic, portal, email) : t).ToList();
        Assert.True(await Preferences.SaveAsync(user.Principal, current with { Topics = topics }));
    }

    /// <summary>The n-th latest billing period and one of its bills (the same account every time).</summary>
    private async Task<(DateOnly Period, Guid AccountId, Guid BillId, string AccountNumber)> PeriodAsync(int back)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var periods = await db.Bills.Select(b => b.PeriodStart).Distinct().OrderByDescending(p => p).ToListAsync();
        Assert.True(periods.Count > back, $"the demo has {periods.Count} billing periods");
        var period = periods[back];
        var earliest = periods[^1];
        var accounts = await db.Bills.Where(b => b.PeriodStart == earliest).Select(b => b.AccountId).ToListAsync();
        var bill = await db.Bills.AsNoTracking().Where(b => b.PeriodStart == period && accounts.Contains(b.AccountId)).OrderBy(b => b.AccountId).FirstAsync();
        var number = await db.Accounts.Where(a => a.Id == bill.AccountId).Select(a => a.AccountNumber).SingleAsync();
        return (period, bill.AccountId, bill.Id, number);
    }

    private async Task<(List<Notification> Bell, List<EmailMessage> Mail)> ReceivedAsync(TestUser user)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var bell = await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id && n.Kind == StatementNotifier.Kind).ToListAsync();
        var mail = await db.EmailMessages.AsNoTracking().Where(m => m.To == user.Email).OrderBy(m => m.Id).ToListAsync();
        return (bell, mail);
    }

    private async Task<(int Bell, int Mail, int Notices)> TotalsAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return (await db.Notifications.CountAsync(n => n.Kind == StatementNotifier.Kind),
            await db.EmailMessages.CountAsync(m => m.Topic == NotificationTopic.Statements),
            await db.Set<StatementNoticeRow>().CountAsync());
    }

    private async Task<Guid> StatementIdAsync(Guid billId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Statements.Where(s => s.BillId == billId && s.Revision == 1).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task Each_statement_is_announced_once_to_every_user_of_its_account_and_a_rerun_or_a_second_issue_announces_nothing()
    {
        var (period, accountId, billId, number) = await PeriodAsync(0);
        var first = await CustomerOfAsync(accountId);
        var second = await CustomerOfAsync(accountId, "en-US");

        var run = await Job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);

        Assert.True(run.Issued > 1);
        Assert.Equal(run.Issued, run.Announced);
        var statementId = await StatementIdAsync(billId);
        foreach (var user in new[] { first, second })
        {
            var (bell, mail) = await ReceivedAsync(user);
            var item = Assert.Single(bell);
            Assert.Equal($"/statements/{statementId}", item.Link);
            Assert.Equal(NotificationArguments.Join(number, period.ToString("yyyy-MM", CultureInfo.InvariantCulture)), item.Arguments);
            var email = Assert.Single(mail);
            Assert.Equal((user.Id, NotificationTopic.Statements, EmailStatus.Queued), (email.UserId, email.Topic, email.Status));
        }
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var issued = await db.Statements.Where(s => s.PeriodStart == period).Select(s => s.Id).ToListAsync();
            var notices = await db.Set<StatementNoticeRow>().Where(n => issued.Contains(n.StatementId)).ToListAsync();
            Assert.Equal(issued.Order(), notices.Select(n => n.StatementId).Order());
            var bound = await db.AccountBindings.CountAsync(b => b.AccountId == accountId);
            Assert.Equal(bound, notices.Single(n => n.StatementId == statementId).Recipients);
        }
        var totals = await TotalsAsync();

        var again = await Job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        Assert.Equal((0, 0), (again.Issued, again.Announced));
        Assert.Equal(0, await host.Services.GetRequiredService<StatementNotifier>().NotifyPeriodAsync(period, CancellationToken.None));
        var reissue = await host.Services.GetRequiredService<StatementIssuer>().IssueAsync(billId);
        Assert.Equal((IssueOutcome.AlreadyIssued, statementId), (reissue.Outcome, reissue.StatementId));

        Assert.Equal(totals, await TotalsAsync());
        Assert.Single((await ReceivedAsync(first)).Bell);
        Assert.Single((await ReceivedAsync(second)).Mail);
    }

    [Fact]
    public async Task The_statements_choice_is_honoured_on_each_channel_and_turning_email_off_later_suppresses_the_queued_one()
    {
        var (period, accountId, _, _) = await PeriodAsync(1);
        var neverChose = await CustomerOfAsync(accountId);
        var optedIn = await CustomerOfAsync(accountId);
        await ChooseAsync(optedIn, portal: true, email: true);
        var bellOnly = await CustomerOfAsync(accountId);
        await ChooseAsync(bellOnly, portal: true, email: false);
        var emailOnly = await CustomerOfAsync(accountId);
        await ChooseAsync(emailOnly, portal: false, email: true);
        var nothing = await CustomerOfAsync(accountId);
        await ChooseAsync(nothing, portal: false, email: false);
        var changesMind = await CustomerOfAsync(accountId);

        await Job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);

        async Task<(int, int)> CountsAsync(TestUser u)
        {
            var (bell, mail) = await ReceivedAsync(u);
            return (bell.Count, mail.Count(m => m.Topic == NotificationTopic.Statements));
        }
        Assert.Equal((1, 1), await CountsAsync(neverChose));   // a service message: on until the customer turns it off
        Assert.Equal((1, 1), await CountsAsync(optedIn));
        Assert.Equal((1, 0), await CountsAsync(bellOnly));
        Assert.Equal((0, 1), await CountsAsync(emailOnly));
        Assert.Equal((0, 0), await CountsAsync(nothing));
        Assert.Equal((1, 1), await CountsAsync(changesMind));

        // The customer follows the email's unsubscribe link before the delivery job ran: the queued statement email is not sent.
        var queued = (await ReceivedAsync(changesMind)).Mail.Single();
        var token = Regex.Match(queued.UnsubscribeUrl!, "[?&]t=([^&]+)").Groups[1].Value;
        var request = host.Services.GetRequiredService<UnsubscribeTokens>().Read(Uri.UnescapeDataString(token))!;
        Assert.Equal((changesMind.Id, NotificationTopic.Statements, NotificationChannel.Email), (request.UserId, request.Topic, request.Channel));
        Assert.Equal(UnsubscribeOutcome.Unsubscribed, await Preferences.UnsubscribeAsync(request, "test"));
        Assert.Equal(EmailStatus.Suppressed, (await ReceivedAsync(changesMind)).Mail.Single().Status);
        Assert.Equal(EmailStatus.Queued, (await ReceivedAsync(optedIn)).Mail.Single().Status);
    }

    [Fact]
    public async Task The_delivered_email_names_the_month_in_the_readers_language_links_to_the_statement_and_carries_no_amount_or_name()
    {
        var (period, accountId, billId, number) = await PeriodAsync(2);
        var zh = await CustomerOfAsync(accountId, "zh-CN");
        var en = await CustomerOfAsync(accountId, "en-US");
        await Job.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None);
        var statementId = await StatementIdAsync(billId);
        decimal amount;
        await using (var db = await host.Db.CreateDbContextAsync())
            amount = await db.Bills.Where(b => b.Id == billId).Select(b => b.Amount).SingleAsync();

        await using var smtp = await SmtpTestServer.StartAsync();
        var options = new EmailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None", FromAddress = "noreply@kuitun.example" },
            BatchSize = 1000,
        };
        await new EmailDeliveryJob(host.Db, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<EmailDeliveryJob>.Instance)
            .RunAsync(CancellationToken.None);

        var chinese = Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == zh.Email));
        var english = Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == en.Email));
        Assert.Equal($"国网奎屯供电 · 您{period.Year}年{period.Month}月的电费对账单已出", chinese.Subject);
        Assert.Equal($"PowerMarketing · Your statement for {period.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-US"))} is ready", english.Subject);
        Assert.Contains($"户号 {number} {period.Year}年{period.Month}月的电费对账单已出", chinese.TextBody);
        Assert.Contains("在自助服务平台查看", chinese.TextBody);
        Assert.Contains("“电费账单”", chinese.TextBody);   // the footer names the topic the reader can turn off
        Assert.Contains($"The statement of account {number} for", english.TextBody);
        Assert.Contains("Stop these emails (", english.TextBody);
        var tokens = host.Services.GetRequiredService<UnsubscribeTokens>();
        foreach (var (message, user) in new[] { (chinese, zh), (english, en) })
        {
            Assert.Contains($"href=\"{host.PublicUri}statements/{statementId}\"", message.HtmlBody);
            var header = message.Headers[MimeKit.HeaderId.ListUnsubscribe]!;
            Assert.Matches($"^<{Regex.Escape(host.PublicUri.ToString())}unsubscribe/one-click\\?t=[^>]+>$", header);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            var request = tokens.Read(Uri.UnescapeDataString(Regex.Match(header, "t=([^>&]+)").Groups[1].Value))!;
            Assert.Equal((user.Id, NotificationTopic.Statements, NotificationChannel.Email), (request.UserId, request.Topic, request.Channel));
            foreach (var part in new[] { message.HtmlBody, message.TextBody })
            {
                Assert.DoesNotContain("张三", part);   // no name: the account number says which account
                Assert.DoesNotContain(user.Email, part);
                Assert.DoesNotContain("¥", part);   // no amount: it is on the statement, behind the sign-in
                Assert.DoesNotContain(amount.ToString("#,##0.00", CultureInfo.InvariantCulture), part);
            }
        }
    }

    [Theory]
    [InlineData("zh-CN", "户号 0012345678：2026年10月电费对账单已出")]
    [InlineData("en-US", "Account 0012345678: your statement for October 2026 is ready")]
    public void The_bell_names_the_month_in_the_readers_language(string culture, string expected)
    {
        var l = host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var item = new NotificationItem(1, StatementNotifier.Kind, NotificationArguments.Join("0012345678", "2026-10"), "/statements/x", DateTime.UtcNow, false);
        using var _ = CultureScope.Use(culture);
        Assert.Equal(expected, l["Notify." + item.Kind, item.Values].Value);
    }

    [Fact]
    public void A_single_argument_is_passed_on_as_it_is_even_when_it_looks_like_a_month()
    {
        Assert.Equal(["2026-10"], NotificationArguments.Split("2026-10"));
        Assert.Equal(["TS-1", new DateTime(2026, 10, 1)], NotificationArguments.Split(NotificationArguments.Join("TS-1", "2026-10")));
    }
}
