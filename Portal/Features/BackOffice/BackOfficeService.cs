using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Audit;

namespace Portal.Features.BackOffice;

public sealed record MailRow(long Id, string To, string Subject, string HtmlBody, DateTime CreatedAtUtc, EmailStatus Status, int Attempts, DateTime? SentAtUtc, string? LastResult);
public sealed record AuditRow(long Id, DateTime AtUtc, string? UserName, string Action, string? Target, string Outcome, string? Endpoint, string? ClientIp, string? Detail);

public sealed class BackOfficeService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<MailRow> Rows, int Total)> MailAsync(int page, int pageSize, string? to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.EmailMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to)) q = q.Where(m => m.To.Contains(to));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(m => m.Id).Skip(page * pageSize).Take(pageSize)
            .Select(m => new MailRow(m.Id, m.To, m.Subject, m.HtmlBody, m.CreatedAtUtc, m.Status, m.Attempts, m.SentAtUtc, m.LastResult)).ToListAsync(ct);
        return (rows, total);
    }

    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> AuditAsync(int page, int pageSize, string? action, string? user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action)) q = q.Where(a => a.Action == action);
        if (!string.IsNullOrWhiteSpace(user)) q = q.Where(a => a.UserName != null && a.UserName.Contains(user));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.Id).Skip(page * pageSize).Take(pageSize)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.UserName, a.Action, a.Target, a.Outcome, a.Endpoint, a.ClientIp, a.Detail)).ToListAsync(ct);
        return (rows, total);
    }
}
