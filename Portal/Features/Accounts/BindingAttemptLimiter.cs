using System.Threading.RateLimiting;

namespace Portal.Features.Accounts;

/// <summary>
/// Binding attempts made inside a circuit never reach the HTTP rate limiter, so they are limited here:
/// 5 attempts per user per 15 minutes (the registration form is limited per IP at the endpoint).
/// </summary>
public sealed class BindingAttemptLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 5,
            Window = TimeSpan.FromMinutes(15),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
