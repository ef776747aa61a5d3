using System.Text.Json.Nodes;

namespace Lagebild.Nlp.Models;

/// <summary>Part-of-speech tags of one sentence: UPOS always, XPOS (STTS, PTB) when the model was trained on it.</summary>
public sealed record PosTags(string[] Upos, string[]? Xpos);

/// <summary>Tags the words of a sentence (gold or Lagebild tokenization; one word per entry).</summary>
public interface ITagger
{
    PosTags Tag(IReadOnlyList<string> words);
}

/// <summary>Lemmas of the words of a sentence, given their UPOS tags.</summary>
public interface ILemmatizer
{
    string[] Lemmatize(IReadOnlyList<string> words, IReadOnlyList<string> upos);
}

/// <summary>BIO entity tags (B-PER, I-ORG, O...) of the words of a sentence.</summary>
public interface IEntityRecognizer
{
    string[] Recognize(IReadOnlyList<string> words);
}

/// <summary>A dependency tree: for each word its head (1-based, 0 = root) and relation.</summary>
public sealed record DependencyTree(int[] Heads, string[] Labels);

/// <summary>Dependency parser over words and their UPOS tags (and fine-grained XPOS tags where the tagger gives them;
/// a parser trained on both reads them, others ignore them).</summary>
public interface IDependencyParser
{
    DependencyTree Parse(IReadOnlyList<string> words, IReadOnlyList<string> upos, IReadOnlyList<string>? xpos = null);
}

/// <summary>A corpus file a model was trained or scored on, relative to the shared data directory.</summary>
public sealed record DataFile(string Path, string Licence, string Role);

/// <summary>What training produced: the model file, its data, its parameters and its scores (percent).</summary>
public sealed record TrainingReport(
    string Kind, string Lang, string ModelPath, IReadOnlyList<DataFile> Data,
    IReadOnlyDictionary<string, double?> Scores, JsonObject Parameters);

/// <summary>
/// How one kind of model is trained from the shared corpora and scored on its test split. Kept apart from the model
/// itself (UDPipe's train / run / save split): the model classes only load, predict and save.
/// </summary>
public interface IModelRecipe
{
    /// <summary>"tagger", "lemmatizer", "ner", "parser".</summary>
    string Kind { get; }
    IReadOnlyList<string> Languages { get; }
    /// <summary>Trains on the corpora under <paramref name="dataDirectory"/> (../shared/data) and writes the model.</summary>
    TrainingReport Train(string lang, string dataDirectory, string outPath, TextWriter log);
    /// <summary>Scores the model of <paramref name="models"/> on the test split; keys as in `eval-nlp --json`
    /// ("upos", "lemma", "ner_f1", "uas", "las"), percentages, null where not measured.</summary>
    IReadOnlyDictionary<string, double?> Evaluate(string lang, string dataDirectory, NlpModelSet models, TextWriter log);
}
