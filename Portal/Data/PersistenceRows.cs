namespace Portal.Data;

/// <summary>
/// One account-day of interval data, packed (docs/adr/0002-interval-storage.md): 96 quarter-hours in a
/// 384-byte blob instead of 96 rows. Totals are denormalized so month and year queries never unpack.
/// </summary>
public sealed class AccountDayRow
{
    public Guid AccountId { get; set; }
    public DateOnly Date { get; set; }
    public int IntervalMinutes { get; set; }
    public byte[] WattHours { get; set; } = [];
    public byte[] Quality { get; set; } = [];
    public byte[]? VarHours { get; set; }
    public byte[]? DemandWatts { get; set; }
    public long TotalWh { get; set; }
    public long TotalVarh { get; set; }
    public int MaxDemandW { get; set; }
    public int MissingCount { get; set; }
    public int EstimatedCount { get; set; }
    public DateTime ImportedAtUtc { get; set; }
}

/// <summary>Monthly aggregate per account, rebuilt from <see cref="AccountDayRow"/> by the usage roll-up job.</summary>
public sealed class MonthlyUsageRow
{
    public Guid AccountId { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public long TotalWh { get; set; }
    public long TotalVarh { get; set; }
    public int MaxDemandW { get; set; }
    public int Days { get; set; }
    public int MissingCount { get; set; }
    public int EstimatedCount { get; set; }
    public int ExpectedIntervals { get; set; }
    /// <summary>The month's hourly profile sums (<c>ProfileAccumulator.Pack</c>); null when not rolled up since the month's days last changed (the import clears it).</summary>
    public byte[]? ProfileSums { get; set; }
    /// <summary>The month's day totals (<c>MonthDayTotals.Pack</c>); null together with <see cref="ProfileSums"/>.</summary>
    public byte[]? DayTotals { get; set; }
}

/// <summary>A message written to the development email sink; admins read it on the internal endpoint.</summary>
public sealed class EmailMessage
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Delivery state: the table is the outbox of record; <see cref="Infrastructure.Email.EmailDeliveryJob"/> moves it on.</summary>
    public EmailStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When a queued or deferred message is next tried (null: at once).</summary>
    public DateTime? NextAttemptAtUtc { get; set; }
    /// <summary>When a sender claimed it; a claim older than the lease means the sender died mid-way.</summary>
    public DateTime? ClaimedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>The SMTP server's last answer (or the connection error), for the admin's mail page.</summary>
    public string? LastResult { get; set; }
    /// <summary>App-managed concurrency token: one sender claims a message.</summary>
    public int Version { get; set; }
    /// <summary>The portal user it is written to, when it is about a topic they choose (null: an account message).</summary>
    public string? UserId { get; set; }
    /// <summary>The <see cref="Domain.Notifications.NotificationTopic"/>; the delivery job does not send it once the user turned the topic off.</summary>
    public Domain.Notifications.NotificationTopic? Topic { get; set; }
    /// <summary>The one-click unsubscribe address for the List-Unsubscribe header (RFC 8058); null for account messages.</summary>
    public string? UnsubscribeUrl { get; set; }
}

public enum EmailStatus
{
    /// <summary>Waiting for the delivery job (or kept in the database sink when no SMTP server is configured).</summary>
    Queued = 0,
    /// <summary>Claimed by a sender right now.</summary>
    Sending = 1,
    /// <summary>The SMTP server accepted it.</summary>
    Sent = 2,
    /// <summary>A temporary failure (4xx answer or no connection): tried again after a back-off.</summary>
    Deferred = 3,
    /// <summary>A permanent failure (5xx answer) or out of attempts.</summary>
    Failed = 4,
    /// <summary>The sender stopped between sending and recording the result: never resent automatically (at most once).</summary>
    Uncertain = 5,
    /// <summary>Older than Email:MaxAgeHours when a sender first saw it (stored while no SMTP server was configured): not sent, its links would be stale.</summary>
    Expired = 6,
    /// <summary>Not sent: the recipient turned email about its topic off after it was written (an unsubscribe link, the settings page).</summary>
    Suppressed = 7,
}

/// <summary>A notification shown in the portal's notification area.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Localization key of the message, e.g. "Notify.ComplaintReplied".</summary>
    public string Kind { get; set; } = "";
    /// <summary>Invariant argument text (tracking number, amounts) for the message.</summary>
    public string Arguments { get; set; } = "";
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

/// <summary>Tracks what a background job has already processed, so re-runs and sweeps are incremental.</summary>
public sealed class JobCheckpoint
{
    public string Name { get; set; } = "";
    public DateTime LastRunUtc { get; set; }
    public string State { get; set; } = "";
}
