namespace Lagebild.Knowledge;

public enum FrameKind { Give, Furnish, Receive, Origin, Support, Noun, Supporter, Exchange }

/// <summary>A supply trigger: which frame it opens, what must stand beside it, what it means without an item.</summary>
public sealed record Frame(string Lemma, FrameKind Kind, bool IsNoun, string? Particle, string? SeparablePrefix, string? DefaultItem);

/// <summary>
/// Supply verbs and nouns of one language with every inflected form. Regular German forms are generated
/// from the infinitive; irregular ones come from the table.
/// </summary>
public sealed class FrameLexicon
{
    private readonly Dictionary<string, List<Frame>> _verbForms = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Suffix, Frame Frame, bool Prefix)> _nouns = new();
    private bool _capitalizedNouns = true;
    public bool CapitalizedNouns => _capitalizedNouns;


    public static FrameLexicon Load(TableSource source, string lang)
    {
        var lex = new FrameLexicon { _capitalizedNouns = lang == "de" };
        foreach (var row in source.Load($"{lang}/frames.tsv").All())
        {
            var lemma = row["lemma"];
            var kind = Enum.Parse<FrameKind>(row["frame"], ignoreCase: true);
            var particle = row["particle"].Length > 0 ? row["particle"] : null;
            var defaultItem = row["default_item"].Length > 0 ? row["default_item"] : null;
            if (row["pos"] == "noun")
            {
                var frame = new Frame(lemma, kind, true, particle, null, defaultItem);
                lex._nouns.Add((lemma.ToLowerInvariant(), frame, row["match"] == "prefix"));
                continue;
            }
            string? sep = null;
            var verb = lemma;
            if (lemma.Contains('|')) { sep = lemma[..lemma.IndexOf('|')]; verb = lemma.Replace("|", ""); }
            var f = new Frame(verb, kind, false, particle, sep, defaultItem);
            var irregular = row["forms"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var form in lang == "de" ? GermanForms(lemma, irregular) : EnglishForms(lemma, irregular))
            {
                if (!lex._verbForms.TryGetValue(form, out var list)) lex._verbForms[form] = list = new List<Frame>();
                if (!list.Contains(f)) list.Add(f);
            }
        }
        return lex;
    }

    /// <summary>The first frame a word triggers as a verb form, or null.</summary>
    public Frame? Verb(string word) => _verbForms.TryGetValue(word, out var f) ? f[0] : null;

    /// <summary>Every frame the word may open ("stellt": stellen ... zur Verfügung, bereitstellen).</summary>
    public IReadOnlyList<Frame> Verbs(string word) => _verbForms.TryGetValue(word, out var f) ? f : Array.Empty<Frame>();

    /// <summary>The frame a word triggers as a noun ("Waffenlieferungen", "Unterstützungsnetzwerk"), or null.</summary>
    public (Frame Frame, string Modifier)? Noun(string word)
    {
        if (word.Length == 0 || _capitalizedNouns && !char.IsUpper(word[0])) return null;
        var w = word.ToLowerInvariant();
        foreach (var (suffix, frame, prefix) in _nouns)
        {
            if (w == suffix) return (frame, "");
            if (w.EndsWith(suffix, StringComparison.Ordinal) && (_capitalizedNouns || w.Length == suffix.Length || w[^(suffix.Length + 1)] == '-'))
                return (frame, w[..^suffix.Length].TrimEnd('-'));
            if (w.EndsWith(suffix + "en", StringComparison.Ordinal) && frame.Kind == FrameKind.Noun) return (frame, w[..^(suffix.Length + 2)].TrimEnd('-'));
            if (prefix && w.StartsWith(suffix, StringComparison.Ordinal)) return (frame, "");
        }
        return null;
    }

    private static readonly string[] Inseparable = { "be", "ver", "er", "ent", "zer", "ge", "emp", "miss", "über", "hinter", "wider" };

    /// <summary>Present, past, participle, subjunctive and zu-infinitive forms of a regular German verb.</summary>
    public static IEnumerable<string> GermanForms(string lemma, IEnumerable<string> irregular)
    {
        string sep = "";
        var verb = lemma;
        if (lemma.Contains('|')) { sep = lemma[..lemma.IndexOf('|')]; verb = lemma[(lemma.IndexOf('|') + 1)..]; }
        var stem = verb.EndsWith("ern") || verb.EndsWith("eln") ? verb[..^1] : verb.EndsWith("en") ? verb[..^2] : verb[..^1];
        var t = stem.EndsWith('t') || stem.EndsWith('d') ? "et" : "t";
        bool noGe = verb.EndsWith("ieren") || Inseparable.Any(p => verb.StartsWith(p) && verb.Length > p.Length + 3);
        var participle = (noGe ? "" : "ge") + stem + t;
        var forms = new List<string> { verb, stem + "e", stem + "st", stem + t, stem + t + "e", stem + t + "en", stem + t + "est", stem + t + "et", participle, stem + "en" };
        forms.AddRange(irregular);
        if (irregular.Any(f => f.StartsWith("ge") && !noGe || f == verb)) { }
        foreach (var f in forms.ToList()) yield return f;
        if (sep.Length > 0)
        {
            // Joined forms in subordinate clauses and participles: "weiterleitet", "weitergeleitet", "weiterzuleiten".
            yield return sep + verb;
            yield return sep + stem + t;
            yield return sep + stem + t + "e";
            yield return sep + stem + t + "en";
            yield return sep + participle;
            yield return sep + "zu" + verb;
            foreach (var f in irregular) if (f.StartsWith("ge")) yield return sep + f;
        }
    }

    /// <summary>Regular English forms: supply, supplies, supplied, supplying.</summary>
    public static IEnumerable<string> EnglishForms(string lemma, IEnumerable<string> irregular)
    {
        yield return lemma;
        if (lemma.EndsWith('y') && !"aeiou".Contains(lemma[^2]))
        {
            yield return lemma[..^1] + "ies"; yield return lemma[..^1] + "ied";
        }
        else if (lemma.EndsWith('e')) { yield return lemma + "s"; yield return lemma + "d"; }
        else if (lemma.EndsWith("sh") || lemma.EndsWith("ch") || lemma.EndsWith('s') || lemma.EndsWith('x')) { yield return lemma + "es"; yield return lemma + "ed"; }
        else { yield return lemma + "s"; yield return lemma + "ed"; }
        yield return (lemma.EndsWith('e') && !lemma.EndsWith("ee") ? lemma[..^1] : lemma) + "ing";
        foreach (var f in irregular) yield return f;
    }
}
