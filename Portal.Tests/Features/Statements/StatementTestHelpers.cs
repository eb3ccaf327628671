using Microsoft.EntityFrameworkCore;
using Portal.Data;
using UglyToad.PdfPig;

namespace Portal.Tests.Features.Statements;

internal static class StatementTestHelpers
{
    /// <summary>All text of a PDF, page by page, words joined by spaces.</summary>
    public static string Text(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>Text with all whitespace removed: Chinese words may be split into single glyph "words".</summary>
    public static string Compact(byte[] pdf) => new(Text(pdf).Where(c => !char.IsWhiteSpace(c)).ToArray());

    public static async Task<Guid> AccountOfAsync(PortalHost host, string email, int index = 0)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await db.AccountBindings.Where(b => b.UserId == userId).OrderBy(b => b.AccountId).Select(b => b.AccountId).ToListAsync())[index];
    }

    public static async Task<Portal.Domain.Billing.Bill> LatestBillAsync(PortalHost host, Guid accountId, int skip = 0)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Bills.AsNoTracking().Include(b => b.Payments).Where(b => b.AccountId == accountId)
            .OrderByDescending(b => b.PeriodStart).Skip(skip).FirstAsync();
    }
}
