using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Notifications;

namespace Portal.Infrastructure.Email;

public sealed record EmailDeliveryResult(int Sent, int Deferred, int Failed, int Uncertain);

/// <summary>
/// Recurring (every minute): delivers the outbox through the configured SMTP server. At most once per message: a
/// message is claimed (Sending) before it is handed to the server and recorded after; a claim that outlives its lease
/// (the sender died in between) becomes Uncertain and is never resent by itself. A 4xx answer or a lost connection
/// defers the message with a doubling back-off; a 5xx answer, or running out of attempts, fails it with the server's words.
/// A message about a topic the recipient has turned off for email since it was written is not sent (Suppressed).
/// </summary>
public sealed class EmailDeliveryJob(IDbContextFactory<AppDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider clock,
    ILogger<EmailDeliveryJob> log, Telemetry.PortalMetrics? metrics = null)
{
    public const string Id = "email-delivery";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    public async Task<EmailDeliveryResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.SmtpEnabled) return new(0, 0, 0, 0);
        var uncertain = await ExpireLeasesAsync(o, ct);
        await ExpireStaleAsync(o, ct);

        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.EmailMessages.AsNoTracking()
            .Where(m => (m.Status == EmailStatus.Queued || m.Status == EmailStatus.Deferred) && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now))
            .OrderBy(m => m.Id).Take(o.BatchSize).ToListAsync(ct);
        int sent = 0, deferred = 0, failed = 0;
        if (due.Count == 0) return new(0, 0, 0, uncertain);

        using var smtp = new SmtpClient { Timeout = o.Smtp.TimeoutSeconds * 1000 };
        foreach (var message in due)
        {
            if (await SuppressedAsync(db, message, ct)) continue;   // the recipient turned its topic off since it was written
            if (!await ClaimAsync(db, message, ct)) continue;   // another instance has it
            try
            {
                if (!smtp.IsConnected) await ConnectAsync(smtp, o.Smtp, ct);
                var answer = await smtp.SendAsync(EmailMime.Build(message, o.Smtp), ct);
                await RecordAsync(db, message.Id, EmailStatus.Sent, Trim(answer), null, ct);
                sent++;
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
            {
                await RecordAsync(db, message.Id, EmailStatus.Failed, Trim($"{(int)ex.StatusCode} {ex.Message}"), null, ct);
                failed++;
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or SocketException or IOException
                                           or ServiceNotConnectedException or TimeoutException or SslHandshakeException or AuthenticationException)
            {
                var answer = ex is SmtpCommandException c ? $"{(int)c.StatusCode} {c.Message}" : $"{ex.GetType().Name}: {ex.Message}";
                if (message.Attempts + 1 >= o.MaxAttempts)
                {
                    await RecordAsync(db, message.Id, EmailStatus.Failed, Trim(answer), null, ct);
                    failed++;
                }
                else
                {
                    await RecordAsync(db, message.Id, EmailStatus.Deferred, Trim(answer), Now + Backoff(o, message.Attempts + 1), ct);
                    deferred++;
                }
                log.LogWarning("Email {MessageId} not delivered (attempt {Attempt}): {Answer}", message.Id, message.Attempts + 1, answer);
                if (ex is not SmtpCommandException) break;   // the server is unreachable: leave the rest for the next run
            }
        }
        if (smtp.IsConnected) await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        Count("sent", sent);
        Count("deferred", deferred);
        Count("failed", failed);
        Count("uncertain", uncertain);
        return new(sent, deferred, failed, uncertain);
    }

    /// <summary>Back-off before attempt n+1 after n attempts: first, 2×first, 4×first … capped at six hours.</summary>
    public static TimeSpan Backoff(EmailOptions o, int attempts)
    {
        var seconds = o.FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return seconds >= MaxBackoff.TotalSeconds ? MaxBackoff : TimeSpan.FromSeconds(seconds);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void Count(string result, int n)
    {
        if (n > 0) metrics?.EmailDeliveries.Add(n, new KeyValuePair<string, object?>("result", result));
    }

    private async Task<int> ExpireLeasesAsync(EmailOptions o, CancellationToken ct)
    {
        var before = Now - TimeSpan.FromMinutes(o.SendingLeaseMinutes);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailMessages.Where(m => m.Status == EmailStatus.Sending && m.ClaimedAtUtc < before)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailStatus.Uncertain)
                .SetProperty(m => m.LastResult, "The sender stopped while sending; not resent automatically (it may have been delivered).")
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
    }

    private async Task ExpireStaleAsync(EmailOptions o, CancellationToken ct)
    {
        var before = Now - TimeSpan.FromHours(o.MaxAgeHours);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EmailMessages.Where(m => (m.Status == EmailStatus.Queued || m.Status == EmailStatus.Deferred) && m.CreatedAtUtc < before)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailStatus.Expired)
                .SetProperty(m => m.LastResult, $"Not sent: older than {o.MaxAgeHours} hours.")
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
    }

    private static async Task<bool> SuppressedAsync(AppDbContext db, EmailMessage message, CancellationToken ct)
    {
        if (message.UserId is null || message.Topic is not { } topic) return false;
        if (await RecipientChoices.AllowsAsync(db, message.UserId, topic, NotificationChannel.Email, ct)) return false;
        await RecipientChoices.SuppressQueuedAsync(db, message.UserId, topic, ct);
        return true;
    }

    private async Task<bool> ClaimAsync(AppDbContext db, EmailMessage message, CancellationToken ct)
    {
        var now = Now;
        var claimed = await db.EmailMessages
            .Where(m => m.Id == message.Id && m.Version == message.Version && (m.Status == EmailStatus.Queued || m.Status == EmailStatus.Deferred))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailStatus.Sending)
                .SetProperty(m => m.ClaimedAtUtc, now)
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
        return claimed == 1;
    }

    private async Task RecordAsync(AppDbContext db, long id, EmailStatus status, string answer, DateTime? nextAttempt, CancellationToken ct)
    {
        var now = Now;
        await db.EmailMessages.Where(m => m.Id == id && m.Status == EmailStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastResult, answer)
                .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                .SetProperty(m => m.SentAtUtc, status == EmailStatus.Sent ? now : null)
                .SetProperty(m => m.ClaimedAtUtc, (DateTime?)null)
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
    }

    private static async Task ConnectAsync(SmtpClient smtp, SmtpOptions o, CancellationToken ct)
    {
        var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await smtp.ConnectAsync(o.Host, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName)) await smtp.AuthenticateAsync(o.UserName, o.Password, ct);
    }

    private static string Trim(string text) => text.Length <= 500 ? text : text[..500];
}
