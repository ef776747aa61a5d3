using System.Diagnostics;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Evaluation;
using Lagebild.Nlp.Learning;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Parsing;

/// <summary>Training settings; the defaults are what the shipped models use.</summary>
public sealed record ParserTrainingOptions
{
    public int Epochs { get; init; } = 15;
    public int Seed { get; init; } = 20260;
    /// <summary>From <see cref="ExploreFromEpoch"/> on, the model's own (possibly wrong) transition is followed with
    /// this probability, so it learns to recover from its mistakes (Goldberg and Nivre 2012).</summary>
    public double Exploration { get; init; } = 0.1;
    public int ExploreFromEpoch { get; init; } = 2;
    /// <summary>Share of training words whose UPOS is replaced by a plausible wrong tag, so the parser does not
    /// trust predicted tags blindly.</summary>
    public double TagNoise { get; init; } = 0.0;
    /// <summary>Averaged weights smaller than this are dropped. 1.0 keeps about a third of the weights at a cost of ~0.1
    /// UAS on EWT dev and makes parsing ~1.5 times faster (fewer cache misses).</summary>
    public float PruneBelow { get; init; } = 1.0f;
    /// <summary>Tags are UPOS with XPOS (where the treebank has XPOS), which the parser then also wants at run time.</summary>
    public bool UseXpos { get; init; }
    /// <summary>Where the training tags come from. 0: the treebank's gold tags (with <see cref="TagNoise"/>).
    /// 1: a tagger trained on the tagger's own corpus tags the parser's sentences (German: they are not in it).
    /// k > 1: k-fold jackknifing, each fold tagged by a tagger trained on the other folds (English: the parser and
    /// tagger share EWT). Either way the parser learns from the tags it will see at run time.</summary>
    public int TaggerFolds { get; init; }
}

/// <summary>The result of training: the parser of the best epoch and how it did on the development set.</summary>
public sealed record ParserTrainingResult(DependencyParser Parser, int BestEpoch, AttachmentScore Dev, IReadOnlyList<AttachmentScore> DevByEpoch);

/// <summary>
/// Online training of the arc-eager parser with the dynamic oracle: at each configuration the model's best allowed
/// transition is compared with the best zero-cost one; on a mistake the perceptron moves towards the latter. Training
/// sentences are projectivised (lifting); shuffling and exploration use a fixed seed, so runs are reproducible.
/// </summary>
public static class ParserTrainer
{
    private sealed class Example
    {
        public required string[] Forms;
        public required string[] Upos;
        public string[]? Xpos;
        public required int[] GoldHeads;    // index 1..n, 0 = root
        public required int[] GoldLabels;   // index 1..n
    }

    public static ParserTrainingResult Train(string lang, IReadOnlyList<UdSentence> train, IReadOnlyList<UdSentence> dev,
        ParserTrainingOptions options, TextWriter log)
    {
        var usable = train.Where(s => s.Length > 0 && s.HasTrees).ToList();
        var labels = usable.SelectMany(s => s.Deprels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int rootLabel = Array.IndexOf(labels, TreeRepair.RootLabel);
        var labelIds = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        int lifted = 0;
        var examples = usable.Select(s =>
        {
            var heads = Projectivizer.Lift(s.Heads);
            if (!heads.AsSpan().SequenceEqual(s.Heads)) lifted++;
            var goldHeads = new int[s.Length + 1];
            var goldLabels = new int[s.Length + 1];
            goldHeads[0] = -1; goldLabels[0] = -1;
            for (int i = 0; i < s.Length; i++) { goldHeads[i + 1] = heads[i]; goldLabels[i + 1] = labelIds[s.Deprels[i]]; }
            return new Example { Forms = s.Forms, Upos = s.Upos, Xpos = options.UseXpos && s.HasXpos ? s.Xpos : null, GoldHeads = goldHeads, GoldLabels = goldLabels };
        }).ToList();
        log.WriteLine($"parser {lang}: {examples.Count} training sentences ({lifted} projectivised), {labels.Length} labels, " +
                      $"{ArcEager.ClassCount(labels.Length)} transitions, {dev.Count} dev sentences");

        var noise = options.TagNoise > 0 ? new TagNoise(usable) : null;
        var trainer = new PerceptronTrainer(ArcEager.ClassCount(labels.Length));
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var state = new ArcEagerState();
        var values = new SentenceValues();
        var features = new ulong[ParserFeatures.Count];
        var scores = new float[trainer.Classes];
        var costs = new int[trainer.Classes];
        var noisyTags = new List<string>();

        DependencyParser? best = null;
        int bestEpoch = 0;
        var bestDev = new AttachmentScore();
        var byEpoch = new List<AttachmentScore>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            long steps = 0, mistakes = 0;
            foreach (int index in order)
            {
                var ex = examples[index];
                IReadOnlyList<string> tags = ex.Upos;
                if (noise != null) { noise.Apply(ex.Forms, ex.Upos, options.TagNoise, random, noisyTags); tags = noisyTags; }
                values.Set(ex.Forms, tags, ex.Xpos);
                state.Reset(ex.Forms.Length);
                bool explore = epoch >= options.ExploreFromEpoch && options.Exploration > 0;
                while (!state.IsTerminal)
                {
                    ParserFeatures.Extract(state, values, features);
                    trainer.Score(features, scores);
                    int guess = DependencyParser.BestValid(state, scores, rootLabel);
                    int least = DynamicOracle.Costs(state, ex.GoldHeads, ex.GoldLabels, labels.Length, rootLabel, costs);
                    int next = guess;
                    if (costs[guess] > least)
                    {
                        int truth = -1;
                        for (int t = 0; t < costs.Length; t++)
                            if (costs[t] == least && (truth < 0 || scores[t] > scores[truth])) truth = t;
                        trainer.Update(features, truth, guess);
                        mistakes++;
                        if (!(explore && random.NextDouble() < options.Exploration)) next = truth;
                    }
                    trainer.Tick();
                    steps++;
                    ArcEager.Apply(state, next);
                }
            }
            var model = trainer.Finish(options.PruneBelow);
            var parser = new DependencyParser(lang, labels, model, usesXpos: options.UseXpos);
            var score = dev.Count > 0 ? Evaluate(parser, dev, null) : new AttachmentScore();
            byEpoch.Add(score);
            log.WriteLine($"  epoch {epoch,2}: {100.0 * mistakes / Math.Max(1, steps):0.00} % wrong transitions, {trainer.FeatureCount:N0} features " +
                          $"({model.FeatureCount:N0} kept, {model.WeightCount:N0} weights){(dev.Count > 0 ? $", dev {score}" : "")}, {clock.Elapsed.TotalSeconds:0.0} s");
            if (best == null || dev.Count == 0 || score.Las > bestDev.Las) { best = parser; bestEpoch = epoch; bestDev = score; }
        }
        if (dev.Count > 0) log.WriteLine($"parser {lang}: best epoch {bestEpoch}, dev {bestDev}");
        return new ParserTrainingResult(best!, bestEpoch, bestDev, byEpoch);
    }

