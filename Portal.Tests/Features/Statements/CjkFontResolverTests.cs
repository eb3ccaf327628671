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
}
