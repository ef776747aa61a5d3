using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Evaluation;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Parsing;

/// <summary>
/// How the dependency parsers are trained and scored. English: the epoch count is chosen on EWT dev with a model
/// trained on EWT train, then the shipped model learns from train + dev; scored on EWT test. German: no GSD train
/// with trees is available, so the parser learns from GSD dev + German PUD (both licences allow commercial use),
/// picks its epoch count on a held-out tenth of that, is retrained on all of it, and is scored on GSD test.
/// Non-commercial treebanks (GUM, LIT) and the test splits are never trained on.
/// </summary>
public sealed class ParserRecipe : IModelRecipe
{
    public string Kind => DependencyParser.Kind;
    public IReadOnlyList<string> Languages { get; } = ["en", "de"];

    /// <summary>Overrides the per-language settings of <see cref="OptionsFor"/> (experiments, tests).</summary>
    public ParserTrainingOptions? Options { get; init; }

    /// <summary>
    /// The shipped settings. Both languages train with 5 % simulated tagging errors, since at run time the tags come
    /// from the tagger. English prunes weights below 1.0 (a third of them survive; ~0.1 UAS for ~1.5 times the speed);
    /// German, with a tenth of the data, loses more by pruning and its model is small anyway.
    /// </summary>
    public ParserTrainingOptions OptionsFor(string lang) => Options ?? (lang == "de"
        ? new ParserTrainingOptions { Epochs = 15, TagNoise = 0.05, PruneBelow = 0.05f }
        : new ParserTrainingOptions { Epochs = 20, TagNoise = 0.05, PruneBelow = 1.0f });

    private sealed record Corpus(IReadOnlyList<DataFile> Train, DataFile? Dev, DataFile Test);

    private static Corpus CorpusOf(string lang) => lang switch
    {
        "en" => new Corpus(
            [new DataFile("ud-english-ewt/en_ewt-ud-train.conllu.gz", "CC BY-SA 4.0", "train")],
            new DataFile("ud-english-ewt/en_ewt-ud-dev.conllu", "CC BY-SA 4.0", "dev (epoch choice), then train"),
            new DataFile("ud-english-ewt/en_ewt-ud-test.conllu", "CC BY-SA 4.0", "test")),
        "de" => new Corpus(
            [new DataFile("ud-german-gsd/de_gsd-ud-dev.conllu", "CC BY-SA 4.0", "train"),
             new DataFile("ud-german-pud/de_pud-ud-test.conllu", "CC BY-SA 3.0", "train")],
            null,
            new DataFile("ud-german-gsd/de_gsd-ud-test.conllu", "CC BY-SA 4.0", "test")),
        _ => throw new ArgumentException($"no parser recipe for language '{lang}' (en, de)", nameof(lang)),
    };

