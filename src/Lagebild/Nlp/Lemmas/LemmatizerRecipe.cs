using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Models;
using Lagebild.Nlp.Tagging;

namespace Lagebild.Nlp.Lemmas;

/// <summary>
/// Trains the lemmatizers. English: UD English EWT train (dev picks the epoch). German: no GSD train split with
/// lemmas is available, so GSD v2.16 dev + German PUD plus the German inflection lexicon (<see cref="GermanLexicon"/>);
/// the epoch count is fixed. Test scores use the tagger's predicted UPOS (the tagger-LANG model next to the output,
/// gold UPOS only when there is none).
/// </summary>
public sealed class LemmatizerRecipe : IModelRecipe
{
    private const string CcBySa4 = "CC BY-SA 4.0", CcBySa3 = "CC BY-SA 3.0";

    /// <summary>German tags whose lemmatisation is alike and whose UD annotation changed after v2.3 (the tagger's
    /// training data): PRON/DET for determiners, ADV/ADJ for adverbial adjectives, AUX/VERB.</summary>
    public static readonly IReadOnlyDictionary<string, string> GermanTagGroups = new Dictionary<string, string>
    {
        ["PRON"] = "DET", ["ADV"] = "ADJ", ["AUX"] = "VERB",
    };

    public string Kind => Lemmatizer.Kind;
    public IReadOnlyList<string> Languages { get; } = ["de", "en"];
    public LemmatizerTrainingOptions Options { get; init; } = new();
    /// <summary>Unpacked npm packages to convert instead of the committed table (German).</summary>
    public string? NpmDirectory { get; init; }
    /// <summary>The converted lexicon table; default: the committed src/Lagebild/Lang/de/lemma_lexicon.tsv.gz.</summary>
    public string? LexiconTable { get; init; }

    public static (IReadOnlyList<DataFile> Train, DataFile? Dev, DataFile Test) DataOf(string lang) => lang switch
    {
        "de" => ([new DataFile("ud-german-gsd/de_gsd-ud-dev.conllu", CcBySa4, "train"),
                  new DataFile("ud-german-pud/de_pud-ud-test.conllu", CcBySa3, "train")],
                 null,
                 new DataFile("ud-german-gsd/de_gsd-ud-test.conllu", CcBySa4, "test")),
        "en" => ([new DataFile("ud-english-ewt/en_ewt-ud-train.conllu.gz", CcBySa4, "train")],
                 new DataFile("ud-english-ewt/en_ewt-ud-dev.conllu", CcBySa4, "dev"),
                 new DataFile("ud-english-ewt/en_ewt-ud-test.conllu", CcBySa4, "test")),
        _ => throw new ArgumentException($"no lemmatizer training data for language '{lang}'", nameof(lang)),
    };

    public static IEnumerable<LemmaExample> Examples(IEnumerable<UdSentence> sentences) =>
        sentences.SelectMany(s => Enumerable.Range(0, s.Length)
            .Select(i => new LemmaExample(s.Forms[i], s.Upos[i], s.Lemmas[i], i == 0)));

