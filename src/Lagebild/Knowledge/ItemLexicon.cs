namespace Lagebild.Knowledge;

/// <summary>An item category found in a word: its id and the part of the word that named it.</summary>
public sealed record ItemMatch(string Id, string Term, bool IsGeneric);

/// <summary>
/// Item taxonomy terms of one language. A word names an item as a whole word, by its head
/// ("Kampfdrohnen" -> drones_uav) or, when its head is generic ("-technologie", "-teile"), by its first part
/// ("Marschflugkörpertechnologie" -> cruise_missiles). Multi-word terms match on word stems.
/// </summary>
public sealed class ItemLexicon
{
    private static readonly string[] GermanEndings = { "", "n", "en", "s", "es", "e", "er", "ern", "nen" };
    private static readonly string[] EnglishEndings = { "", "s", "es" };

    private readonly Dictionary<string, string> _words = new();
    private readonly Dictionary<string, string> _heads = new();
    private readonly Dictionary<string, string> _modifiers = new();
    private KeyValuePair<string, string>[]? _modifiersLongestFirst;
    private readonly HashSet<string> _genericHeads = new();
    private readonly Dictionary<string, List<(string[] Stems, string Id, string Term)>> _phrases = new();
    private readonly Dictionary<string, ItemMatch?> _cache = new();
    private readonly string[] _endings;
    private readonly int _minModifierRest;

    public IReadOnlyDictionary<string, ItemInfo> Items { get; }
    /// <summary>The id that stands for "technology, unspecified".</summary>
    public const string Technology = "technology_transfer";

    private ItemLexicon(string lang, IReadOnlyDictionary<string, ItemInfo> items)
    {
        Items = items;
        _endings = lang == "de" ? GermanEndings : EnglishEndings;
        _minModifierRest = lang == "de" ? 3 : 100;
    }

    public sealed record ItemInfo(string Id, string Class, string LabelEn, string LabelDe, string HsCodes);

    public static ItemLexicon Load(TableSource source, string lang)
    {
        var items = source.Load("shared/items.tsv").All()
            .ToDictionary(r => r["id"], r => new ItemInfo(r["id"], r["class"], r["label_en"], r["label_de"], r.Table.HasColumn("hs_codes") ? r["hs_codes"] : ""));
        var lex = new ItemLexicon(lang, items);
        foreach (var row in source.Load($"{lang}/items.tsv").All())
        {
            var id = row["id"];
            if (!items.ContainsKey(id)) throw new KnowledgeException($"{lang}/items.tsv: unknown item id '{id}'");
            var term = Normalize.Key(row["term"]);
            if (term.Contains(' '))
            {
                var stems = term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(lex.Stem).ToArray();
                if (!lex._phrases.TryGetValue(stems[0], out var list)) lex._phrases[stems[0]] = list = new();
                list.Add((stems, id, term));
                continue;
            }
            switch (row["match"])
            {
                case "head": lex._heads.TryAdd(term, id); lex._words.TryAdd(term, id); break;
                case "modifier": lex._modifiers.TryAdd(term.TrimEnd('-'), id); break;
                default: lex._words.TryAdd(term, id); break;
            }
        }
        var heads = source.TryLoad($"{lang}/item_heads.tsv");
        if (heads != null) foreach (var row in heads.All()) lex._genericHeads.Add(Normalize.Key(row["head"]));
        return lex;
    }

    /// <summary>Crude stem for comparing inflected words of multi-word terms.</summary>
    public string Stem(string word)
    {
        word = Normalize.Key(word);
        foreach (var e in new[] { "en", "er", "es", "em", "e", "n", "s" })
            if (word.Length > e.Length + 3 && word.EndsWith(e, StringComparison.Ordinal)) return word[..^e.Length];
        return word;
    }

