using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Tagging;

/// <summary>One training sentence: words and their gold classes ("NOUN" or "NOUN\tNN").</summary>
public sealed record TaggedSentence(string[] Words, string[] Tags)
{
    /// <summary>Annotated in conventions other than the ones the tagger is to follow (GSD v2.3: the web part of train).
    /// With <see cref="TaggerTrainingOptions.ConventionFeatures"/> such sentences train only the shared features.</summary>
    public bool OtherConventions { get; init; }
}

/// <summary>Training settings of the tagger; the defaults are the ones the shipped models use.</summary>
public sealed record TaggerTrainingOptions
{
    public int Epochs { get; init; } = 12;
    public int Seed { get; init; } = 20261122;
    /// <summary>Averaged weights below this magnitude are dropped from the saved model.</summary>
    public float PruneBelow { get; init; } = 0.01f;
    /// <summary>Words seen fewer times get no ambiguity class, so training sees "unknown" words as test does.</summary>
    public int AmbiguityMinCount { get; init; } = 2;
    /// <summary>A tag joins a word's ambiguity class when it has at least this share of the word's occurrences.</summary>
    public double AmbiguityMinShare { get; init; } = 0.05;
    /// <summary>Features of the clause-final word (German: tells auxiliaries from full verbs).</summary>
    public bool ClauseFeatures { get; init; } = true;
    /// <summary>Word classes learned from unlabelled text, at these granularities (empty = none).</summary>
    public int[] ClusterClasses { get; init; } = [];
    /// <summary>Features from a morphological lexicon's tags for the word (German: the inflection lexicon).</summary>
    public bool Lexicon { get; init; }
    /// <summary>After choosing the epoch count on dev, train again on train + dev for the shipped model.</summary>
    public bool FinalOnTrainAndDev { get; init; }
    /// <summary>Stacked tagging: a second pass that sees a first pass's tags of the right context. Its training
    /// sentences carry jackknifed first-pass tags (<see cref="StackFolds"/> folds), so it learns from realistic ones.</summary>
    public bool Stacked { get; init; }
    public int StackFolds { get; init; } = 5;
    /// <summary>Epochs of the first pass (and of each jackknife fold's tagger).</summary>
    public int FirstPassEpochs { get; init; } = 10;
    /// <summary>For training data in mixed annotation conventions (feature augmentation, Daumé III 2007): every feature
    /// gets a copy that fires only on sentences in the target conventions (those not marked
    /// <see cref="TaggedSentence.OtherConventions"/>) and always when tagging. The shared weights learn from all
    /// sentences, the copies where the target conventions differ (German GSD v2.3: +1.2 UPOS on dev).</summary>
    public bool ConventionFeatures { get; init; }

    public JsonObject ToJson() => new()
    {
        ["epochs"] = Epochs, ["seed"] = Seed, ["prune_below"] = PruneBelow,
        ["ambiguity_min_count"] = AmbiguityMinCount, ["ambiguity_min_share"] = AmbiguityMinShare,
        ["clause_features"] = ClauseFeatures,
        ["cluster_classes"] = new JsonArray(ClusterClasses.Select(c => (JsonNode)c).ToArray()),
        ["lexicon"] = Lexicon, ["final_on_train_and_dev"] = FinalOnTrainAndDev,
        ["stacked"] = Stacked, ["stack_folds"] = Stacked ? StackFolds : null, ["first_pass_epochs"] = Stacked ? FirstPassEpochs : null,
        ["convention_features"] = ConventionFeatures,
    };
}

/// <summary>
/// Trains a <see cref="PosTagger"/>: shuffled epochs of greedy decoding with the tagger's own previous predictions
/// as features (so it learns to live with its mistakes), an averaged model after each epoch, and the epoch that
/// tags the development sentences best is kept.
/// </summary>
public static class PosTaggerTrainer
{
    public sealed record Result(PosTagger Tagger, int BestEpoch, double BestDevAccuracy, IReadOnlyList<double> DevAccuracyByEpoch);

