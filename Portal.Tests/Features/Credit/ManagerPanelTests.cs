using Bunit;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

public class ManagerPanelTests : PortalBunitContext
{
    private static CreditPageView View(ManagerContact? manager, params CreditMessageRow[] messages) => new(
        Guid.NewGuid(), "3301000000", "王秀英", CreditTier.A, 95m, null, 1, [],
        new TierDecision(CreditTier.A, CreditTier.A, TierReasonCodes.Retained, 95m, null, [], null), [], [], [], [], manager, messages);

    [Fact]
    public void Without_a_manager_it_explains_who_gets_one_and_offers_no_message_box()
    {
        var cut = Render<ManagerPanel>(p => p.Add(c => c.View, View(null)).Add(c => c.OnSend, (string _) => { }));
        Assert.Contains(L["Credit.NoManagerExplained"].Value, cut.Markup);
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public void Shows_the_managers_contact_and_the_thread_and_clears_the_box_once_the_page_has_sent_the_message()
    {
        string? sent = null;
        var view = View(new ManagerContact("客户经理 陈静", "0992-3220101", "工作日 9:30–18:00"),
            new CreditMessageRow(1, true, "王秀英", "When is the inspection?", DateTime.UtcNow));
        var cut = Render<ManagerPanel>(p => p.Add(c => c.View, view).Add(c => c.OnSend, (string body) => sent = body));

        Assert.Contains("客户经理 陈静", cut.Markup);
        Assert.Contains("tel:0992-3220101", cut.Markup);
        Assert.Contains("When is the inspection?", cut.Markup);
        cut.Find("textarea").Change("Thank you");
        Assert.Equal("Thank you", cut.Find("textarea").GetAttribute("value"));
        cut.FindAll("button").Single(b => b.TextContent.Contains(L["Credit.Send"].Value)).Click();

        Assert.Equal("Thank you", sent);
        // Until the page says it went out (a refused message stays in the box to be corrected)…
        Assert.Equal("Thank you", cut.Find("textarea").GetAttribute("value"));
        cut.Render(p => p.Add(c => c.Sent, 1));
        Assert.Equal("", cut.Find("textarea").GetAttribute("value"));
    }
}
