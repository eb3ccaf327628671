using System.Globalization;
using Bunit;
using Portal.Domain.Billing;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

public class TierLadderPanelTests : PortalBunitContext
{
    private static readonly CreditPolicy Seed = CreditPolicy.SeedDefault();

    private IRenderedComponent<TierLadderPanel> RenderFor(CreditTier tier, decimal score, NextTierRequirement? next, DateOnly? earliest,
        DateOnly? frozen = null, IReadOnlyList<FreezeCause>? causes = null, DepositRequirement? deposit = null, PrivilegeChange? change = null) =>
        Render<TierLadderPanel>(p => p
            .Add(c => c.Rungs, TierLadder.Rungs(Seed, tier, score))
            .Add(c => c.Score, score)
            .Add(c => c.Next, next)
            .Add(c => c.EarliestPromotion, earliest)
            .Add(c => c.FrozenUntil, frozen)
            .Add(c => c.FreezeCauses, causes ?? [])
            .Add(c => c.Deposit, deposit)
            .Add(c => c.LastChange, change));

    [Fact]
    public void Shows_every_tiers_entry_and_exit_and_marks_where_the_customer_stands()
    {
        var cut = RenderFor(CreditTier.B, 82.5m, new NextTierRequirement(CreditTier.A, 7.5m, null, null), new DateOnly(2026, 1, 1));

        var a = cut.Find("tr[data-tier=A]").TextContent;
        Assert.Contains("≥ 90", a);
        Assert.Contains("< 85", a);
        Assert.Contains(L["Ladder.PointsAway", "7.5"].Value, a);
        Assert.Contains("≥ 70", cut.Find("tr[data-tier=B]").TextContent);
        Assert.Equal("true", cut.Find("tr[data-tier=B]").GetAttribute("aria-current"));
        Assert.Null(cut.Find("tr[data-tier=A]").GetAttribute("aria-current"));
        Assert.Contains(L["Ladder.Here", "82.5"].Value, cut.Find("tr[data-tier=B]").TextContent);
        Assert.Contains("7.5", cut.Find("[data-testid=ladder-next]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=ladder-freeze]"));
    }

    [Fact]
    public void A_freeze_shows_its_end_date_and_cause()
    {
        var causes = new[] { new FreezeCause(FreezeTrigger.Theft, "v:1", new DateOnly(2025, 3, 10), new DateOnly(2027, 3, 10)) };
        var cut = RenderFor(CreditTier.C, 95m, new NextTierRequirement(CreditTier.B, 0m, BlockingCodes.Freeze, new DateOnly(2027, 3, 10)),
            new DateOnly(2027, 4, 1), new DateOnly(2027, 3, 10), causes);

        var freeze = cut.Find("[data-testid=ladder-freeze]").TextContent;
        Assert.Contains(L["FreezeTrigger.Theft"].Value, freeze);
        Assert.Contains(Portal.Components.Shared.Format.Date(new DateOnly(2027, 3, 10)), freeze);
        Assert.Contains(Portal.Components.Shared.Format.Date(new DateOnly(2027, 4, 1)), cut.Find("[data-testid=ladder-next]").TextContent);
    }

    [Fact]
    public void The_deposit_and_the_last_change_of_privileges_are_spelled_out()
    {
        var waived = RenderFor(CreditTier.A, 93m, null, null, deposit: new DepositRequirement(0m, true, true),
            change: PrivilegeChange.Between(TierPrivileges.Of(Seed, CreditTier.B), TierPrivileges.Of(Seed, CreditTier.A)));
        Assert.Equal(L["Deposit.Waived"].Value, waived.Find("[data-testid=ladder-deposit]").TextContent.Trim());
        Assert.Contains(L["PrivilegeKind.BillFinancing"].Value, waived.Find("[data-testid=ladder-change]").TextContent);
        Assert.Empty(waived.FindAll("[data-testid=ladder-next]"));

        var required = RenderFor(CreditTier.B, 75m, new NextTierRequirement(CreditTier.A, 15m, null, null), new DateOnly(2026, 1, 1),
            deposit: new DepositRequirement(4321.67m, false, true));
        Assert.Contains(Portal.Components.Shared.Format.Money(4321.67m), required.Find("[data-testid=ladder-deposit]").TextContent);
    }

    [Fact]
    public void Reads_in_chinese_too()
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var cut = RenderFor(CreditTier.B, 82.5m, new NextTierRequirement(CreditTier.A, 7.5m, null, null), new DateOnly(2026, 1, 1));
            Assert.Contains("等级规则", cut.Markup);
            Assert.Contains("准入线", cut.Markup);
            Assert.Contains("当前位置（82.5 分）", cut.Markup);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
