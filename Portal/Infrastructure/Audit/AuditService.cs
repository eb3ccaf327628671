using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Security;

namespace Portal.Infrastructure.Audit;

public sealed record AuditEvent(string Action, string? Target = null, string Outcome = "Success", string? Detail = null,
    string? UserId = null, string? UserName = null, string? Endpoint = null, string? ClientIp = null);

public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenId, string Message);

public sealed record AuditPruneResult(long Pruned, long? ThroughId);

/// <summary>Appends hash-chained audit records, verifies the chain and prunes it by retention without breaking it.</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>The action of the record retention appends after pruning; its detail holds the new chain anchor.</summary>
    public const string PrunedAction = "AuditPruned";

    // One writer at a time keeps the chain linear inside one instance; the unique Id catches a race across instances.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task RecordAsync(AuditEvent e, CancellationToken ct = default)
    {
        var entry = NewEntry(e);
        await Gate.WaitAsync(ct);
        try
        {
            // Another instance may take the next id between our read and our insert: its unique key refuses ours,
            // and we link to its record instead.
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await AppendAsync(db, entry, ct);
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

    /// <summary>
    /// Deletes the oldest records written before <paramref name="beforeUtc"/> (a contiguous prefix of the chain, so a
    /// younger record is never removed even if clocks stepped back) and appends an <see cref="PrunedAction"/> record
    /// carrying the last pruned record's id and hash: the anchor that the first kept record must link to.
    /// </summary>
    public async Task<AuditPruneResult> PruneAsync(DateTime beforeUtc, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var firstYoung = await db.AuditEntries.Where(a => a.AtUtc >= beforeUtc).MinAsync(a => (long?)a.Id, ct);
            var through = firstYoung is { } y ? y - 1 : await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
            var anchor = await db.AuditEntries.Where(a => a.Id == through).Select(a => a.Hash).FirstOrDefaultAsync(ct);
            if (anchor is null) return new(0, null);

            var count = await db.AuditEntries.CountAsync(a => a.Id <= through, ct);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Link the retention record before deleting: when every record is pruned it still follows the last one.
            await AppendAsync(db, NewEntry(new AuditEvent(PrunedAction, $"audit:..{through}",
                Detail: string.Create(CultureInfo.InvariantCulture, $"through={through};anchor={anchor};count={count};before={beforeUtc:O}"),
                UserName: "system")), ct);
            var pruned = await db.AuditEntries.Where(a => a.Id <= through).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(pruned, through);
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var anchor = await LatestAnchorAsync(db, ct);
        var previous = "";
        long expectedId = 0, count = 0;
        var first = true;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (first)
            {
                // The chain starts at id 1 with no predecessor, or - after retention - links to the recorded anchor.
                var (startId, startHash) = anchor ?? (1, "");
                if (e.Id != startId)
                    return new(false, count, e.Id, $"Record(s) before id {e.Id} are missing (expected id {startId}).");
                previous = startHash;
            }
            else if (e.Id != expectedId)
            {
                return new(false, count, e.Id, $"Record(s) before id {e.Id} are missing (expected id {expectedId}).");
            }
            if (e.PreviousHash != previous)
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

    /// <summary>(first kept id, hash it links to) from the latest retention record, or null if nothing was ever pruned.</summary>
    private static async Task<(long, string)?> LatestAnchorAsync(AppDbContext db, CancellationToken ct)
    {
        var detail = await db.AuditEntries.AsNoTracking().Where(a => a.Action == PrunedAction)
            .OrderByDescending(a => a.Id).Select(a => a.Detail).FirstOrDefaultAsync(ct);
        if (detail is null) return null;
        var fields = detail.Split(';').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        return fields.TryGetValue("through", out var t) && long.TryParse(t, CultureInfo.InvariantCulture, out var through) && fields.TryGetValue("anchor", out var hash)
            ? (through + 1, hash)
            : (0, ""); // a retention record without a readable anchor can never verify
    }

    private const int MaxAttempts = 8;

    internal static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, t.Kind);

    private AuditEntry NewEntry(AuditEvent e)
    {
        var ctx = http.HttpContext;
        return new AuditEntry
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
    }

    private static async Task AppendAsync(AppDbContext db, AuditEntry entry, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
        entry.Id = (last?.Id ?? 0) + 1;
        entry.PreviousHash = last?.Hash ?? "";
        entry.Hash = ComputeHash(entry);
        db.AuditEntries.Add(entry);
    }

    internal static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('\u001f', e.Id, e.AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), e.UserId, e.UserName, e.Action, e.Target, e.Outcome,
            e.Endpoint, e.ClientIp, e.Detail, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
