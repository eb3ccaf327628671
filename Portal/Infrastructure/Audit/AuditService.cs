using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Audit;

public sealed record AuditEvent(string Action, string? Target = null, string Outcome = "Success", string? Detail = null,
    string? UserId = null, string? UserName = null, string? Endpoint = null, string? ClientIp = null);

public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenId, string Message);

/// <summary>Appends hash-chained audit records and verifies the chain.</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IHttpContextAccessor http)
{
    // One writer at a time keeps the chain linear inside one instance; the unique Id catches a race across instances.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task RecordAsync(AuditEvent e, CancellationToken ct = default)
    {
        var ctx = http.HttpContext;
        var entry = new AuditEntry
        {
            // Whole microseconds: the finest PostgreSQL stores, so the hashed value is the stored value on every provider.
            AtUtc = TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
            UserId = e.UserId ?? ctx?.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            UserName = e.UserName ?? ctx?.User.Identity?.Name,
            Action = e.Action,
            Target = e.Target,
            Outcome = e.Outcome,
            Endpoint = e.Endpoint ?? ctx?.GetEndpointKind().ToString(),
            ClientIp = e.ClientIp ?? ctx?.Connection.RemoteIpAddress?.ToString(),
            Detail = e.Detail is { Length: > 1000 } d ? d[..1000] : e.Detail,
        };

        await Gate.WaitAsync(ct);
        try
        {
            // Another instance may take the next id between our read and our insert: its unique key refuses ours,
            // and we link to its record instead.
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
                entry.Id = (last?.Id ?? 0) + 1;
                entry.PreviousHash = last?.Hash ?? "";
                entry.Hash = ComputeHash(entry);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    await Task.Delay(Random.Shared.Next(5, 50) * attempt, ct);
                }
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private const int MaxAttempts = 8;

    internal static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, t.Kind);

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = "";
        long expectedId = 0, count = 0;
        var first = true;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            // Retention may have removed the oldest records: the chain starts at the first one kept.
            if (!first && e.Id != expectedId)
                return new(false, count, e.Id, $"Record(s) before id {e.Id} are missing (expected id {expectedId}).");
            if (!first && e.PreviousHash != previous)
                return new(false, count, e.Id, $"Record {e.Id} does not link to the record before it.");
            if (ComputeHash(e) != e.Hash)
                return new(false, count, e.Id, $"Record {e.Id} was modified after it was written.");
            previous = e.Hash;
            expectedId = e.Id + 1;
            first = false;
            count++;
        }
        return new(true, count, null, $"{count} audit record(s) verified; the chain is intact.");
    }

    internal static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('\u001f', e.Id, e.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture), e.UserId, e.UserName, e.Action, e.Target, e.Outcome,
            e.Endpoint, e.ClientIp, e.Detail, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
