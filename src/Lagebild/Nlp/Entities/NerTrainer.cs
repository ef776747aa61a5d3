using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Evaluation;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Entities;

/// <summary>Training settings of the entity recognizer.</summary>
public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 12;
    /// <summary>Development F1 is measured from this epoch on; the best epoch's averaged model is kept.</summary>
    public int FirstScoredEpoch { get; init; } = 4;
    /// <summary>1 = greedy. A wider beam (over per-step log-softmax scores) measured no gain on either dev set.</summary>
    public int BeamSize { get; init; } = 1;
    /// <summary>Averaged weights below this magnitude are dropped (model size).</summary>
    public float PruneBelow { get; init; } = 0.01f;
    public int Seed { get; init; } = 1;
    /// <summary>
    /// Models trained with this many shuffle seeds (Seed, Seed + 1...) on the same data, each at its best dev epoch,
    /// and averaged into one: it errs less than any of them (4 on GermEval: dev +0.5, test +0.4 F1 over their mean).
    /// </summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Learn BIOES labels (chunk ends marked) instead of the corpus's BIO; output is BIO either way.</summary>
    public bool Bioes { get; init; } = true;
    /// <summary>Features seen fewer times in the training data are left out. 2 halves the model but cost about one
    /// point of GermEval F1, so all features are kept by default.</summary>
    public int MinFeatureCount { get; init; } = 1;
    /// <summary>
    /// Folds of the training-entity lexicon (0 = no lexicon). Each training sentence sees the lexicon of the other
    /// folds, as a test sentence sees one built without it; decoding uses the lexicon of all training data.
    /// </summary>
    public int LexiconFolds { get; init; } = 5;
    /// <summary>Capitalisation statistics of each word type from unlabelled text as features.</summary>
    public bool CaseStatistics { get; init; } = true;
    /// <summary>After choosing the epoch on dev, train again on train + dev for that many epochs (the shipped model).</summary>
    public bool FinalOnTrainAndDev { get; init; }
    /// <summary>Passive-aggressive (PA-I) updates instead of perceptron ones (<see cref="NerTrainer.PassiveAggressiveUpdate"/>).</summary>
    public bool PassiveAggressive { get; init; }
    /// <summary>A lower-case word also gets the gazetteer marks of its capitalised form ("malaysia"); stored in the model.</summary>
    public bool LowercaseGazetteer { get; init; }

    public JsonObject ToJson() => new()
    {
        ["epochs"] = Epochs, ["first_scored_epoch"] = FirstScoredEpoch, ["beam"] = BeamSize,
        ["prune_below"] = PruneBelow, ["seed"] = Seed, ["seeds"] = Seeds, ["bioes"] = Bioes, ["min_feature_count"] = MinFeatureCount,
        ["lexicon_folds"] = LexiconFolds, ["case_statistics"] = CaseStatistics, ["final_on_train_and_dev"] = FinalOnTrainAndDev,
        ["passive_aggressive"] = PassiveAggressive, ["lowercase_gazetteer"] = LowercaseGazetteer,
    };
}

/// <summary>
/// Trains <see cref="EntityRecognizer"/>: greedy left-to-right perceptron with the predicted (not gold) tag history,
/// so training sees the errors decoding will make. Where a wrong guess makes the gold label impossible next (I-X after
/// O), the update aims at the best label still possible (<see cref="BioesScheme.Oracle"/>) rather than at one decoding
/// can never choose; that alone gave +2 F1 on GermEval dev. Sentences are shuffled each epoch with a fixed seed.
/// </summary>
public static class NerTrainer
{
    private sealed class Cached
    {
        public required ulong[] Features;
        public required int[] Starts;       // features of word i: [Starts[i], Starts[i + 1])
        public required ulong[] WordKeys, ShapeKeys;
        public required int[] Classes;
        public required int[] Gold;
    }

    /// <summary>O first, then B-/I- of each type in ordinal order.</summary>
    public static string[] LabelsOf(IEnumerable<NerSentence> sentences)
    {
        var types = sentences.SelectMany(s => s.Tags).Where(t => t != "O").Select(t => t[2..]).Distinct()
            .OrderBy(t => t, StringComparer.Ordinal);
        return ["O", .. types.SelectMany(t => new[] { "B-" + t, "I-" + t })];
    }