    public TrainingReport Train(string lang, string dataDirectory, string outPath, TextWriter log)
    {
        var corpus = CorpusOf(lang);
        var clock = Stopwatch.StartNew();
        var train = corpus.Train.SelectMany(f => CorpusReader.ReadTreebank(Path.Combine(dataDirectory, f.Path))).ToList();
        var test = CorpusReader.ReadTreebank(Path.Combine(dataDirectory, corpus.Test.Path));
        var options = OptionsFor(lang);

        // First the number of epochs is chosen on a development set (EWT dev; for German, which has none, every tenth
        // training sentence). Then the shipped model learns from the training and development sentences together for
        // that many epochs: a sixth more data for English, a tenth for German.
        List<UdSentence> choiceTrain, choiceDev, all;
        if (corpus.Dev != null)
        {
            choiceTrain = train;
            choiceDev = CorpusReader.ReadTreebank(Path.Combine(dataDirectory, corpus.Dev.Path));
            all = train.Concat(choiceDev).ToList();
        }
        else
        {
            choiceTrain = train.Where((_, i) => i % 10 != 9).ToList();
            choiceDev = train.Where((_, i) => i % 10 == 9).ToList();
            all = train;
        }
        log.WriteLine($"parser {lang}: choosing the epoch count on {choiceDev.Count} development sentences");
        var trial = ParserTrainer.Train(lang, choiceTrain, choiceDev, options, log);
        log.WriteLine($"parser {lang}: retraining on all {all.Count} training and development sentences for {trial.BestEpoch} epochs");
        var final = ParserTrainer.Train(lang, all, [], options with { Epochs = trial.BestEpoch }, log);
        var result = final with { BestEpoch = trial.BestEpoch, Dev = trial.Dev, DevByEpoch = trial.DevByEpoch };
        var parser = result.Parser;
        log.WriteLine($"parser {lang}: test with gold UPOS (the recipe has no tagger while training)");
        var testScore = ParserTrainer.Evaluate(parser, test, null);
        log.WriteLine($"parser {lang}: test {testScore}");
        var seconds = clock.Elapsed.TotalSeconds;

        var data = corpus.Train.Concat(corpus.Dev is null ? [] : [corpus.Dev]).Append(corpus.Test).ToList();
        var parameters = new JsonObject
        {
            ["transition_system"] = "arc-eager, dynamic oracle (Goldberg & Nivre 2012), greedy decoding",
            ["features"] = $"Zhang & Nivre (2011) templates + S1 ({ParserFeatures.Count} per configuration)",
            ["epochs"] = options.Epochs,
            ["best_epoch"] = result.BestEpoch,
            ["seed"] = options.Seed,
            ["exploration"] = options.Exploration,
            ["explore_from_epoch"] = options.ExploreFromEpoch,
            ["tag_noise"] = options.TagNoise,
            ["prune_below"] = options.PruneBelow,
            ["labels"] = parser.Labels.Count,
            ["features_kept"] = parser.FeatureCount,
            ["weights"] = parser.WeightCount,
            ["training_sentences"] = all.Count,
        };
        var scores = new Dictionary<string, double?> { ["uas"] = Round(testScore.Uas), ["las"] = Round(testScore.Las) };
        var metadata = new JsonObject
        {
            ["kind"] = Kind,
            ["lang"] = lang,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["trained_by"] = $"lagebild train parser --lang {lang} (src/Lagebild/Nlp/Parsing/ParserRecipe.cs)",
            ["data"] = new JsonArray(data.Select(f => (JsonNode)new JsonObject
            {
                ["file"] = f.Path,
                ["role"] = f.Role,
                ["licence"] = f.Licence,
                ["sha256"] = Sha256(Path.Combine(dataDirectory, f.Path)),
            }).ToArray()),
            ["parameters"] = parameters.DeepClone(),
            ["scores"] = new JsonObject
            {
                ["dev"] = new JsonObject { ["uas"] = Round(result.Dev.Uas), ["las"] = Round(result.Dev.Las),
                    ["set"] = corpus.Dev?.Path ?? "every 10th training sentence (held out while choosing the epoch count)",
                    ["note"] = "model trained without the development sentences, at the chosen epoch" },
                ["test"] = new JsonObject { ["uas"] = scores["uas"], ["las"] = scores["las"], ["set"] = corpus.Test.Path, ["upos"] = "gold" },
            },
            ["training_seconds"] = Math.Round(seconds),
        };
        var saved = new DependencyParser(lang, parser.Labels.ToArray(), parser.Model, metadata);
        saved.Save(outPath);
        log.WriteLine($"parser {lang}: wrote {outPath} ({new FileInfo(outPath).Length / 1e6:0.0} MB) in {seconds:0} s");
        return new TrainingReport(Kind, lang, outPath, data, scores, parameters);
    }

    public IReadOnlyDictionary<string, double?> Evaluate(string lang, string dataDirectory, NlpModelSet models, TextWriter log)
    {
        var corpus = CorpusOf(lang);
        var parser = models.Parser;
        if (parser == null)
        {
            log.WriteLine($"parser {lang}: no parser model, not scored");
            return new Dictionary<string, double?> { ["uas"] = null, ["las"] = null };
        }
        var tagger = models.Tagger;
        log.WriteLine(tagger != null
            ? $"parser {lang}: UPOS predicted by the tagger"
            : $"parser {lang}: no tagger model, parsing with GOLD UPOS (scores are optimistic)");
        var total = new AttachmentScore();
        foreach (var s in CorpusReader.ReadTreebank(Path.Combine(dataDirectory, corpus.Test.Path)))
        {
            if (s.Length == 0 || !s.HasTrees) continue;
            IReadOnlyList<string> upos = tagger != null ? tagger.Tag(s.Forms).Upos : s.Upos;
            var tree = parser.Parse(s.Forms, upos);
            total += NlpScorer.Attachment(s.Heads, s.Deprels, tree.Heads, tree.Labels);
        }
        log.WriteLine($"parser {lang}: {corpus.Test.Path}: {total}");
        return new Dictionary<string, double?> { ["uas"] = Round(total.Uas), ["las"] = Round(total.Las) };
    }

    private static double Round(double x) => Math.Round(x, 2);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