    public bool IsGenericHead(string word)
    {
        var w = Normalize.Key(word);
        foreach (var e in _endings)
            if (w.EndsWith(e) && _genericHeads.Contains(w[..^e.Length])) return true;
        return false;
    }

    /// <summary>The item a single word names, or null.</summary>
    public ItemMatch? MatchWord(string word)
    {
        var w = Normalize.Key(word).Trim('-');
        if (w.Length < 2) return null;
        if (_cache.TryGetValue(w, out var cached)) return cached;
        var result = Compute(w);
        _cache[w] = result;
        return result;
    }

    private ItemMatch? Compute(string w)
    {
        // 1. the whole word, allowing inflection endings
        foreach (var e in _endings)
            if (w.Length > e.Length && w.EndsWith(e, StringComparison.Ordinal) && _words.TryGetValue(w[..^e.Length], out var id))
                return Make(id, w[..^e.Length]);
        // 2. a specific first part before a generic head: "marschflugkörper|technologie", "u-boot-|technik"
        _modifiersLongestFirst ??= _modifiers.OrderByDescending(m => m.Key.Length).ToArray();
        foreach (var (mod, id) in _modifiersLongestFirst)
        {
            if (!w.StartsWith(mod, StringComparison.Ordinal)) continue;
            var rest = w[mod.Length..].TrimStart('-');
            if (rest.StartsWith('s') && !IsGenericHead(rest)) rest = rest[1..];
            if (rest.Length >= _minModifierRest && EndsWithGenericHead(rest)) return new ItemMatch(id, mod, false);
        }
        // 3. the head of a compound: the longest known term the word ends with
        string? bestTerm = null, bestId = null;
        foreach (var e in _endings)
        {
            if (!w.EndsWith(e, StringComparison.Ordinal)) continue;
            var b = w[..^e.Length];
            for (int i = 1; i < b.Length - 2; i++)
            {
                var tail = b[i..];
                if (_heads.TryGetValue(tail, out var id) && (bestTerm == null || tail.Length > bestTerm.Length)) { bestTerm = tail; bestId = id; break; }
            }
        }
        if (bestId != null)
        {
            // "Drohnentechnologie": a generic head after a specific first part keeps the first part's category.
            if (bestId == Technology || _genericHeads.Contains(bestTerm!))
            {
                var prefix = w[..w.LastIndexOf(bestTerm!, StringComparison.Ordinal)].TrimEnd('-');
                if (prefix.EndsWith('s') && prefix.Length > 3) prefix = prefix[..^1];
                var inner = prefix.Length >= 3 ? Compute(prefix) : null;
                if (inner != null && inner.Id != Technology) return inner with { IsGeneric = false };
            }
            return Make(bestId, bestTerm!);
        }
        return null;
    }

    private bool EndsWithGenericHead(string rest)
    {
        foreach (var e in _endings)
        {
            if (!rest.EndsWith(e, StringComparison.Ordinal)) continue;
            var b = rest[..^e.Length];
            for (int i = 0; i < b.Length - 2; i++)
                if (_genericHeads.Contains(b[i..]) || _words.TryGetValue(b[i..], out var id) && id == Technology) return true;
        }
        return false;
    }

    private ItemMatch Make(string id, string term) => new(id, term, _genericHeads.Contains(term) || id == Technology);

    /// <summary>Multi-word terms starting at the given words: (id, number of words) of the longest match.</summary>
    public (string Id, int Length)? MatchPhrase(IReadOnlyList<string> words, int start)
    {
        if (!_phrases.TryGetValue(Stem(words[start]), out var list)) return null;
        (string, int)? best = null;
        foreach (var (stems, id, _) in list)
        {
            if (start + stems.Length > words.Count) continue;
            bool ok = true;
            for (int k = 1; k < stems.Length && ok; k++) ok = Stem(words[start + k]) == stems[k];
            if (ok && (best == null || stems.Length > best.Value.Item2)) best = (id, stems.Length);
        }
        return best;
    }
}