    /// <param name="unlabelled">Text for the capitalisation statistics besides the training sentences.</param>
    public static EntityRecognizer Train(string lang, IReadOnlyList<NerSentence> train, IReadOnlyList<NerSentence>? dev,
        WordClusters clusters, NerTrainingOptions options, TextWriter log, NerGazetteer? gazetteer = null,
        IEnumerable<IReadOnlyList<string>>? unlabelled = null, Dictionary<ulong, byte>? wordTags = null)
    {
        var labels = LabelsOf(train);
        if (options.Bioes) labels = BioesScheme.Labels(EntityRecognizer.TypesOf(labels));
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        var types = EntityRecognizer.TypesOf(labels);
        gazetteer ??= NerGazetteer.ForLanguage(lang);
        var clock = Stopwatch.StartNew();
        var sentences = train.Where(s => s.Length > 0).ToList();

        NerGazetteer? lexicon = null;
        NerGazetteer[]? foldLexicons = null;
        int lexiconFolds = options.LexiconFolds;
        if (lexiconFolds > 1 && types.Length <= 14)
        {
            lexicon = NerGazetteer.FromEntities(sentences, types);
            foldLexicons = Enumerable.Range(0, lexiconFolds)
                .Select(f => NerGazetteer.FromEntities(sentences.Where((_, i) => i % lexiconFolds != f), types)).ToArray();
        }
        NerCaseStats? caseStats = null;
        if (options.CaseStatistics)
        {
            IEnumerable<IReadOnlyList<string>> text = sentences.Select(s => (IReadOnlyList<string>)s.Tokens);
            if (unlabelled != null) text = text.Concat(unlabelled);
            caseStats = NerCaseStats.FromText(text);
        }
        var features = new NerFeatures(gazetteer, clusters, lexicon, caseStats, wordTags, options.LowercaseGazetteer);
        var buffers = new NerSentenceBuffers();

        var cached = new List<Cached>(sentences.Count);
        for (int index = 0; index < sentences.Count; index++)
        {
            var s = sentences[index];
            features.Extract(s.Tokens, buffers, foldLexicons?[index % lexiconFolds]);
            int n = s.Length;
            var starts = new int[n + 1];
            for (int i = 0; i < n; i++) starts[i + 1] = starts[i] + buffers.StaticCount[i];
            var all = new ulong[starts[n]];
            for (int i = 0; i < n; i++) buffers.StaticOf(i).CopyTo(all.AsSpan(starts[i]));
            const int P = NerSentenceBuffers.Pad;
            cached.Add(new Cached
            {
                Features = all, Starts = starts,
                WordKeys = buffers.WordKey.AsSpan(P, n).ToArray(),
                ShapeKeys = buffers.ShapeKey.AsSpan(P, n).ToArray(),
                Classes = buffers.Classes[1].AsSpan(P, n).ToArray(),
                Gold = (options.Bioes ? BioesScheme.FromBio(s.Tags) : s.Tags).Select(t => labelIndex.GetValueOrDefault(t, 0)).ToArray(),
            });
        }
        if (options.MinFeatureCount > 1) DropRare(cached, options.MinFeatureCount);
        log.WriteLine($"ner {lang}: {cached.Count:N0} sentences, {cached.Sum(c => c.Gold.Length):N0} words, {labels.Length} labels; features in {clock.Elapsed.TotalSeconds:0.0}s");

        var allowed = EntityRecognizer.Transitions(labels);
        EntityRecognizer Make(PerceptronModel model) =>
            new(lang, labels, model, clusters, options.BeamSize, null, gazetteer, lexicon, caseStats, wordTags, options.LowercaseGazetteer);
        var runs = new List<(PerceptronModel Model, double F1, int Epoch)>();
        for (int k = 0; k < Math.Max(1, options.Seeds); k++)
        {
            var run = TrainEpochs(cached, labels, allowed, options with { Seed = options.Seed + k }, dev, m => Make(m), $"ner {lang}", log, clock);
            log.WriteLine($"ner {lang}: seed {options.Seed + k}: kept epoch {run.Epoch}" + (dev != null ? $" (dev F1 {run.F1:0.00})" : ""));
            runs.Add(run);
        }
        var best = Make(runs.Count == 1 ? runs[0].Model : PerceptronModel.Average(runs.Select(r => r.Model).ToList(), options.PruneBelow));
        double bestF1 = runs.Count == 1 ? runs[0].F1 : dev != null ? Score(best, dev).F1 : 0;
        // The epoch count a final run without dev should train: the seeds' mean best epoch.
        int bestEpoch = (int)Math.Round(runs.Average(r => r.Epoch));
        log.WriteLine($"ner {lang}: {runs.Count} model(s), epoch {bestEpoch}" + (dev != null ? $", dev F1 {bestF1:0.00}" : "") +
            $", {best.FeatureCount:N0} features, {best.WeightCount:N0} weights");
        var metadata = new JsonObject
        {
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()),
            ["best_epoch"] = bestEpoch,
            ["seed_dev_f1"] = dev != null && runs.Count > 1 ? new JsonArray(runs.Select(r => (JsonNode)Math.Round(r.F1, 2)).ToArray()) : null,
            ["dev_f1"] = dev != null ? Math.Round(bestF1, 2) : null,
            ["features"] = best.FeatureCount,
            ["weights"] = best.WeightCount,
        };
        return best.WithMetadata(metadata);
    }

    /// <summary>The epochs of training; returns the averaged model of the best development epoch.</summary>
    private static (PerceptronModel Model, double F1, int Epoch) TrainEpochs(List<Cached> cached, string[] labels, bool[] allowed,
        NerTrainingOptions options, IReadOnlyList<NerSentence>? dev, Func<PerceptronModel, EntityRecognizer> recognizer,
        string name, TextWriter log, Stopwatch clock)
    {
        int k = labels.Length;
        var trainer = new PerceptronTrainer(k);
        var oracle = BioesScheme.Oracle(labels);
        var scores = new float[k];
        var combined = new ulong[NerSentenceBuffers.Stride + NerFeatures.HistoryCount];
        var order = Enumerable.Range(0, cached.Count).ToArray();
        var random = new Random(options.Seed);
        PerceptronModel? best = null;
        double bestF1 = -1;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            long errors = 0, words = 0;
            foreach (int index in order)
            {
                var s = cached[index];
                int prev = 0, prev2 = 0;
                for (int i = 0; i < s.Gold.Length; i++)
                {
                    int m = s.Starts[i + 1] - s.Starts[i];
                    s.Features.AsSpan(s.Starts[i], m).CopyTo(combined);
                    m += NerFeatures.History(s.WordKeys[i], s.ShapeKeys[i], s.Classes[i], prev, prev2, combined.AsSpan(m));
                    var f = combined.AsSpan(0, m);
                    trainer.Score(f, scores);
                    int guess = -1;
                    for (int c = 0; c < k; c++)
                        if (allowed[prev * k + c] && (guess < 0 || scores[c] > scores[guess])) guess = c;
                    // After a wrong previous guess the gold label may be unreachable; learn the best reachable one.
                    int gold = oracle[prev * k + s.Gold[i]];
                    if (options.PassiveAggressive) PassiveAggressiveUpdate(trainer, f, scores, gold, allowed.AsSpan(prev * k, k));
                    else if (guess != gold) trainer.Update(f, gold, guess);
                    if (guess != gold) errors++;
                    trainer.Tick();
                    words++;
                    prev2 = prev;
                    prev = guess;
                }
            }
            var line = $"{name}: epoch {epoch}: train word errors {100.0 * errors / Math.Max(1, words):0.00}%";
            if (dev != null && epoch >= options.FirstScoredEpoch || epoch == options.Epochs)
            {
                var model = trainer.Finish(options.PruneBelow);
                double f1 = dev != null ? Score(recognizer(model), dev).F1 : 0;
                line += dev != null ? $", dev F1 {f1:0.00}" : "";
                if (f1 > bestF1) { best = model; bestF1 = f1; bestEpoch = epoch; }
            }
            log.WriteLine($"{line} ({clock.Elapsed.TotalSeconds:0}s)");
        }
        return (best!, bestF1, bestEpoch);
    }

    /// <summary>
    /// PA-I (Crammer et al. 2006) against the best wrong label the history allows: whenever the gold label does not
    /// win by a margin of 1 (also when it wins narrowly), move just far enough to win by it, at most 1 per feature.
    /// Weights then stay small, so prune them with a far lower threshold than perceptron weights.
    /// </summary>
    internal static void PassiveAggressiveUpdate(PerceptronTrainer trainer, ReadOnlySpan<ulong> features, ReadOnlySpan<float> scores,
        int gold, ReadOnlySpan<bool> allowed)
    {
        int rival = -1;
        for (int c = 0; c < allowed.Length; c++)
            if (c != gold && allowed[c] && (rival < 0 || scores[c] > scores[rival])) rival = c;
        if (rival < 0 || features.Length == 0) return;
        float loss = 1f - (scores[gold] - scores[rival]);
        // Both labels' rows change for every feature: the squared norm of the update direction is 2 x features.
        if (loss > 0) trainer.Update(features, gold, rival, Math.Min(1f, loss / (2f * features.Length)));
    }

    private static void DropRare(List<Cached> cached, int minCount)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var s in cached)
            foreach (var f in s.Features) counts[f] = counts.GetValueOrDefault(f) + 1;
        foreach (var s in cached)
        {
            var kept = new List<ulong>(s.Features.Length);
            var starts = new int[s.Starts.Length];
            for (int i = 0; i + 1 < s.Starts.Length; i++)
            {
                for (int j = s.Starts[i]; j < s.Starts[i + 1]; j++)
                    if (counts[s.Features[j]] >= minCount) kept.Add(s.Features[j]);
                starts[i + 1] = kept.Count;
            }
            s.Features = kept.ToArray();
            s.Starts = starts;
        }
    }

    /// <summary>Strict chunk scores of a recognizer on a corpus; <paramref name="map"/> rewrites predicted tags first.</summary>
    public static PrfScore Score(IEntityRecognizer model, IEnumerable<NerSentence> sentences, Func<string, string>? map = null)
    {
        var total = new PrfScore(0, 0, 0);
        foreach (var s in sentences)
        {
            var predicted = model.Recognize(s.Tokens);
            if (map != null) for (int i = 0; i < predicted.Length; i++) predicted[i] = map(predicted[i]);
            total += NlpScorer.Chunks(s.Tags, predicted);
        }
        return total;
    }
}
