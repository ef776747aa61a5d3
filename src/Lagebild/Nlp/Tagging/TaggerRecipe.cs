using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Tagging;

/// <summary>
/// Trains the POS taggers. German: UD German GSD v2.3 (the only train split available here has FORM+UPOS only, so
/// dev and test are the matching v2.3 files). English: UD English EWT with joint UPOS+XPOS (PTB) classes.
/// </summary>
public sealed class TaggerRecipe : IModelRecipe
{
    private const string GsdLicence = "CC BY-SA 4.0", EwtLicence = "CC BY-SA 4.0";

    public string Kind => PosTagger.Kind;
    public IReadOnlyList<string> Languages { get; } = ["de", "en"];
    public TaggerTrainingOptions Options { get; init; } = new();

    public static (DataFile Train, DataFile Dev, DataFile Test) DataOf(string lang) => lang switch
    {
        "de" => (new DataFile("ud-german-gsd/de_gsd-ud-train.v2.3.conllu.pos.gz", GsdLicence, "train"),
                 new DataFile("ud-german-gsd/de_gsd-ud-dev.v2.3.conllu.pos", GsdLicence, "dev"),
                 new DataFile("ud-german-gsd/de_gsd-ud-test.v2.3.conllu.pos", GsdLicence, "test")),
        "en" => (new DataFile("ud-english-ewt/en_ewt-ud-train.conllu.gz", EwtLicence, "train"),
                 new DataFile("ud-english-ewt/en_ewt-ud-dev.conllu", EwtLicence, "dev"),
                 new DataFile("ud-english-ewt/en_ewt-ud-test.conllu", EwtLicence, "test")),
        _ => throw new ArgumentException($"no tagger training data for language '{lang}'", nameof(lang)),
    };

    /// <summary>Sentences of a treebank with joint "UPOS\tXPOS" classes where the file has XPOS.</summary>
    public static List<TaggedSentence> Read(string path, bool withXpos) =>
        CorpusReader.ReadTreebank(path).Select(s => new TaggedSentence(s.Forms,
            withXpos && s.HasXpos ? s.Upos.Zip(s.Xpos, (u, x) => u + "\t" + x).ToArray() : s.Upos)).ToList();

    public TrainingReport Train(string lang, string dataDirectory, string outPath, TextWriter log)
    {
        var (trainFile, devFile, testFile) = DataOf(lang);
        bool xpos = lang == "en";
        var train = Read(RecipeSupport.Resolve(dataDirectory, trainFile), xpos);
        var dev = Read(RecipeSupport.Resolve(dataDirectory, devFile), xpos);
        var test = Read(RecipeSupport.Resolve(dataDirectory, testFile), xpos);
        log.WriteLine($"tagger-{lang}: {train.Count:N0} training sentences, {train.Sum(s => s.Words.Length):N0} words");

        var clock = Stopwatch.StartNew();
        // Clause-final features help German (verb-final clauses) and cost English a little on dev.
        var options = Options with { ClauseFeatures = lang == "de" };
        var result = PosTaggerTrainer.Train(train, dev, options, log);
        double seconds = clock.Elapsed.TotalSeconds;
        var (devUpos, devXpos) = PosTaggerTrainer.Evaluate(result.Tagger, dev);
        var (testUpos, testXpos) = PosTaggerTrainer.Evaluate(result.Tagger, test);
        var scores = new Dictionary<string, double?> { ["upos"] = testUpos };
        if (xpos) scores["xpos"] = testXpos;
        log.WriteLine($"tagger-{lang}: best epoch {result.BestEpoch}; dev UPOS {devUpos:0.00} %; test UPOS {testUpos:0.00} %"
            + (xpos ? $", XPOS {testXpos:0.00} %" : ""));

        var data = new[] { trainFile, devFile, testFile };
        var parameters = options.ToJson();
        parameters["best_epoch"] = result.BestEpoch;
        parameters["classes"] = result.Tagger.Classes.Count;
        parameters["features"] = result.Tagger.FeatureCount;
        parameters["ambiguity_words"] = result.Tagger.Features.Ambiguity.Count;
        var metadata = new JsonObject
        {
            ["kind"] = Kind, ["lang"] = lang, ["date"] = RecipeSupport.Today,
            ["method"] = "greedy averaged perceptron, joint UPOS+XPOS classes where the data has XPOS",
            ["trained_by"] = $"lagebild train tagger --lang {lang} (src/Lagebild/Nlp/Tagging/TaggerRecipe.cs)",
            ["data"] = RecipeSupport.Describe(dataDirectory, data),
            ["parameters"] = parameters.DeepClone(),
            ["training_seconds"] = Math.Round(seconds, 1),
            ["dev"] = RecipeSupport.Scores(xpos ? new Dictionary<string, double?> { ["upos"] = devUpos, ["xpos"] = devXpos }
                                                : new Dictionary<string, double?> { ["upos"] = devUpos }),
            ["test"] = RecipeSupport.Scores(scores),
        };
        var tagger = new PosTagger(result.Tagger.Classes.ToArray(), result.Tagger.HasXpos, result.Tagger.Features,
            result.Tagger.Model, metadata);
        tagger.Save(outPath);
        log.WriteLine($"tagger-{lang}: wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:0.00} MB)");
        return new TrainingReport(Kind, lang, outPath, data, scores, parameters);
    }

    public IReadOnlyDictionary<string, double?> Evaluate(string lang, string dataDirectory, NlpModelSet models, TextWriter log)
    {
        var scores = new Dictionary<string, double?> { ["upos"] = null };
        if (lang == "en") scores["xpos"] = null;
        if (models.Tagger is not { } tagger) { log.WriteLine($"tagger-{lang}: no model"); return scores; }
        var test = Read(RecipeSupport.Resolve(dataDirectory, DataOf(lang).Test), lang == "en");
        var (upos, xpos) = PosTaggerTrainer.Evaluate(tagger, test);
        scores["upos"] = upos;
        if (lang == "en") scores["xpos"] = xpos;
        log.WriteLine($"tagger-{lang}: test UPOS {scores["upos"]:0.00} %" + (lang == "en" ? $", XPOS {scores["xpos"]:0.00} %" : ""));
        return scores;
    }
}
