using System.Globalization;
using System.Reflection;
using Portal.Features.BackOffice;

namespace Portal.Tests.Features.BackOffice;

/// <summary>The audit page shows plain, localized names for its codes, and a code without a name as itself.</summary>
public class AuditTextTests : PortalBunitContext
{
    public AuditTextTests() : base("zh-CN") { }

    [Fact]
    public void Audit_codes_read_as_chinese_names_in_zh_CN()
    {
        Assert.Equal("登录", AuditText.Action(L, "SignIn"));
        Assert.Equal("认领投诉", AuditText.Action(L, "ComplaintClaimed"));
        Assert.Equal("新建信用政策草稿", AuditText.Action(L, "Credit.DraftCreated"));
        Assert.Equal("成功", AuditText.Outcome(L, "Success"));
        Assert.Equal("内网", AuditText.Endpoint(L, "Internal"));
    }

    [Fact]
    public void An_action_without_a_name_yet_shows_its_code_and_an_empty_one_shows_nothing()
    {
        Assert.Equal("Something.New", AuditText.Action(L, "Something.New"));
        Assert.Equal("", AuditText.Action(L, null));
    }

    [Fact]
    public void Every_audit_action_constant_in_the_portal_has_a_name_in_both_languages()
    {
        // The portal's own features and infrastructure (the Identity template's pages have "…Action" constants of their own).
        var codes = typeof(AuditText).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Portal.Features", StringComparison.Ordinal) || ns.StartsWith("Portal.Infrastructure", StringComparison.Ordinal)))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Action", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct().ToList();
        Assert.True(codes.Count > 5, "the reflection found the action constants");
        foreach (var culture in new[] { "zh-CN", "en-US" })
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.All(codes, code => Assert.False(L["AuditAction." + code].ResourceNotFound, $"{culture}: no name for {code}"));
        }
    }
}
