using System.Buffers.Binary;
using Portal.Features.Statements;

namespace Portal.Tests.Features.Statements;

public class CjkFontResolverTests
{
    [Fact]
    public void Without_a_cjk_font_the_error_names_the_package_to_install()
    {
        var resolver = new CjkFontResolver(["/nonexistent/wqy-microhei.ttc"]);
        var ex = Assert.Throws<InvalidOperationException>(resolver.EnsureAvailable);
        Assert.Contains("apt-get install -y fonts-wqy-microhei", ex.Message);
    }

    [Fact]
    public void Face_zero_of_the_installed_collection_becomes_a_standalone_truetype_font()
    {
        var path = CjkFontResolver.SearchPaths.First(File.Exists);
        var ttc = File.ReadAllBytes(path);
        Assert.True(CjkFontResolver.IsCollection(ttc));
        var font = CjkFontResolver.ExtractFace(ttc, 0);
        Assert.False(CjkFontResolver.IsCollection(font));
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(font));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < tables; i++)
        {
            var offset = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(12 + 16 * i + 8));
            var length = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(12 + 16 * i + 12));
            Assert.InRange(offset + length, 12 + 16 * tables, font.Length);
        }
        Assert.True(font.Length < ttc.Length);
    }

    [Fact]
    public void Asking_for_a_face_the_collection_does_not_have_is_refused()
    {
        var ttc = File.ReadAllBytes(CjkFontResolver.SearchPaths.First(File.Exists));
        Assert.Throws<ArgumentOutOfRangeException>(() => CjkFontResolver.ExtractFace(ttc, 99));
    }

    [Fact]
    public void Every_family_and_style_resolves_to_the_cjk_face_with_simulated_bold()
    {
        var resolver = new CjkFontResolver();
        var bold = resolver.ResolveTypeface("Arial", bold: true, italic: false)!;
        Assert.Equal(CjkFontResolver.Family, bold.FaceName);
        Assert.True(bold.MustSimulateBold);
        Assert.False(resolver.ResolveTypeface(CjkFontResolver.Family, false, false)!.MustSimulateBold);
    }

    [Fact]
    public void The_reduced_statement_font_keeps_every_character_it_is_meant_to_and_far_fewer_glyphs()
    {
        var full = CjkFontResolver.ExtractFace(File.ReadAllBytes(CjkFontResolver.SearchPaths.First(File.Exists)), 0);
        var reduced = TrueTypeSubsetter.Subset(full, StatementCharacters.Contains, out var characters);
        static int Glyphs(byte[] font) => TableOf(font, "maxp") is var (at, _) ? BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 4)) : 0;

        Assert.InRange(Glyphs(reduced), 9_000, 16_000);
        Assert.True(Glyphs(full) > 40_000);
        Assert.True(reduced.Length < full.Length / 3);
        foreach (var c in "电费账单国网奎屯供电公司王秀英热合曼艾买阿古丽年月¥−·—：，。（）0123456789ABCxyz#%")
            Assert.Contains((int)c, characters);
        Assert.DoesNotContain(0x9F98, characters); // 龘: not in GB2312
        Assert.DoesNotContain(0xAC00, characters); // Hangul
    }

    [Fact]
    public void Every_ui_string_in_both_languages_is_drawn_with_the_reduced_font()
    {
        var resolver = new CjkFontResolver();
        var folder = Path.Combine(RepoRoot.Path, "Portal", "Resources");
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.zh-CN.resx" })
            foreach (var value in System.Xml.Linq.XDocument.Load(Path.Combine(folder, file)).Descendants("data").Select(d => d.Element("value")?.Value ?? ""))
                Assert.True(resolver.FamilyFor(value) == CjkFontResolver.Family, $"{file}: '{value}' needs the full font");
    }

    [Fact]
    public void Text_with_a_character_outside_the_reduced_font_is_drawn_with_the_full_font()
    {
        var resolver = new CjkFontResolver();
        Assert.Equal(CjkFontResolver.Family, resolver.FamilyFor("王秀英 · 应缴金额 ¥1,234.56 − Amount due"));
        Assert.Equal(CjkFontResolver.FullFamily, resolver.FamilyFor("王龘"));
        Assert.Equal(CjkFontResolver.FullFamily, resolver.FamilyFor("김"));
        Assert.Equal(CjkFontResolver.FullFamily, resolver.ResolveTypeface(CjkFontResolver.FullFamily, false, false)!.FaceName);
        Assert.True(resolver.GetFont(CjkFontResolver.FullFamily)!.Length > 3 * resolver.GetFont(CjkFontResolver.Family)!.Length);
    }

    private static (int Offset, int Length)? TableOf(byte[] font, string tag)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
            if (System.Text.Encoding.ASCII.GetString(font, 12 + 16 * i, 4) == tag)
                return (BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(12 + 16 * i + 8)), BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(12 + 16 * i + 12)));
        return null;
    }
}
