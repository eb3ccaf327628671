using JiebaNet.Segmenter;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints;

/// <summary>
/// The keyword extractor the complaint analytics use: Chinese is cut into words by jieba.NET's dictionary (with the
/// utility's own terms added, so 停电通知 or 电能表 stay whole) instead of into overlapping character pairs. The
/// dictionary takes about a second and tens of MB to load, so it is loaded on first use (an admin's analytics page,
/// its CSV) rather than at start-up, once per process.
/// </summary>
public sealed class ComplaintKeywords
{
    private readonly Lazy<KeywordExtractor> _extractor = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public KeywordExtractor Extractor => _extractor.Value;

    private static readonly object CutLock = new();

    private static KeywordExtractor Create()
    {
        var jiebaDir = Path.Combine(AppContext.BaseDirectory, "jieba");
        if (!File.Exists(Path.Combine(jiebaDir, "dict.txt")))
            throw new FileNotFoundException($"The word-cutting dictionary is missing from {jiebaDir} (it is copied there from the jieba.NET package at build).");
        ConfigManager.ConfigFileBaseDir = jiebaDir;
        var segmenter = new JiebaSegmenter();
        var keywordsDir = Path.Combine(AppContext.BaseDirectory, "Features", "Complaints", "Keywords");
        foreach (var term in Lines(Path.Combine(keywordsDir, "utility-terms.txt"))) segmenter.AddWord(term);
        var stopWords = Lines(Path.Combine(keywordsDir, "stop-words.txt")).ToList();
        // The segmenter's lookups are shared state it does not promise to guard; a cut is microseconds, so serialise.
        return KeywordExtractor.WithSegmenter(text =>
        {
            lock (CutLock) return segmenter.Cut(text, cutAll: false, hmm: true).ToList();
        }, stopWords);
    }

    private static IEnumerable<string> Lines(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
