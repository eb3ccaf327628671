using Bunit;
using Portal.Data;
using Portal.Features.BackOffice;
using Portal.Infrastructure.Email;

namespace Portal.Tests.Features.BackOffice;

/// <summary>The admin mail sink renders stored bodies through an allow-list sanitizer: links stay, nothing scriptable does.</summary>
[Collection(PortalCollection.Name)]
public class MailPageTests : PortalBunitContext, IClassFixture<PortalHost>
{
    private readonly PortalHost _host;

    public MailPageTests(PortalHost host)
    {
        _host = host;
        Services.AddFallbackServiceProvider(host.Services.CreateScope().ServiceProvider);
    }

    private static readonly string[] Payloads =
    [
        "<svg/onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "<p onclick=alert(1)>click</p>",
        "<a href=\"javascript:alert(1)\">open</a>",
        "<a href=JaVaScRiPt:alert(1)>open</a>",
        "<a href=\"&#106;avascript:alert(1)\">open</a>",
        "<script>alert(1)</script>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"https://portal.example/ok\" onmouseover=alert(1)>ok</a>",
    ];

    public static TheoryData<string> Hostile => new(Payloads);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Scriptable_markup_does_not_survive_the_sanitizer(string html)
    {
        var clean = MailBodySanitizer.Sanitize(html).ToLowerInvariant();
        Assert.DoesNotContain("alert", Tags(clean));
        Assert.DoesNotContain("<svg", clean);
        Assert.DoesNotContain("<script", clean);
        Assert.DoesNotContain("<img", clean);
        Assert.DoesNotContain("<iframe", clean);
        Assert.DoesNotContain("javascript:", clean);
        Assert.DoesNotContain(" on", clean);
        Assert.DoesNotContain("style=", clean);
    }

    // The markup of a sanitized body without its text nodes: "alert" may remain as harmless text, never in a tag.
    private static string Tags(string html) => string.Concat(System.Text.RegularExpressions.Regex.Matches(html, "<[^>]*>").Select(m => m.Value));

    [Fact]
    public void The_portal_own_links_and_formatting_survive()
    {
        var body = "Please confirm your account by <a href=\"https://portal.example/Account/ConfirmEmail?userId=1&amp;code=x\">clicking here</a>.<br><strong>Thanks</strong>";
        var clean = MailBodySanitizer.Sanitize(body);
        Assert.Contains("<a href=\"https://portal.example/Account/ConfirmEmail?userId=1&amp;code=x\">clicking here</a>", clean);
        Assert.Contains("<strong>Thanks</strong>", clean);
    }

    [Fact]
    public async Task The_mail_page_renders_hostile_bodies_without_handlers_scripts_or_javascript_links()
    {
        var to = $"mail-xss-{Guid.NewGuid():N}@example.test";
        var sender = _host.Services.GetRequiredService<IPortalEmailSender>();
        foreach (var html in Payloads)
            await sender.SendAsync(to, "hostile", html);
        await sender.SendAsync(to, "benign", "<a href=\"https://portal.example/ok\">ok link</a>");

        var cut = Render<MailPage>();
        cut.WaitForAssertion(() => Assert.Equal(Payloads.Length + 1, cut.FindAll(".pm-mail-body").Count(b => b.ParentElement!.ParentElement!.TextContent.Contains(to))), TimeSpan.FromSeconds(10));

        var bodies = cut.FindAll(".pm-mail-body");
        Assert.Empty(bodies.SelectMany(b => b.QuerySelectorAll("svg, script, img, iframe, style, math")));
        var all = bodies.SelectMany(b => b.QuerySelectorAll("*")).ToList();
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
        Assert.DoesNotContain(all, e => (e.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(all, e => e.LocalName == "a" && e.GetAttribute("href") == "https://portal.example/ok" && e.TextContent == "ok link");
    }
}
