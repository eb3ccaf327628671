using Bunit;
using Portal.Components.Layout;

namespace Portal.Tests.Features.Layout;

/// <summary>
/// The dialog blazor.web.js shows while the live connection is down: it keeps the ids and classes the script looks
/// for, and speaks the reader's language.
/// </summary>
public class ReconnectModalTests
{
    public sealed class English() : PortalBunitContext("en-US")
    {
        [Fact]
        public void The_reconnect_dialog_reads_in_english_and_keeps_the_ids_blazor_looks_for()
        {
            var cut = Render<ReconnectModal>();
            AssertContract(cut);
            Assert.Equal("Reconnecting to the portal…", cut.Find("p.components-reconnect-first-attempt-visible").TextContent.Trim());
            Assert.Equal("Retry", cut.Find("#components-reconnect-button").TextContent.Trim());
        }
    }

    public sealed class Chinese() : PortalBunitContext("zh-CN")
    {
        [Fact]
        public void The_reconnect_dialog_reads_in_chinese()
        {
            var cut = Render<ReconnectModal>();
            AssertContract(cut);
            Assert.Equal("正在重新连接营业厅…", cut.Find("p.components-reconnect-first-attempt-visible").TextContent.Trim());
            Assert.Equal("重试", cut.Find("#components-reconnect-button").TextContent.Trim());
            Assert.DoesNotMatch("[A-Za-z]{4,}", cut.Find(".components-reconnect-container").TextContent);
        }
    }

    private static void AssertContract(IRenderedComponent<ReconnectModal> cut)
    {
        var dialog = cut.Find("dialog#components-reconnect-modal");
        Assert.Equal("components-reconnect-title", dialog.GetAttribute("aria-labelledby"));
        Assert.NotEmpty(cut.Find("#components-reconnect-title").TextContent.Trim());
        foreach (var selector in new[]
                 {
                     "p.components-reconnect-first-attempt-visible", "p.components-reconnect-repeated-attempt-visible #components-seconds-to-next-attempt",
                     "p.components-reconnect-failed-visible", "button#components-reconnect-button.components-reconnect-failed-visible",
                     "p.components-pause-visible", "p.components-resume-failed-visible", "button#components-resume-button.components-pause-visible",
                 })
            Assert.Single(cut.FindAll(selector));
        Assert.EndsWith("ReconnectModal.razor.js", cut.Find("script[type=module]").GetAttribute("src"));
    }
}