    /// <param name="clusters">Word classes from unlabelled text, or null.</param>
    /// <param name="lexicon">Word key -> bit set of lexicon tags (see <see cref="TaggerFeatures.Lexicon"/>), or null.</param>
    public static Result Train(IReadOnlyList<TaggedSentence> train, IReadOnlyList<TaggedSentence>? dev,
        TaggerTrainingOptions options, TextWriter? log = null, WordClusters? clusters = null,
        Dictionary<ulong, byte>? lexicon = null)
    {
        var classes = train.SelectMany(s => s.Tags).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        bool hasXpos = classes.Any(c => c.Contains('\t'));
        var features = new TaggerFeatures(BuildAmbiguity(train, classIndex, options), options.ClauseFeatures, clusters, lexicon,
            options.ConventionFeatures);
        PerceptronModel? firstPass = null;
        int[][]? guides = null;
        if (options.Stacked)
        {
            (firstPass, guides) = TrainFirstPass(train, classes, options, log, clusters, lexicon);
            log?.WriteLine($"  stacked: first pass and {options.StackFolds} jackknife folds trained");
        }

        // Word descriptions do not change between epochs: compute them once.
        var described = train.Select(s =>
        {
            var infos = new WordInfo[s.Words.Length];
            for (int i = 0; i < infos.Length; i++) features.Describe(s.Words[i], ref infos[i]);
            TaggerFeatures.Link(infos);
            return (Infos: infos, Gold: s.Tags.Select(t => classIndex[t]).ToArray(), Target: options.ConventionFeatures && !s.OtherConventions);
        }).ToArray();

        var trainer = new PerceptronTrainer(classes.Length);
        // Features that had a convention copy: folded together after training, so tagging reads each once.
        var copied = new HashSet<ulong>();
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, described.Length).ToArray();
        Span<ulong> buffer = stackalloc ulong[TaggerFeatures.MaxFeatures];
        var scores = new float[classes.Length];
        var devScores = new List<double>();
        PosTagger? best = null;
        int bestEpoch = 0;
        double bestAccuracy = -1;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int s in order)
            {
                var (infos, gold, target) = described[s];
                var guide = guides == null ? default : guides[s].AsSpan();
                int prev1 = -1, prev2 = -1;
                for (int i = 0; i < infos.Length; i++)
                {
                    int count = features.Extract(infos, i, prev1, prev2, buffer, guide);
                    if (target)
                    {
                        foreach (ulong key in buffer[..count]) copied.Add(key);
                        count = TaggerFeatures.AddConventionCopies(buffer, count);
                    }
                    var f = buffer[..count];
                    trainer.Score(f, scores);
                    int guess = PerceptronModel.ArgMax(scores);
                    if (guess != gold[i]) trainer.Update(f, gold[i], guess);
                    else correct++;
                    total++;
                    trainer.Tick();
                    prev2 = prev1;
                    prev1 = guess;
                }
            }
            var tagger = new PosTagger(classes, hasXpos, features, trainer.Finish(options.PruneBelow), firstPass: firstPass);
            double devAccuracy = dev == null ? 100.0 * correct / total : Evaluate(tagger, dev).Upos;
            devScores.Add(devAccuracy);
            log?.WriteLine($"  epoch {epoch}: train {100.0 * correct / total:0.00} %, dev UPOS {devAccuracy:0.00} %, {tagger.FeatureCount:N0} features, {clock.Elapsed.TotalSeconds:0.0} s");
            // Without development sentences the last epoch is kept (the count was chosen on dev before).
            if (devAccuracy > bestAccuracy || dev == null) { best = tagger; bestAccuracy = devAccuracy; bestEpoch = epoch; }
        }
        // Tagging fires every feature with its copy: one row holding both scores the same at half the look-ups.
        if (features.ConventionCopies)
            best = new PosTagger(classes, hasXpos, features.WithoutConventionCopies(), best!.Model.Fold(copied, TaggerFeatures.ConventionCopyOf),
                firstPass: firstPass);
        return new Result(best!, bestEpoch, bestAccuracy, devScores);
    }

    /// <summary>
    /// The first pass of a stacked tagger (trained on all sentences) and, for each training sentence, the tags a first
    /// pass trained without that sentence's fold gives it (jackknifing: the second pass then learns from tags as
    /// wrong as they will be on new text). Class ids follow <paramref name="classes"/>.
    /// </summary>
    private static (PerceptronModel FirstPass, int[][] Guides) TrainFirstPass(IReadOnlyList<TaggedSentence> train,
        string[] classes, TaggerTrainingOptions options, TextWriter? log, WordClusters? clusters, Dictionary<ulong, byte>? lexicon)
    {
        var single = options with { Stacked = false, Epochs = options.FirstPassEpochs };
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var guides = new int[train.Count][];
        int folds = Math.Clamp(options.StackFolds, 2, Math.Max(2, train.Count));
        for (int fold = 0; fold < folds; fold++)
        {
            var rest = train.Where((_, i) => i % folds != fold).ToList();
            var tagger = Train(rest, null, single, null, clusters, lexicon).Tagger;
            // A fold's tagger may lack a rare class, so its class ids are mapped by name.
            var toGlobal = tagger.Classes.Select(c => classIndex[c]).ToArray();
            for (int i = fold; i < train.Count; i += folds)
            {
                var ids = new int[train[i].Words.Length];
                tagger.Predict(train[i].Words, ids);
                guides[i] = ids.Select(c => toGlobal[c]).ToArray();
            }
            log?.WriteLine($"  stacked: fold {fold + 1}/{folds} tagged");
        }
        var first = Train(train, null, single, null, clusters, lexicon).Tagger;
        if (!first.Classes.SequenceEqual(classes)) throw new InvalidOperationException("first pass classes differ");
        return (first.Model, guides);
    }

    /// <summary>UPOS and (for joint models) XPOS accuracy in percent on tagged sentences.</summary>
    public static (double Upos, double Xpos) Evaluate(ITagger tagger, IReadOnlyList<TaggedSentence> sentences)
    {
        long upos = 0, xpos = 0, total = 0;
        foreach (var s in sentences)
        {
            var tags = tagger.Tag(s.Words);
            for (int i = 0; i < s.Words.Length; i++)
            {
                var gold = s.Tags[i].Split('\t');
                if (tags.Upos[i] == gold[0]) upos++;
                if (tags.Xpos != null && gold.Length > 1 && tags.Xpos[i] == gold[1]) xpos++;
                total++;
            }
        }
        return total == 0 ? (0, 0) : (100.0 * upos / total, 100.0 * xpos / total);
    }

    private static Dictionary<ulong, ulong> BuildAmbiguity(IReadOnlyList<TaggedSentence> train, Dictionary<string, int> classIndex,
        TaggerTrainingOptions options)
    {
        var counts = new Dictionary<ulong, Dictionary<int, int>>();
        void Count(ulong key, int tag)
        {
            if (!counts.TryGetValue(key, out var byTag)) counts[key] = byTag = new Dictionary<int, int>();
            byTag[tag] = byTag.GetValueOrDefault(tag) + 1;
        }
        foreach (var s in train)
            for (int i = 0; i < s.Words.Length; i++)
            {
                int tag = classIndex[s.Tags[i]];
                Count(TaggerFeatures.WordKey(s.Words[i]), tag);
                var lower = s.Words[i].ToLowerInvariant();
                if (lower != s.Words[i]) Count(TaggerFeatures.WordKey(lower), tag);
            }
        var result = new Dictionary<ulong, ulong>();
        foreach (var (key, byTag) in counts)
        {
            int total = byTag.Values.Sum();
            if (total < options.AmbiguityMinCount) continue;
            var tags = byTag.Where(t => t.Value >= options.AmbiguityMinShare * total).Select(t => t.Key).Order();
            result[key] = TaggerFeatures.AmbiguityClass(tags);
        }
        return result;
    }
}
