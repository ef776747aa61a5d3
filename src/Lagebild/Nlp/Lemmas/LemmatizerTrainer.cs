using System.Diagnostics;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Learning;

namespace Lagebild.Nlp.Lemmas;

/// <summary>One training word: form, UPOS, gold lemma, and whether it opens its sentence.</summary>
public sealed record LemmaExample(string Form, string Upos, string Lemma, bool SentenceStart = false);

/// <summary>Training settings of the lemmatizer; the defaults are the ones the shipped models use.</summary>
public sealed record LemmatizerTrainingOptions
{
    public int Epochs { get; init; } = 8;
    public int Seed { get; init; } = 20261122;
    public float PruneBelow { get; init; } = 0.01f;
    /// <summary>UPOS -> tag group used for the table and the classifier (tags not listed stand for themselves).</summary>
    public IReadOnlyDictionary<string, string> TagGroups { get; init; } = new Dictionary<string, string>();

    public JsonObject ToJson() => new()
    {
        ["epochs"] = Epochs, ["seed"] = Seed, ["prune_below"] = PruneBelow,
        ["tag_groups"] = new JsonObject(TagGroups.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
    };
}

/// <summary>
/// Trains a <see cref="Lemmatizer"/>: each example's edit-tree class is the target of an averaged perceptron over
/// shuffled epochs; afterwards every training (tag group, form) whose majority lemma the classifier misses goes into
/// the exact table, so known words are always right and the table stays small.
/// </summary>
public static class LemmatizerTrainer
{
    public sealed record Result(Lemmatizer Lemmatizer, int BestEpoch, double? BestDevAccuracy);

    public static Result Train(IReadOnlyList<LemmaExample> examples, IReadOnlyList<LemmaExample>? dev,
        LemmatizerTrainingOptions options, TextWriter? log = null)
    {
        var usable = examples.Where(e => e.Form.Length > 0 && e.Lemma.Length > 0 && e.Lemma != "_").ToList();
        var classIndex = new Dictionary<string, int>();
        var classes = new List<LemmaClass>();
        var gold = new int[usable.Count];
        for (int i = 0; i < usable.Count; i++)
        {
            var c = LemmaClass.Of(usable[i].Form, usable[i].Lemma);
            var key = c.ToString();
            if (!classIndex.TryGetValue(key, out int id)) { classIndex[key] = id = classes.Count; classes.Add(c); }
            gold[i] = id;
        }
        if (classes.Count < 2) { classes.Add(LemmaClass.Of("a", "a")); classes.Add(LemmaClass.Of("ab", "a")); }
        log?.WriteLine($"  {usable.Count:N0} examples, {classes.Count:N0} edit-tree classes");

        var groups = options.TagGroups;
        string Group(string upos) => groups.TryGetValue(upos, out var g) ? g : upos;
        var lowers = usable.Select(e => e.Form.ToLowerInvariant()).ToArray();

        var trainer = new PerceptronTrainer(classes.Count);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, usable.Count).ToArray();
        var buffer = new ulong[LemmaFeatures.MaxFeatures];
        var scores = new float[classes.Count];
        Lemmatizer? best = null;
        int bestEpoch = 0;
        double? bestAccuracy = null;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            long correct = 0;
            foreach (int i in order)
            {
                var e = usable[i];
                int count = LemmaFeatures.Extract(e.Form, lowers[i], Group(e.Upos), e.SentenceStart, buffer);
                var f = buffer.AsSpan(0, count);
                trainer.Score(f, scores);
                int guess = PerceptronModel.ArgMax(scores);
                if (guess != gold[i]) trainer.Update(f, gold[i], guess);
                else correct++;
                trainer.Tick();
            }
            bool last = epoch == options.Epochs;
            if (dev == null && !last) { log?.WriteLine($"  epoch {epoch}: train {100.0 * correct / usable.Count:0.00} %, {clock.Elapsed.TotalSeconds:0.0} s"); continue; }
            var lemmatizer = new Lemmatizer(groups, classes.ToArray(), new Dictionary<ulong, string>(), trainer.Finish(options.PruneBelow));
            AddExceptions(lemmatizer, usable, lowers);
            double? accuracy = dev == null ? null : Evaluate(lemmatizer, dev);
            log?.WriteLine($"  epoch {epoch}: train {100.0 * correct / usable.Count:0.00} %" +
                           (accuracy.HasValue ? $", dev lemma {accuracy:0.00} %" : "") +
                           $", table {lemmatizer.Exceptions.Count:N0}, {clock.Elapsed.TotalSeconds:0.0} s");
            if (best == null || (accuracy ?? 0) > (bestAccuracy ?? 0)) { best = lemmatizer; bestAccuracy = accuracy; bestEpoch = epoch; }
        }
        return new Result(best!, bestEpoch, bestAccuracy);
    }

    /// <summary>Exact-match lemma accuracy in percent (the UPOS of each example is used as given).</summary>
    public static double Evaluate(Lemmatizer lemmatizer, IReadOnlyList<LemmaExample> examples)
    {
        long correct = 0;
        foreach (var e in examples)
            if (lemmatizer.Lemmatize(e.Form, e.Upos, e.SentenceStart) == e.Lemma) correct++;
        return examples.Count == 0 ? 0 : 100.0 * correct / examples.Count;
    }

    private static void AddExceptions(Lemmatizer lemmatizer, List<LemmaExample> examples, string[] lowers)
    {
        // Majority lemma per (group, form); each occurrence's context is checked with the classifier.
        var byKey = new Dictionary<ulong, (Dictionary<string, int> Lemmas, List<int> Occurrences)>();
        for (int i = 0; i < examples.Count; i++)
        {
            var e = examples[i];
            var key = LemmaFeatures.TableKey(lemmatizer.Group(e.Upos), e.Form);
            if (!byKey.TryGetValue(key, out var entry)) byKey[key] = entry = (new Dictionary<string, int>(), new List<int>());
            entry.Lemmas[e.Lemma] = entry.Lemmas.GetValueOrDefault(e.Lemma) + 1;
            if (entry.Occurrences.Count < 4 && !entry.Occurrences.Any(o => examples[o].SentenceStart == e.SentenceStart))
                entry.Occurrences.Add(i);
        }
        foreach (var (key, (lemmas, occurrences)) in byKey)
        {
            var majority = lemmas.MaxBy(l => (l.Value, l.Key.Length == 0 ? 0 : -l.Key.Length)).Key;
            foreach (int i in occurrences)
            {
                var e = examples[i];
                if (lemmatizer.Classify(e.Form, lowers[i], lemmatizer.Group(e.Upos), e.SentenceStart) == majority) continue;
                lemmatizer.Exceptions[key] = majority;
                break;
            }
        }
    }
}