    /// <summary>Attachment scores against the original (possibly non-projective) trees. Tags: <paramref name="tagger"/>'s
    /// UPOS and XPOS when given, else the sentence's own (gold, or predicted ones the recipe put there).</summary>
    public static AttachmentScore Evaluate(IDependencyParser parser, IEnumerable<UdSentence> sentences, ITagger? tagger)
    {
        var total = new AttachmentScore();
        foreach (var s in sentences)
        {
            if (s.Length == 0 || !s.HasTrees) continue;
            var tags = tagger?.Tag(s.Forms);
            var tree = tags != null ? parser.Parse(s.Forms, tags.Upos, tags.Xpos) : parser.Parse(s.Forms, s.Upos, s.HasXpos ? s.Xpos : null);
            total += NlpScorer.Attachment(s.Heads, s.Deprels, tree.Heads, tree.Labels);
        }
        return total;
    }
}

/// <summary>
/// Simulated tagging errors: a word's UPOS is replaced by another tag the same word form has in the training data
/// (the confusions a tagger makes), or for unambiguous words by a commonly confused class (NOUN/PROPN, VERB/AUX...).
/// </summary>
internal sealed class TagNoise
{
    private readonly Dictionary<string, string[]> _tagsOfWord = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> Confusions = new(StringComparer.Ordinal)
    {
        ["NOUN"] = "PROPN", ["PROPN"] = "NOUN", ["ADJ"] = "NOUN", ["VERB"] = "AUX", ["AUX"] = "VERB",
        ["ADP"] = "ADV", ["ADV"] = "ADJ", ["DET"] = "PRON", ["PRON"] = "DET", ["SCONJ"] = "ADP",
        ["NUM"] = "NOUN", ["CCONJ"] = "ADV", ["PART"] = "ADP", ["X"] = "PROPN", ["SYM"] = "PUNCT", ["INTJ"] = "ADV",
    };

    public TagNoise(IEnumerable<UdSentence> sentences)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var s in sentences)
            for (int i = 0; i < s.Length; i++)
            {
                var key = s.Forms[i].ToLowerInvariant();
                if (!sets.TryGetValue(key, out var set)) sets[key] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(s.Upos[i]);
            }
        foreach (var (word, set) in sets) if (set.Count > 1) _tagsOfWord[word] = set.Order(StringComparer.Ordinal).ToArray();
    }

    public void Apply(string[] forms, string[] upos, double rate, Random random, List<string> result)
    {
        result.Clear();
        for (int i = 0; i < forms.Length; i++)
        {
            var tag = upos[i];
            if (random.NextDouble() < rate)
            {
                if (_tagsOfWord.TryGetValue(forms[i].ToLowerInvariant(), out var options))
                {
                    var other = options[random.Next(options.Length)];
                    if (other != tag) tag = other;
                    else if (Confusions.TryGetValue(tag, out var confused)) tag = confused;
                }
                else if (Confusions.TryGetValue(tag, out var confused)) tag = confused;
            }
            result.Add(tag);
        }
    }
}
