using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Security;

/// <summary>Actions taken inside a circuit (SignalR), where the HTTP rate limiter never sees them.</summary>
public enum InteractiveAction
{
    AccountBinding,
    ComplaintSubmission,
    ReadingsImport,
}

/// <summary>
/// Per-user limits on expensive or guessable actions inside a circuit (RateLimits:*). The same user in another
/// window or on another device shares the budget; the HTTP forms are limited per IP by <see cref="RateLimitPolicies.Auth"/>.
/// </summary>
public sealed class InteractiveLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(InteractiveAction Action, string User)> _limiter;

    public InteractiveLimiter(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(InteractiveAction Action, string User), (InteractiveAction, string)>(key =>
        {
            var (permits, window) = key.Action switch
            {
                InteractiveAction.AccountBinding => (o.BindingAttemptsPer15Minutes, TimeSpan.FromMinutes(15)),
                InteractiveAction.ComplaintSubmission => (o.ComplaintsPerHour, TimeSpan.FromHours(1)),
                _ => (o.ImportsPerHour, TimeSpan.FromHours(1)),
            };
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
        });
    }

    /// <summary>Takes one permit; false (with the wait when known) once the user's budget for the action is spent.</summary>
    public bool TryAcquire(InteractiveAction action, string userId, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire((action, userId));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public bool TryAcquire(InteractiveAction action, string userId) => TryAcquire(action, userId, out _);

    public void Dispose() => _limiter.Dispose();
}
