using System.Text;

namespace Portal.Domain.Complaints;

public sealed record KeywordCount(string Term, int Count);

/// <summary>
/// Keyword statistics for complaint texts. Latin/digit runs become lower-case words (≥ 2 letters, not all digits,
/// not a stop word). Chinese has no spaces, so runs of CJK characters go to a word segmenter when one is given
/// (the portal passes a dictionary segmenter with the utility's own terms such as 停电, 电费, 表计); its words of two or
/// more characters that are not stop words count. Without a segmenter the runs are cut at stop characters and
/// turned into overlapping bigrams, which finds the right words only among many fragments (作人, 候时).
/// Counts are document frequency (how many complaints mention a term), so one long rant cannot dominate the list.
/// </summary>
public sealed class KeywordExtractor
{
    private static readonly string[] DefaultStopWords =
    [
        "the", "and", "for", "are", "was", "were", "is", "it", "its", "this", "that", "with", "have", "has", "had",
        "not", "but", "you", "your", "our", "my", "me", "we", "they", "them", "there", "been", "be", "of", "to",
        "in", "on", "at", "a", "an", "or", "no", "so", "do", "did", "does", "am", "as", "by", "from", "up", "can",
        "will", "would", "please", "just", "all", "any", "very", "too", "again", "still", "also", "what", "when",
        "why", "how", "who",
    ];

    private const string DefaultStopCharacters = "的了是在我你他她它们和与及也就都而着或被把让给又很吗呢吧啊呀么这那个有没不一到说要会能对还";

    private readonly HashSet<string> _stopWords;
    private readonly HashSet<Rune> _stopCharacters;
    private readonly Func<string, IEnumerable<string>>? _segment;

    /// <param name="segmentChinese">Cuts a run of Chinese characters into words; null for the bigram fallback.</param>
    public KeywordExtractor(IEnumerable<string> stopWords, string stopCharacters, Func<string, IEnumerable<string>>? segmentChinese = null)
    {
        _stopWords = new HashSet<string>(stopWords.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
        _stopCharacters = stopCharacters.EnumerateRunes().ToHashSet();
        _segment = segmentChinese;
    }

    /// <summary>The built-in English stop words and Chinese stop characters with a word segmenter and extra stop words.</summary>
    public static KeywordExtractor WithSegmenter(Func<string, IEnumerable<string>> segmentChinese, IEnumerable<string> extraStopWords) =>
        new(DefaultStopWords.Concat(extraStopWords), DefaultStopCharacters, segmentChinese);

    public static KeywordExtractor Default { get; } = new(DefaultStopWords, DefaultStopCharacters);

    public IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return tokens;
        var latin = new StringBuilder();
        var cjk = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune) && (_segment is not null || !_stopCharacters.Contains(rune)))
            {
                FlushLatin(latin, tokens);
                cjk.Add(rune);
            }
            else if (Rune.IsLetterOrDigit(rune) && !IsCjk(rune))
            {
                FlushCjk(cjk, tokens);
                latin.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                FlushLatin(latin, tokens);
                FlushCjk(cjk, tokens);
            }
        }
        FlushLatin(latin, tokens);
        FlushCjk(cjk, tokens);
        return tokens;
    }

    public IReadOnlyList<KeywordCount> Top(IEnumerable<string> texts, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var term in Tokenize(text).Distinct(StringComparer.Ordinal))
                counts[term] = counts.GetValueOrDefault(term) + 1;
        return counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(kv => new KeywordCount(kv.Key, kv.Value))
            .ToList();
    }

    private void FlushLatin(StringBuilder latin, List<string> tokens)
    {
        if (latin.Length == 0) return;
        var word = latin.ToString();
        latin.Clear();
        if (word.Length >= 2 && !word.All(char.IsAsciiDigit) && !_stopWords.Contains(word)) tokens.Add(word);
    }

    private void FlushCjk(List<Rune> run, List<string> tokens)
    {
        if (run.Count == 0) return;
        if (_segment is not null)
        {
            var text = string.Concat(run.Select(r => r.ToString()));
            // A single character (了, 我, 电) carries too little meaning to count; so do stop words (没有, 一直).
            foreach (var word in _segment(text))
                if (word.EnumerateRunes().Count() >= 2 && !_stopWords.Contains(word) && !word.EnumerateRunes().All(_stopCharacters.Contains))
                    tokens.Add(word);
        }
        else
        {
            // A lone character between stop characters carries too little meaning to count.
            for (var i = 0; i + 1 < run.Count; i++) tokens.Add(run[i].ToString() + run[i + 1].ToString());
        }
        run.Clear();
    }

    private static bool IsCjk(Rune r) =>
        r.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0xF900 and <= 0xFAFF);
}
