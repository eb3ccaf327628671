using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Portal.Domain.Notifications;

namespace Portal.Features.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How long an unsubscribe link in an email keeps working.</summary>
    public int UnsubscribeLinkDays { get; set; } = 90;
}

public sealed record UnsubscribeRequest(string UserId, NotificationTopic Topic, NotificationChannel Channel);

/// <summary>
/// The signed, time-limited token in an email's unsubscribe link: it names the user, the topic and the channel, so the
/// link works without signing in and cannot be altered to reach anyone else's settings. Data Protection keys are shared
/// by every instance (they live in the database), so any instance honours a link another one wrote.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Portal.Notifications.Unsubscribe.v1").ToTimeLimitedDataProtector();

    public string Create(UnsubscribeRequest request) =>
        Create(request, clock.GetUtcNow().AddDays(options.Value.UnsubscribeLinkDays));

    public string Create(UnsubscribeRequest request, DateTimeOffset expires) =>
        _protector.Protect(string.Join('\n', request.UserId, ((int)request.Topic).ToString(CultureInfo.InvariantCulture),
            ((int)request.Channel).ToString(CultureInfo.InvariantCulture)), expires);

    /// <summary>The request a token carries; null when it was altered, has expired or names no choosable topic.</summary>
    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return null;
        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = text.Split('\n');
        if (parts.Length != 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var topic)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var channel)
            || !NotificationTopics.IsChoosable((NotificationTopic)topic) || !Enum.IsDefined((NotificationChannel)channel))
            return null;
        return new UnsubscribeRequest(parts[0], (NotificationTopic)topic, (NotificationChannel)channel);
    }
}
