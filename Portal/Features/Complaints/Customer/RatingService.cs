using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Complaints.Customer;

public sealed record RatingView(Guid Id, SatisfactionLevel Level, int Score, string? Comment, DateTime SubmittedAt, DateTime EditableUntil, bool CanEdit, int Version);

public sealed record ActivityItem(Guid Id, Guid AccountId, string AccountNumber, ServiceActivityType Type, DateTime CompletedAtUtc,
    string Summary, string StaffName, RatingView? Rating)
{
    public bool AwaitsRating => Rating is null;
}

public sealed record RatingInput(SatisfactionLevel Level, int Score, string? Comment);

public sealed record RatingResult(bool Ok, IReadOnlyList<ComplaintError> Errors, ComplaintDraft? OfferedComplaint)
{
    public static RatingResult Fail(string code) => new(false, [new ComplaintError(code)], null);
}

/// <summary>Ratings of completed service activities: one per activity and customer, editable for 7 days.</summary>
public sealed class RatingService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, ComplaintClock clock, AuditService audit)
{
    /// <summary>Completed activities of the customer's own accounts, those awaiting a rating first.</summary>
    public async Task<IReadOnlyList<ActivityItem>> ActivitiesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (userId is null || own.Count == 0) return [];
        var nowUtc = clock.Now.AddHours(-8);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ServiceActivities.AsNoTracking()
            .Where(a => own.Contains(a.AccountId) && a.CompletedAtUtc <= nowUtc)
            .Join(db.Accounts, a => a.AccountId, acc => acc.Id, (a, acc) => new { a, acc.AccountNumber })
            .OrderByDescending(x => x.a.CompletedAtUtc)
            .Select(x => new { x.a.Id, x.a.AccountId, x.AccountNumber, x.a.Type, x.a.CompletedAtUtc, x.a.Summary, x.a.StaffName })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var ratings = await db.ServiceRatings.AsNoTracking().Where(r => r.CustomerUserId == userId && ids.Contains(r.ActivityId)).ToListAsync(ct);
        var now = clock.Now;
        return rows.Select(r =>
            {
                var rating = ratings.FirstOrDefault(x => x.ActivityId == r.Id);
                return new ActivityItem(r.Id, r.AccountId, r.AccountNumber, r.Type, r.CompletedAtUtc, r.Summary, r.StaffName,
                    rating is null ? null : new RatingView(rating.Id, rating.Level, rating.Score, rating.Comment, rating.SubmittedAt,
                        rating.EditableUntil, rating.CanEdit(now), rating.Version));
            })
            .OrderByDescending(a => a.AwaitsRating).ThenByDescending(a => a.CompletedAtUtc)
            .ToList();
    }

    /// <summary>Rates the activity, or edits the customer's rating of it inside the 7-day window.</summary>
    public async Task<RatingResult> RateAsync(ClaimsPrincipal user, Guid activityId, RatingInput input, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return RatingResult.Fail("Rating.ActivityNotFound");
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await db.ServiceActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && own.Contains(a.AccountId), ct);
        if (activity is null) return RatingResult.Fail("Rating.ActivityNotFound");
        var problems = ServiceRating.Validate(input.Level, input.Score, input.Comment);
        if (problems.Count > 0) return new(false, problems.Select(p => new ComplaintError(p.Code)).ToList(), null);

        var now = clock.Now;
        var rating = await db.ServiceRatings.FirstOrDefaultAsync(r => r.ActivityId == activityId && r.CustomerUserId == userId, ct);
        try
        {
            if (rating is null)
            {
                rating = ServiceRating.Submit(new RateableActivity(activity.Id, activity.Type, activity.AccountId, ComplaintClock.ToLocal(activity.CompletedAtUtc)),
                    userId, input.Level, input.Score, input.Comment, now);
                db.ServiceRatings.Add(rating);
            }
            else
            {
                rating.Edit(userId, input.Level, input.Score, input.Comment, now);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return RatingResult.Fail(e.Code);
        }
        catch (DbUpdateException)
        {
            // A second tab rated at the same moment: the unique index kept one rating.
            return RatingResult.Fail("Complaints.Conflict");
        }
        await audit.RecordAsync(new AuditEvent("ActivityRated", "activity:" + activityId, Detail: $"score {input.Score}", UserId: userId), ct);
        return new(true, [], rating.OffersComplaint ? rating.BuildComplaintDraft() : null);
    }

    /// <summary>The prefilled complaint for a poorly rated activity of the customer's; null when none is offered.</summary>
    public async Task<ComplaintDraft?> ComplaintDraftAsync(ClaimsPrincipal user, Guid activityId, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rating = await db.ServiceRatings.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ActivityId == activityId && r.CustomerUserId == userId && own.Contains(r.AccountId), ct);
        return rating is { OffersComplaint: true } ? rating.BuildComplaintDraft() : null;
    }
}