    public TrainingReport Train(string lang, string dataDirectory, string outPath, TextWriter log)
    {
        var (trainFiles, devFile, testFile) = DataOf(lang);
        var data = trainFiles.Append(devFile).Append(testFile).OfType<DataFile>().ToList();
        var examples = trainFiles.SelectMany(f => Examples(CorpusReader.ReadTreebank(RecipeSupport.Resolve(dataDirectory, f)))).ToList();
        var dev = devFile == null ? null : Examples(CorpusReader.ReadTreebank(RecipeSupport.Resolve(dataDirectory, devFile))).ToList();
        var options = lang == "de" ? Options with { TagGroups = GermanTagGroups } : Options;
        var lexiconSource = (string?)null;
        if (lang == "de")
        {
            List<LemmaExample>? lexicon = null;
            if (NpmDirectory != null) { lexicon = GermanLexicon.FromNpm(NpmDirectory); lexiconSource = "npm packages (converted at training)"; }
            else if ((LexiconTable ?? GermanLexicon.FindTable()) is { } table && File.Exists(table))
            {
                lexicon = GermanLexicon.ReadTable(table);
                lexiconSource = "src/Lagebild/Lang/de/" + GermanLexicon.TableFile;
            }
            if (lexicon == null) log.WriteLine("lemmatizer-de: WARNING: no German lexicon found; training on the treebanks only");
            else
            {
                log.WriteLine($"lemmatizer-de: lexicon {lexicon.Count:N0} rows from {lexiconSource}");
                examples.AddRange(lexicon);
            }
        }
        log.WriteLine($"lemmatizer-{lang}: {examples.Count:N0} training examples");

        var clock = Stopwatch.StartNew();
        var result = LemmatizerTrainer.Train(examples, dev, options, log);
        double seconds = clock.Elapsed.TotalSeconds;

        var tagger = new NlpModelSet(Path.GetDirectoryName(Path.GetFullPath(outPath))!, lang).Tagger;
        var test = CorpusReader.ReadTreebank(RecipeSupport.Resolve(dataDirectory, testFile));
        var (exact, caseless) = Score(result.Lemmatizer, tagger, test);
        var scores = new Dictionary<string, double?> { ["lemma"] = exact };
        log.WriteLine($"lemmatizer-{lang}: test lemma {exact:0.00} % exact, {caseless:0.00} % ignoring case ({(tagger == null ? "gold" : "predicted")} UPOS)");

        var parameters = options.ToJson();
        parameters["best_epoch"] = result.BestEpoch;
        parameters["classes"] = result.Lemmatizer.Classes.Count;
        parameters["features"] = result.Lemmatizer.Model.FeatureCount;
        parameters["table_entries"] = result.Lemmatizer.Exceptions.Count;
        var files = RecipeSupport.Describe(dataDirectory, data);
        if (lexiconSource != null) files.Add(new JsonObject { ["file"] = lexiconSource, ["licence"] = GermanLexicon.Licence, ["role"] = "train" });
        var metadata = new JsonObject
        {
            ["kind"] = Kind, ["lang"] = lang, ["date"] = RecipeSupport.Today,
            ["method"] = "exact (tag group, form) table for training words the classifier misses + averaged perceptron over edit-tree classes",
            ["trained_by"] = $"lagebild train lemmatizer --lang {lang} (src/Lagebild/Nlp/Lemmas/LemmatizerRecipe.cs)",
            ["data"] = files,
            ["parameters"] = parameters.DeepClone(),
            ["training_seconds"] = Math.Round(seconds, 1),
            ["dev"] = result.BestDevAccuracy is { } d ? new JsonObject { ["lemma"] = Math.Round(d, 2) } : null,
            ["test"] = new JsonObject { ["lemma"] = Math.Round(exact, 2), ["lemma_caseless"] = Math.Round(caseless, 2),
                                        ["upos"] = tagger == null ? "gold" : "predicted" },
        };
        var lemmatizer = new Lemmatizer(result.Lemmatizer.TagGroups, result.Lemmatizer.Classes.ToArray(),
            result.Lemmatizer.Exceptions, result.Lemmatizer.Model, metadata);
        lemmatizer.Save(outPath);
        log.WriteLine($"lemmatizer-{lang}: wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:0.00} MB)");
        return new TrainingReport(Kind, lang, outPath, data, scores, parameters);
    }

    public IReadOnlyDictionary<string, double?> Evaluate(string lang, string dataDirectory, NlpModelSet models, TextWriter log)
    {
        if (models.Lemmatizer is not { } lemmatizer) { log.WriteLine($"lemmatizer-{lang}: no model"); return new Dictionary<string, double?> { ["lemma"] = null }; }
        var test = CorpusReader.ReadTreebank(RecipeSupport.Resolve(dataDirectory, DataOf(lang).Test));
        var tagger = models.Tagger;
        var (exact, caseless) = Score(lemmatizer, tagger, test);
        log.WriteLine($"lemmatizer-{lang}: test lemma {exact:0.00} % exact, {caseless:0.00} % ignoring case ({(tagger == null ? "gold" : "predicted")} UPOS)");
        return new Dictionary<string, double?> { ["lemma"] = exact };
    }

    /// <summary>Lemma accuracy (exact and case-insensitive) with the tagger's UPOS, or gold UPOS without a tagger.</summary>
    public static (double Exact, double Caseless) Score(ILemmatizer lemmatizer, ITagger? tagger, IReadOnlyList<UdSentence> sentences)
    {
        long exact = 0, caseless = 0, total = 0;
        foreach (var s in sentences)
        {
            var upos = tagger?.Tag(s.Forms).Upos ?? s.Upos;
            var lemmas = lemmatizer.Lemmatize(s.Forms, upos);
            for (int i = 0; i < s.Length; i++)
            {
                if (lemmas[i] == s.Lemmas[i]) exact++;
                if (string.Equals(lemmas[i], s.Lemmas[i], StringComparison.OrdinalIgnoreCase)) caseless++;
                total++;
            }
        }
        return total == 0 ? (0, 0) : (100.0 * exact / total, 100.0 * caseless / total);
    }
}
