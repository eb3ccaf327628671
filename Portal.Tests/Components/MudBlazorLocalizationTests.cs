using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Tests.Components;

/// <summary>MudBlazor's own strings (pager, sort, screen-reader labels) speak the reader's language.</summary>
public partial class MudBlazorLocalizationTests
{
    private static Dictionary<string, string> MudBlazorEnglish()
    {
        var manager = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudButton).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return set.Cast<DictionaryEntry>().Where(e => e.Value is string).ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static Dictionary<string, string> Ours(string file) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_string_MudBlazor_asks_for_is_translated_into_Chinese_with_the_same_placeholders()
    {
        var english = MudBlazorEnglish();
        var chinese = Ours("MudBlazorResource.zh-CN.resx");
        Assert.True(english.Count > 100, $"MudBlazor's resource set was not found ({english.Count} keys)");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        foreach (var (key, text) in english)
            Assert.True(Placeholder().Matches(text).Select(m => m.Value).Order().SequenceEqual(Placeholder().Matches(chinese[key]).Select(m => m.Value).Order()),
                $"{key}: '{text}' vs '{chinese[key]}'");
        Assert.Equal(chinese.Keys.Order(), Ours("MudBlazorResource.resx").Keys.Order());
    }

    public sealed record Row(int N);

    private sealed class Grid(string culture) : PortalBunitContext(culture)
    {
        public string Render24RowsPagedByTen() =>
            Render<MudDataGrid<Row>>(p => p
                .Add(g => g.Items, Enumerable.Range(1, 24).Select(i => new Row(i)).ToList())
                .Add(g => g.RowsPerPage, 10)
                .Add(g => g.Columns, (RenderFragment)(b =>
                {
                    b.OpenComponent<PropertyColumn<Row, int>>(0);
                    b.AddAttribute(1, "Property", (System.Linq.Expressions.Expression<Func<Row, int>>)(r => r.N));
                    b.CloseComponent();
                }))
                .Add(g => g.PagerContent, (RenderFragment)(b =>
                {
                    b.OpenComponent<MudDataGridPager<Row>>(0);
                    b.CloseComponent();
                }))).Markup;
    }

    [Fact]
    public async Task A_paged_grid_in_Chinese_says_rows_per_page_and_its_range_in_Chinese()
    {
        await using var zh = new Grid("zh-CN");
        var markup = zh.Render24RowsPagedByTen();
        Assert.Contains("每页行数", markup);
        Assert.Contains("第 1–10 条，共 24 条", markup);
        Assert.DoesNotContain("Rows per page", markup);
    }

    [Fact]
    public async Task The_same_grid_in_English_keeps_MudBlazors_English()
    {
        await using var en = new Grid("en-US");
        var markup = en.Render24RowsPagedByTen();
        Assert.Contains("Rows per page:", markup);
        Assert.Contains("1-10 of 24", markup);
    }
}
