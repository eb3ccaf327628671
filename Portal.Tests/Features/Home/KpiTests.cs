using Bunit;
using Portal.Components.Shared;

namespace Portal.Tests.Features.Home;

public class KpiTests : PortalBunitContext
{
    [Fact]
    public void Shows_label_value_and_hint()
    {
        var cut = Render<Kpi>(p => p.Add(k => k.Label, "Customer accounts").Add(k => k.Value, "300").Add(k => k.Hint, "255 residential"));
        Assert.Contains("Customer accounts", cut.Markup);
        Assert.Contains("300", cut.Markup);
        Assert.Contains("255 residential", cut.Markup);
    }

    [Fact]
    public void Omits_the_hint_when_there_is_none()
    {
        var cut = Render<Kpi>(p => p.Add(k => k.Label, "Users").Add(k => k.Value, "7"));
        Assert.Empty(cut.FindAll(".mud-typography-caption"));
    }
}

public class LocalizationCompletenessTests
{
    [Fact]
    public void Every_ui_string_exists_in_both_languages()
    {
        var resources = Path.Combine(RepoRoot.Path, "Portal", "Resources");
        var en = Keys(Path.Combine(resources, "SharedResource.resx"));
        var zh = Keys(Path.Combine(resources, "SharedResource.zh-CN.resx"));
        Assert.True(en.Count > 50);
        Assert.Empty(en.Except(zh));
        Assert.Empty(zh.Except(en));
    }

    [Fact]
    public void Every_literal_key_used_in_the_ui_has_a_resource()
    {
        var en = Keys(Path.Combine(RepoRoot.Path, "Portal", "Resources", "SharedResource.resx"));
        var used = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "Portal"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "L\\[\"([A-Za-z0-9_.]+)\"").Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))   // prefixes completed at run time (e.g. "Region." + code)
            .Distinct().ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(k => !en.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Missing resource keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_counted_text_has_its_singular_twin_in_both_languages()
    {
        var resources = Path.Combine(RepoRoot.Path, "Portal", "Resources");
        var en = Keys(Path.Combine(resources, "SharedResource.resx"));
        var counted = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "Portal"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\\.Plural\\(\"([A-Za-z0-9_.]+)\"").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.True(counted.Count >= 10, $"only {counted.Count} counted texts found");
        var missing = counted.SelectMany(k => new[] { k, k + ".One" }).Where(k => !en.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Missing resource keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void No_english_text_counts_with_a_parenthesised_plural()
    {
        var en = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", "SharedResource.resx")).Root!.Elements("data")
            .Where(d => ((string?)d.Element("value") ?? "").Contains("(s)"))
            .Select(d => (string)d.Attribute("name")!).ToList();
        Assert.True(en.Count == 0, "Texts with \"(s)\": " + string.Join(", ", en));
    }

    private static HashSet<string> Keys(string path) =>
        System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
}
