namespace Lagebild.Knowledge;

public enum CueKind { Speech, SpeechNoun, Source, PostSource, Report, Accuse, Deny, Negation, Hedge, Reportative, Subjunctive, Anonymous, Production, Demand }

/// <summary>Attribution, denial, negation and hedge cues; multi-word cues may be split in the clause ("wies ... zurück").</summary>
public sealed class CueLexicon
{
    private readonly Dictionary<string, List<(string[] Words, CueKind Kind)>> _byFirst = new(StringComparer.OrdinalIgnoreCase);

    public static CueLexicon Load(TableSource source, string lang)
    {
        var lex = new CueLexicon();
        foreach (var row in source.Load($"{lang}/cues.tsv").All())
        {
            var words = row["cue"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kind = Enum.Parse<CueKind>(row["kind"], ignoreCase: true);
            if (!lex._byFirst.TryGetValue(words[0], out var list)) lex._byFirst[words[0]] = list = new();
            list.Add((words, kind));
        }
        foreach (var list in lex._byFirst.Values) list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        return lex;
    }

    /// <summary>Cues starting with this word: their kinds and remaining words (which may stand later in the clause).</summary>
    public IEnumerable<(CueKind Kind, string[] Words)> Starting(string word) =>
        _byFirst.TryGetValue(word, out var list) ? list.Select(x => (x.Kind, x.Words)) : Enumerable.Empty<(CueKind, string[])>();

    public bool Is(string word, CueKind kind) =>
        _byFirst.TryGetValue(word, out var list) && list.Any(x => x.Kind == kind && x.Words.Length == 1);
}
