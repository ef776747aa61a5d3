using System.Diagnostics;
using Lagebild.Nlp.Corpora;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Evaluation;

/// <summary>The figures `lagebild eval-nlp` prints: per language the scores on the test splits, plus throughput.</summary>
public sealed record NlpEvaluation(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> Languages, double? WordsPerSecond);

/// <summary>
/// Scores the shipped models on the test splits named by each recipe, and measures single-thread throughput of the
/// whole model chain (tagger, lemmatizer, NER, parser) over the test sentences.
/// </summary>
public static class NlpEvaluator
{
    /// <summary>The keys reported per language, in order (null where not measured).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>
    {
        ["de"] = ["upos", "lemma", "ner_f1", "las"],
        ["en"] = ["upos", "lemma", "uas", "las", "ner_f1"],
    };

    /// <summary>Where throughput is measured: the EWT and GSD test treebanks (gold tokenization).</summary>
    public static readonly IReadOnlyDictionary<string, string> SpeedFiles = new Dictionary<string, string>
    {
        ["de"] = "ud-german-gsd/de_gsd-ud-test.conllu",
        ["en"] = "ud-english-ewt/en_ewt-ud-test.conllu",
    };

    public static NlpEvaluation Run(string dataDirectory, string? modelDirectory, TextWriter log, bool measureSpeed = true)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, double?>>();
        foreach (var (lang, keys) in Keys)
        {
            var models = new NlpModelSet(modelDirectory ?? NlpModelSet.DefaultDirectory ?? "models", lang);
            var scores = keys.ToDictionary(k => k, _ => (double?)null);
            foreach (var recipe in ModelRegistry.Recipes.Where(r => r.Languages.Contains(lang)))
            {
                if (!File.Exists(models.PathOf(recipe.Kind)))
                {
                    log.WriteLine($"{lang} {recipe.Kind}: no model at {models.PathOf(recipe.Kind)}");
                    continue;
                }
                foreach (var (key, value) in recipe.Evaluate(lang, dataDirectory, models, log))
                    if (scores.ContainsKey(key)) scores[key] = value;
            }
            result[lang] = scores;
        }
        double? speed = measureSpeed ? MeasureSpeed(dataDirectory, modelDirectory, log) : null;
        return new NlpEvaluation(result, speed);
    }

    /// <summary>Words per second of tagger + lemmatizer + NER + parser, one thread, best of three passes after a warm-up.</summary>
    public static double? MeasureSpeed(string dataDirectory, string? modelDirectory, TextWriter log)
    {
        var work = new List<(NlpModelSet Models, List<UdSentence> Sentences)>();
        foreach (var (lang, file) in SpeedFiles)
        {
            var path = Path.Combine(dataDirectory, file);
            var models = new NlpModelSet(modelDirectory ?? NlpModelSet.DefaultDirectory ?? "models", lang);
            if (!File.Exists(path) || models.Tagger == null) continue;
            work.Add((models, CorpusReader.ReadTreebank(path)));
        }
        if (work.Count == 0) return null;
        long words = work.Sum(w => w.Sentences.Sum(s => (long)s.Length));
        RunChain(work);   // warm-up: JIT and lazy loading
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            var watch = Stopwatch.StartNew();
            RunChain(work);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var wps = words / best;
        log.WriteLine($"speed: {words} words, best of 3 passes {best:0.000} s, {wps:0} words/s (tagger+lemmatizer+NER+parser, one thread)");
        return wps;
    }

    private static void RunChain(List<(NlpModelSet Models, List<UdSentence> Sentences)> work)
    {
        foreach (var (models, sentences) in work)
        {
            var tagger = models.Tagger!;
            var lemmatizer = models.Lemmatizer;
            var ner = models.Ner;
            var parser = models.Parser;
            foreach (var s in sentences)
            {
                var tags = tagger.Tag(s.Forms);
                lemmatizer?.Lemmatize(s.Forms, tags.Upos);
                ner?.Recognize(s.Forms);
                parser?.Parse(s.Forms, tags.Upos, tags.Xpos);
            }
        }
    }
}
