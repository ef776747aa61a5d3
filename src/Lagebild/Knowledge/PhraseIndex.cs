using Lagebild.Text;

namespace Lagebild.Knowledge;

/// <summary>
/// Multi-word phrase look-up over tokens: longest match first. Keys are normalised token texts;
/// entries marked case-sensitive (short all-caps names such as "US") only match the exact spelling.
/// </summary>
public sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, List<Entry>> _byFirst = new();

    private sealed record Entry(string[] Words, string[] Exact, bool CaseSensitive, T Value);

    public int Count { get; private set; }
    private static readonly List<T> NoValues = new();

    public void Add(string phrase, T value, bool? caseSensitive = null)
    {
        var exact = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (exact.Length == 0) return;
        var words = exact.Select(Normalize.Key).ToArray();
        bool cs = caseSensitive ?? (exact.Length == 1 && exact[0].Length <= 4 && exact[0].Any(char.IsLetter) && exact[0].Where(char.IsLetter).All(char.IsUpper));
        if (!_byFirst.TryGetValue(words[0], out var list)) _byFirst[words[0]] = list = new List<Entry>();
        if (list.Any(e => e.Exact.SequenceEqual(exact) && EqualityComparer<T>.Default.Equals(e.Value, value))) return;
        list.Add(new Entry(words, exact, cs, value));
        list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        Count++;
    }

    /// <summary>All values of the longest phrase starting at token <paramref name="start"/>, and its length in tokens.</summary>
    public (int Length, List<T> Values) Match(IReadOnlyList<Token> tokens, int start, int end)
    {
        // Most tokens start no phrase: answer without allocating.
        if (!_byFirst.TryGetValue(tokens[start].Lower, out var list) && !_byFirst.TryGetValue(Normalize.Key(tokens[start].Text), out list))
            return (0, NoValues);
        int best = 0;
        List<T>? values = null;
        foreach (var e in list)
        {
            if (e.Words.Length < best) break;
            if (start + e.Words.Length > end) continue;
            bool ok = true;
            for (int k = 0; k < e.Words.Length && ok; k++)
            {
                var tok = tokens[start + k].Text;
                ok = e.CaseSensitive ? tok == e.Exact[k] : Normalize.Key(tok) == e.Words[k];
            }
            if (!ok) continue;
            best = e.Words.Length;
            (values ??= new List<T>()).Add(e.Value);
        }
        return (best, values ?? NoValues);
    }

    public bool ContainsWord(string word) => _byFirst.TryGetValue(Normalize.Key(word), out var l) && l.Any(e => e.Words.Length == 1);

    public IEnumerable<T> Lookup(string word) =>
        _byFirst.TryGetValue(Normalize.Key(word), out var l) ? l.Where(e => e.Words.Length == 1).Select(e => e.Value) : Enumerable.Empty<T>();
}
