using System.Collections.Concurrent;
using Lagebild.Knowledge;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// The knowledge tables (states, capitals, demonyms, organisations, leaders, first names, company words, role
/// nouns) and the NER name lists (GeoNames towns, family and given names: ner_places.tsv, ner_surnames.tsv,
/// ner_given_names.tsv) as token-sequence look-ups for NER features. Phrases are matched case-sensitively by
/// hashing token texts, so a sentence is scanned without building strings. Loaded from the default tables (plus
/// LAGEBILD_KNOWLEDGE, so an analyst's additions count) once per language.
/// </summary>
public sealed class NerGazetteer
{
    /// <summary>What a phrase is; one bit each, a phrase may carry several.</summary>
    public enum Category { State, Capital, StandIn, Demonym, Adjective, Organisation, Company, Leader, FirstName, EastAsianFamily, CompanyWord, Role, Place, Surname, GivenName }
    public const int CategoryCount = 15;
    private const int PrefixBit = 1 << 30;   // a longer phrase continues from here
    private const int MaxTokens = 8;

    private static readonly ConcurrentDictionary<string, NerGazetteer> Cache = new();
    private readonly Dictionary<ulong, int> _phrases = new();
    private readonly int _categories;

    public NerGazetteer() : this(CategoryCount) { }

    /// <summary>A look-up with <paramref name="categories"/> categories numbered from 0 (at most 15: two mark bits each, below the prefix bit).</summary>
    public NerGazetteer(int categories)
    {
        if (categories < 1 || categories > CategoryCount) throw new ArgumentOutOfRangeException(nameof(categories));
        _categories = categories;
    }

    public int PhraseCount => _phrases.Count;
    public int Categories => _categories;

