using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Domain.Statements;
using Portal.Features.Statements;
using Portal.Resources;

namespace Portal.Benchmarks;

/// <summary>
/// One statement's PDF through the portal's renderer (PDFsharp, the reduced WenQuanYi face from CjkFontResolver),
/// in both languages. The document is a real business statement drawn by the demo data (statement.json: masked
/// name and address, 12 months of history, a manager, a tip); needs fonts-wqy-microhei like the portal.
/// </summary>
[MemoryDiagnoser]
public class StatementPdfBenchmarks
{
    private StatementPdfRenderer _renderer = null!;
    private StatementDocument _document = null!;

    [Params("zh-CN", "en-US")]
    public string Culture { get; set; } = "zh-CN";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        _renderer = new StatementPdfRenderer(services.GetRequiredService<IStringLocalizer<SharedResource>>());
        _document = StatementIssuer.ReadContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "statement.json")))!;
        _renderer.Render(_document, Culture); // fonts: the reduced face is cut once per process
    }

    [Benchmark]
    public int RenderOneStatement() => _renderer.Render(_document, Culture).Length;
}
