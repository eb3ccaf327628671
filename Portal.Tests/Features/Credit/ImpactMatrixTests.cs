using Bunit;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

public class ImpactMatrixTests : PortalBunitContext
{
    [Fact]
    public void Shows_every_from_to_cell_and_lists_the_movers()
    {
        var tiers = new[] { CreditTier.A, CreditTier.B, CreditTier.C };
        var matrix = tiers.SelectMany(f => tiers.Select(t => new TierMatrixCell(f, t, f == t ? 10 : 0))).ToList();
        matrix[matrix.FindIndex(c => c.From == CreditTier.A && c.To == CreditTier.B)] = new TierMatrixCell(CreditTier.A, CreditTier.B, 2);
        var impact = new ImpactView(32, matrix,
        [
            new ImpactMover(Guid.NewGuid(), "3300000001", CreditTier.A, CreditTier.B, 91m, 84m),
            new ImpactMover(Guid.NewGuid(), "3300000002", CreditTier.A, CreditTier.B, 90m, 88m),
        ]);

        var cut = Render<ImpactMatrix>(p => p.Add(c => c.Impact, impact));

        Assert.Equal(9, cut.FindAll("td[data-cell]").Count);
        Assert.Equal("2", cut.Find("td[data-cell=AB]").TextContent.Trim());
        Assert.Equal("10", cut.Find("td[data-cell=CC]").TextContent.Trim());
        Assert.Contains("3300000001", cut.Markup);
        Assert.Contains("91 → 84", cut.Markup);
        Assert.Contains(L["CreditAdmin.Impact", 32, 2].Value, cut.Markup);
    }
}