    /// <summary>
    /// The entity phrases of labelled sentences, each under its type (index into <paramref name="types"/>): the
    /// recognizer's lexicon of what the training data called an entity. Only hashes are kept, no text.
    /// </summary>
    public static NerGazetteer FromEntities(IEnumerable<NerSentence> sentences, IReadOnlyList<string> types)
    {
        var typeIndex = types.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var g = new NerGazetteer(Math.Max(1, types.Count));
        foreach (var s in sentences)
            foreach (var span in Evaluation.NlpScorer.Spans(s.Tags))
                if (typeIndex.TryGetValue(span.Type, out int type) && span.End - span.Start <= MaxTokens)
                    g.Add(s.Tokens.Skip(span.Start).Take(span.End - span.Start).ToArray(), type);
        return g;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_categories);
        w.Write(_phrases.Count);
        foreach (var (key, flags) in _phrases.OrderBy(kv => kv.Key)) { w.Write(key); w.Write(flags); }
    }

    public static NerGazetteer Read(BinaryReader r)
    {
        int categories = r.ReadInt32(), count = r.ReadInt32();
        if (categories < 1 || categories > CategoryCount || count < 0 || count > 50_000_000) throw new InvalidDataException($"bad lexicon header ({categories}, {count})");
        var g = new NerGazetteer(categories);
        for (int i = 0; i < count; i++) g._phrases[r.ReadUInt64()] = r.ReadInt32();
        return g;
    }

    /// <summary>The default tables of a language (cached).</summary>
    public static NerGazetteer ForLanguage(string lang) => Cache.GetOrAdd(lang, l => Load(new TableSource(), l));

    private static readonly string[] GermanAdjectiveEndings = ["", "e", "en", "er", "es", "em"];
    private static readonly string[] LegalForms =
        ["GmbH", "AG", "KG", "SE", "mbH", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "Corp", "Corp.", "Co.", "plc", "PLC", "S.A.", "SA", "N.V.", "e.V.", "Group", "Holding", "Konzern"];

    public static NerGazetteer Load(TableSource source, string lang)
    {
        var g = new NerGazetteer();
        var states = source.TryLoad("shared/states.tsv");
        if (states != null)
            foreach (var row in states.All())
                if (states.HasColumn("name_" + lang)) g.Add(row["name_" + lang], Category.State);
        var local = source.TryLoad($"{lang}/states.tsv");
        if (local != null)
            foreach (var row in local.All())
            {
                var surface = row["surface"];
                switch (row["form"])
                {
                    case "adjective" when lang == "de" && surface.Length > 0 && char.IsLower(surface[0]):
                        foreach (var end in GermanAdjectiveEndings) g.Add(surface + end, Category.Adjective);
                        break;
                    case "adjective": g.Add(surface, Category.Adjective); break;
                    case "demonym": g.Add(surface, Category.Demonym); break;
                    case "capital": g.Add(surface, Category.Capital); break;
                    case "standin": g.Add(surface, Category.StandIn); break;
                    case "compound": break;
                    default: g.Add(surface, Category.State); break;
                }
            }
        var orgs = source.TryLoad("shared/organisations.tsv");
        if (orgs != null)
            foreach (var row in orgs.All())
                g.Add(row["surface"], row["type"] == "company" ? Category.Company : Category.Organisation);
        var leaders = source.TryLoad("shared/leaders.tsv");
        if (leaders != null)
            foreach (var row in leaders.All())
            {
                var l = row["lang"];
                if (l.Length == 0 || l == lang) g.Add(row["name"], Category.Leader);
            }
        var first = source.TryLoad($"{lang}/first_names.tsv");
        if (first != null) foreach (var row in first.All()) g.Add(row["name"], Category.FirstName);
        var eastAsian = source.TryLoad("shared/family_names_east_asian.tsv");
        if (eastAsian != null) foreach (var row in eastAsian.All()) g.Add(row["name"], Category.EastAsianFamily);
        var company = source.TryLoad("shared/company_words.tsv");
        if (company != null) foreach (var row in company.All()) g.Add(row["word"], Category.CompanyWord);
        foreach (var form in LegalForms) g.Add(form, Category.CompanyWord);
        // Long name lists: weak evidence alone (many towns are also words or surnames), so they get their own bits.
        var places = source.TryLoad($"{lang}/ner_places.tsv");
        if (places != null) foreach (var row in places.All()) g.Add(row["name"], Category.Place);
        var surnames = source.TryLoad($"{lang}/ner_surnames.tsv");
        if (surnames != null) foreach (var row in surnames.All()) g.Add(row["name"], Category.Surname);
        var given = source.TryLoad($"{lang}/ner_given_names.tsv");
        if (given != null) foreach (var row in given.All()) g.Add(row["name"], Category.GivenName);
        var roles = source.TryLoad($"{lang}/roles.tsv");
        if (roles != null)
            foreach (var row in roles.All())
                if (row["kind"] != "suffix") g.Add(row["surface"], Category.Role);
        return g;
    }

    /// <summary>Adds a phrase (words separated by spaces) of a category.</summary>
    public void Add(string phrase, Category category) =>
        Add(phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries), (int)category);

    /// <summary>Adds a phrase given as tokens, under category number <paramref name="category"/>.</summary>
    public void Add(IReadOnlyList<string> words, int category)
    {
        if (words.Count == 0 || words.Count > MaxTokens || category < 0 || category >= _categories) return;
        ulong h = Seed;
        for (int i = 0; i < words.Count; i++)
        {
            h = Extend(h, TokenHash(words[i]));
            int flags = i == words.Count - 1 ? 1 << category : PrefixBit;
            _phrases[h] = _phrases.GetValueOrDefault(h) | flags;
        }
    }

    private const ulong Seed = 0x5EED5EED5EEDUL;

    public static ulong TokenHash(ReadOnlySpan<char> token) => FeatureKey.Of(0, token);

    private static ulong Extend(ulong phrase, ulong token) => FeatureKey.Combine(phrase, token);

    /// <summary>The "begins a phrase" mark bits of the one-token phrases equal to <paramref name="token"/> (0 if none).</summary>
    public int MarkSingle(ReadOnlySpan<char> token)
    {
        if (!_phrases.TryGetValue(Extend(Seed, TokenHash(token)), out int flags)) return 0;
        int cats = flags & ~PrefixBit, marks = 0;
        for (int c = 0; c < _categories; c++) if ((cats & (1 << c)) != 0) marks |= 1 << (2 * c);
        return marks;
    }

    /// <summary>
    /// Marks, for each token, the categories of every phrase covering it: bit 2c = begins a phrase of category c,
    /// bit 2c+1 = inside one. <paramref name="tokenHashes"/> are <see cref="TokenHash"/> of the tokens.
    /// </summary>
    public void Mark(ReadOnlySpan<ulong> tokenHashes, Span<int> marks)
    {
        marks[..tokenHashes.Length].Clear();
        for (int start = 0; start < tokenHashes.Length; start++)
        {
            ulong h = Seed;
            for (int end = start; end < tokenHashes.Length && end - start < MaxTokens; end++)
            {
                h = Extend(h, tokenHashes[end]);
                if (!_phrases.TryGetValue(h, out int flags)) break;
                int cats = flags & ~PrefixBit;
                if (cats != 0)
                    for (int c = 0; c < _categories; c++)
                    {
                        if ((cats & (1 << c)) == 0) continue;
                        marks[start] |= 1 << (2 * c);
                        for (int j = start + 1; j <= end; j++) marks[j] |= 1 << (2 * c + 1);
                    }
                if ((flags & PrefixBit) == 0) break;
            }
        }
    }
}
