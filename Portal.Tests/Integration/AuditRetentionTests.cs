using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Audit;
using Portal.Tests.Features.Tariffs;

namespace Portal.Tests.Integration;

/// <summary>
/// Retention prunes the oldest audit records but leaves an anchored chain: `audit verify` still passes, and still
/// detects a modified or deleted record afterwards. Each test leaves the chain intact for the next one.
/// </summary>
[Collection(PortalCollection.Name)]
public class AuditRetentionTests(AuditRetentionTests.RetentionHost host) : IClassFixture<AuditRetentionTests.RetentionHost>
{
    public sealed class RetentionHost() : PortalHost(4, 2, new() { ["Audit:RetentionDays"] = "180" });

    private AuditService Audit => host.Services.GetRequiredService<AuditService>();

    private async Task<AuditEntry> RecordAsync(string target)
    {
        await Audit.RecordAsync(new AuditEvent("TestAction", target));
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();
    }

    private AuditRetentionJob JobAt(DateTime nowUtc) =>
        new(Audit, Options.Create(new AuditOptions { RetentionDays = 180 }), new FixedClock(new DateTimeOffset(nowUtc, TimeSpan.Zero)));

    [Fact]
    public async Task Retention_prunes_records_older_than_the_retention_and_keeps_one_exactly_at_it()
    {
        var old = await RecordAsync("retention:old");
        await Task.Delay(5); // two distinct timestamps
        var boundary = await RecordAsync("retention:boundary");
        Assert.True(old.AtUtc < boundary.AtUtc);

        // "Now" is exactly 180 days after the boundary record: it is not older than the retention, so it stays.
        var result = await JobAt(boundary.AtUtc.AddDays(180)).RunAsync(CancellationToken.None);
        Assert.True(result.Pruned >= 1);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Id == old.Id));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Id == boundary.Id));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditService.PrunedAction && a.Detail!.Contains($"through={old.Id};")));
        }
        Assert.True((await Audit.VerifyAsync()).Intact);

        // One tick later the boundary record is older than the retention and goes too; the chain still verifies.
        await JobAt(boundary.AtUtc.AddDays(180).AddTicks(1)).RunAsync(CancellationToken.None);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Id == boundary.Id));
        var verified = await Audit.VerifyAsync();
        Assert.True(verified.Intact, verified.Message);
    }

    [Fact]
    public async Task Nothing_is_pruned_when_every_record_is_younger_than_the_retention()
    {
        var young = await RecordAsync("retention:young");
        var result = await JobAt(young.AtUtc.AddDays(179)).RunAsync(CancellationToken.None);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Id == young.Id));
        // Every record in this fresh database was written today, so a cut-off a day before it removes none.
        Assert.Equal(0, result.Pruned);
    }

    [Fact]
    public async Task After_pruning_deleting_the_oldest_kept_record_is_detected()
    {
        var marker = await RecordAsync("retention:cut");
        await RecordAsync("retention:after");
        await Audit.PruneAsync(marker.AtUtc);
        Assert.True((await Audit.VerifyAsync()).Intact);

        AuditEntry first;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            first = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
            Assert.Equal(marker.Id, first.Id);
            await db.AuditEntries.Where(a => a.Id == first.Id).ExecuteDeleteAsync();
        }
        var broken = await Audit.VerifyAsync();
        Assert.False(broken.Intact);
        Assert.Contains("missing", broken.Message);

        await using (var db = await host.Db.CreateDbContextAsync())
        {
            db.AuditEntries.Add(first);
            await db.SaveChangesAsync();
        }
        Assert.True((await Audit.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task After_pruning_a_modified_record_or_a_forged_anchor_is_detected()
    {
        var marker = await RecordAsync("retention:tamper");
        await RecordAsync("retention:tamper-after");
        await Audit.PruneAsync(marker.AtUtc);

        await SetDetailAsync(marker.Id, "forged", expectIntact: false);
        await SetDetailAsync(marker.Id, marker.Detail, expectIntact: true);

        // Moving the anchor (to hide deleted records) breaks the retention record's own hash.
        long prunedId;
        string detail;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var pruned = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditService.PrunedAction).OrderByDescending(a => a.Id).FirstAsync();
            (prunedId, detail) = (pruned.Id, pruned.Detail!);
        }
        await SetDetailAsync(prunedId, detail.Replace("through=", "through=1"), expectIntact: false);
        await SetDetailAsync(prunedId, detail, expectIntact: true);
    }

    [Fact]
    public async Task Deleting_the_first_record_is_detected_whether_or_not_the_chain_was_pruned()
    {
        // Unpruned, the chain must start at id 1; pruned, at the record after the anchor (other tests may have pruned).
        await using var db = await host.Db.CreateDbContextAsync();
        var first = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
        await db.AuditEntries.Where(a => a.Id == first.Id).ExecuteDeleteAsync();
        Assert.False((await Audit.VerifyAsync()).Intact);
        db.AuditEntries.Add(first);
        await db.SaveChangesAsync();
        Assert.True((await Audit.VerifyAsync()).Intact);
    }

    private async Task SetDetailAsync(long id, string? detail, bool expectIntact)
    {
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, detail));
        var result = await Audit.VerifyAsync();
        Assert.True(result.Intact == expectIntact, result.Message);
    }
}
