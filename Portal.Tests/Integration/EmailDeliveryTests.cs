using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Data;
using Portal.Infrastructure.Email;
using SmtpServer.Protocol;

namespace Portal.Tests.Integration;

/// <summary>The outbox delivered through a real SMTP server (in-process, on a loopback port) by the real delivery job.</summary>
[Collection(PortalCollection.Name)]
public class EmailDeliveryTests(PortalHost host) : IClassFixture<PortalHost>
{
    private sealed class Clock(DateTime utc) : TimeProvider
    {
        public DateTime Utc { get; set; } = utc;
        public override DateTimeOffset GetUtcNow() => new(Utc, TimeSpan.Zero);
    }

    private static EmailOptions Options(int port) => new()
    {
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", FromAddress = "noreply@kuitun.example", FromName = "国网奎屯供电" },
        MaxAttempts = 3,
        FirstRetrySeconds = 60,
        SendingLeaseMinutes = 10,
        MaxAgeHours = 24,
    };

    private EmailDeliveryJob Job(EmailOptions o, TimeProvider clock) =>
        new(host.Db, Microsoft.Extensions.Options.Options.Create(o), clock, NullLogger<EmailDeliveryJob>.Instance);

    /// <summary>Queues a message through the product's sender (the outbox) and returns its row id.</summary>
    private async Task<long> QueueAsync(string to, string subject, string html, DateTime? createdAtUtc = null)
    {
        await host.Services.GetRequiredService<IPortalEmailSender>().SendAsync(to, subject, html);
        await using var db = await host.Db.CreateDbContextAsync();
        var row = await db.EmailMessages.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstAsync();
        if (createdAtUtc is { } at)
            await db.EmailMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAtUtc, at));
        return row.Id;
    }

    private async Task<EmailMessage> RowAsync(long id)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.EmailMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static string To(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task A_queued_message_arrives_with_its_subject_an_html_part_a_plain_text_twin_with_the_link_and_a_stable_message_id()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var to = To("household");
        var id = await QueueAsync(to, "国网奎屯供电 · 重置密码", "<p>请点击 <a href=\"https://portal.example/Account/ResetPassword?code=abc\">此链接</a> 重置密码。</p>");

        var result = await Job(Options(smtp.Port), TimeProvider.System).RunAsync(CancellationToken.None);

        var message = Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == to));
        Assert.Equal("国网奎屯供电 · 重置密码", message.Subject);
        Assert.Equal("noreply@kuitun.example", message.From.Mailboxes.Single().Address);
        Assert.Equal($"pm-{id}@kuitun.example", message.MessageId);
        Assert.Contains("href=\"https://portal.example/Account/ResetPassword?code=abc\"", message.HtmlBody);
        Assert.Equal("请点击 此链接 (https://portal.example/Account/ResetPassword?code=abc) 重置密码。", message.TextBody!.Trim());
        Assert.True(result.Sent >= 1);
        var row = await RowAsync(id);
        Assert.Equal((EmailStatus.Sent, 1), (row.Status, row.Attempts));
        Assert.NotNull(row.SentAtUtc);
        Assert.NotNull(row.LastResult);
    }

    [Fact]
    public async Task A_refused_connection_defers_the_message_with_a_back_off_and_the_next_run_after_it_delivers_it_once()
    {
        var port = PortalHost.FreePort();   // nothing listens here yet
        var clock = new Clock(DateTime.UtcNow);
        var to = To("retry");
        var id = await QueueAsync(to, "Bill issued", "<p>Your bill is ready.</p>", clock.Utc);
        var job = Job(Options(port), clock);

        await job.RunAsync(CancellationToken.None);
        var deferred = await RowAsync(id);
        Assert.Equal((EmailStatus.Deferred, 1), (deferred.Status, deferred.Attempts));
        Assert.Equal(clock.Utc.AddSeconds(60), deferred.NextAttemptAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains("Socket", deferred.LastResult);

        await using var smtp = await SmtpTestServer.StartAsync(port);
        clock.Utc = clock.Utc.AddSeconds(59);   // one second before the back-off ends: not yet
        await job.RunAsync(CancellationToken.None);
        Assert.DoesNotContain(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == to));
        Assert.Equal(EmailStatus.Deferred, (await RowAsync(id)).Status);

        clock.Utc = clock.Utc.AddSeconds(1);
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == to));
        Assert.Equal((EmailStatus.Sent, 2), ((await RowAsync(id)).Status, (await RowAsync(id)).Attempts));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_until_the_attempts_run_out_and_a_permanent_one_fails_at_once_with_the_servers_words()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var clock = new Clock(DateTime.UtcNow);
        var job = Job(Options(smtp.Port), clock);

        smtp.Answer = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox here");
        var permanent = await QueueAsync(To("gone"), "Alert", "<p>High usage</p>", clock.Utc);
        await job.RunAsync(CancellationToken.None);
        var failed = await RowAsync(permanent);
        Assert.Equal((EmailStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains("no such mailbox here", failed.LastResult);

        smtp.Answer = new SmtpResponse((SmtpReplyCode)451, "try later");
        var temporary = await QueueAsync(To("busy"), "Alert", "<p>High usage</p>", clock.Utc);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal((EmailStatus.Deferred, 1), ((await RowAsync(temporary)).Status, (await RowAsync(temporary)).Attempts));
        clock.Utc = clock.Utc.AddSeconds(60);       // 2nd attempt after 60 s
        await job.RunAsync(CancellationToken.None);
        Assert.Equal((EmailStatus.Deferred, 2), ((await RowAsync(temporary)).Status, (await RowAsync(temporary)).Attempts));
        clock.Utc = clock.Utc.AddSeconds(120);      // 3rd (last of MaxAttempts = 3) after 120 s
        await job.RunAsync(CancellationToken.None);
        var exhausted = await RowAsync(temporary);
        Assert.Equal((EmailStatus.Failed, 3), (exhausted.Status, exhausted.Attempts));
        Assert.Contains("try later", exhausted.LastResult);
    }

    [Fact]
    public async Task A_sender_killed_between_sending_and_recording_never_sends_the_message_again()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var clock = new Clock(DateTime.UtcNow);
        var to = To("crash");
        var id = await QueueAsync(to, "Statement", "<p>Your statement</p>", clock.Utc);
        using var kill = new CancellationTokenSource();
        smtp.OnReceived = m => { if (m.To.Mailboxes.Any(b => b.Address == to)) kill.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Job(Options(smtp.Port), clock).RunAsync(kill.Token));
        smtp.OnReceived = null;
        Assert.Equal(EmailStatus.Sending, (await RowAsync(id)).Status);

        var job = Job(Options(smtp.Port), clock);
        await job.RunAsync(CancellationToken.None);                  // within the lease: left alone
        Assert.Equal(EmailStatus.Sending, (await RowAsync(id)).Status);
        clock.Utc = clock.Utc.AddMinutes(10).AddSeconds(1);
        var result = await job.RunAsync(CancellationToken.None);      // lease over: uncertain, not resent
        await job.RunAsync(CancellationToken.None);

        Assert.True(result.Uncertain >= 1);
        Assert.Equal(EmailStatus.Uncertain, (await RowAsync(id)).Status);
        Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == to));
    }

    [Fact]
    public async Task A_message_older_than_the_maximum_age_is_expired_instead_of_sent_and_one_just_younger_is_sent()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var now = DateTime.UtcNow;
        var stale = await QueueAsync(To("stale"), "Reset", "<p>old link</p>", now.AddHours(-24).AddSeconds(-1));
        var fresh = await QueueAsync(To("fresh"), "Reset", "<p>new link</p>", now.AddHours(-24).AddSeconds(30));

        await Job(Options(smtp.Port), new Clock(now)).RunAsync(CancellationToken.None);

        Assert.Equal(EmailStatus.Expired, (await RowAsync(stale)).Status);
        Assert.Equal(EmailStatus.Sent, (await RowAsync(fresh)).Status);
    }

    [Fact]
    public async Task Without_an_smtp_host_nothing_is_sent_and_the_outbox_keeps_the_message_queued()
    {
        var id = await QueueAsync(To("sink"), "Hello", "<p>hi</p>");
        var result = await Job(new EmailOptions(), TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(new EmailDeliveryResult(0, 0, 0, 0), result);
        Assert.Equal(EmailStatus.Queued, (await RowAsync(id)).Status);
    }
}
