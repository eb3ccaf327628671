namespace Portal.Infrastructure.Email;

/// <summary>
/// Email delivery. Every message is first stored in the database (the outbox of record, readable at /backoffice/mail);
/// with <see cref="SmtpOptions.Host"/> set, <see cref="EmailDeliveryJob"/> delivers it through that SMTP server.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts before a message that keeps failing temporarily is given up (Failed).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Back-off after the first temporary failure; doubled after each further one, capped at six hours.</summary>
    public int FirstRetrySeconds { get; set; } = 60;

    /// <summary>A claim older than this means the sender died mid-way: the message is marked Uncertain, never resent by itself.</summary>
    public int SendingLeaseMinutes { get; set; } = 10;

    /// <summary>A message still unsent this long after it was written is not sent at all (Expired): reset links and alerts go stale.</summary>
    public int MaxAgeHours { get; set; } = 24;

    /// <summary>Messages sent per run of the delivery job (the job runs every minute).</summary>
    public int BatchSize { get; set; } = 50;

    public bool SmtpEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    /// <summary>SMTP server host; empty keeps every message in the database sink only.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string FromAddress { get; set; } = "noreply@powermarketing.local";
    public string FromName { get; set; } = "国网奎屯供电 PowerMarketing";
    public int TimeoutSeconds { get; set; } = 30;
}
