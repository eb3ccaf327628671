using System.Text;

namespace Portal.Domain.Complaints;

public sealed record KeywordCount(string Term, int Count);

/// <summary>
/// Cheap keyword statistics for complaint texts, with no dictionary or NLP package:
/// Latin/digit runs become lower-case words (≥ 2 letters, not all digits, not a stop word); runs of CJK
/// characters are cut at stop characters (的, 了, 是 …) and turned into overlapping bigrams, the usual
/// dictionary-free approach for Chinese. Counts are document frequency (how many complaints mention a
/// term), so one long rant cannot dominate the list.
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

    public KeywordExtractor(IEnumerable<string> stopWords, string stopCharacters)
    {
        _stopWords = new HashSet<string>(stopWords.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
        _stopCharacters = stopCharacters.EnumerateRunes().ToHashSet();
    }

    public static KeywordExtractor Default { get; } = new(DefaultStopWords, DefaultStopCharacters);

    public IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return tokens;
        var latin = new StringBuilder();
        var cjk = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune) && !_stopCharacters.Contains(rune))
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

    private static void FlushCjk(List<Rune> run, List<string> tokens)
    {
        // A lone character between stop characters carries too little meaning to count.
        for (var i = 0; i + 1 < run.Count; i++) tokens.Add(run[i].ToString() + run[i + 1].ToString());
        run.Clear();
    }

    private static bool IsCjk(Rune r) =>
        r.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0xF900 and <= 0xFAFF);
}
