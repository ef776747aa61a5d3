using Lagebild.Nlp.Models;
using Lagebild.Text;

namespace Lagebild.Nlp;

/// <summary>Which trained models the annotation step runs.</summary>
[Flags]
public enum ModelLayers { None = 0, Tags = 1, Lemmas = 2, Entities = 4, Syntax = 8, All = Tags | Lemmas | Entities | Syntax }

/// <summary>
/// Runs the trained models sentence by sentence and writes their output onto the tokens: UPOS/XPOS, lemma, BIO
/// entity tag, head and relation. A model that is not shipped is skipped, so rules downstream fall back to their
/// gazetteers. Models load on first use (see <see cref="NlpModelSet"/>).
/// </summary>
public sealed class ModelAnnotator : IPipe
{
    private readonly NlpModelSet _models;
    private readonly ModelLayers _layers;

    public ModelAnnotator(NlpModelSet models, ModelLayers layers = ModelLayers.All)
    {
        _models = models;
        _layers = layers;
    }

    public string Name => "models";

    public void Process(Document doc)
    {
        var tagger = _layers.HasFlag(ModelLayers.Tags) ? _models.Tagger : null;
        var lemmatizer = _layers.HasFlag(ModelLayers.Lemmas) ? _models.Lemmatizer : null;
        var ner = _layers.HasFlag(ModelLayers.Entities) ? _models.Ner : null;
        var parser = _layers.HasFlag(ModelLayers.Syntax) ? _models.Parser : null;
        if (tagger == null && ner == null) return;
        var words = new List<string>();
        foreach (var sentence in doc.Sentences)
        {
            words.Clear();
            for (int i = sentence.FirstToken; i < sentence.EndToken; i++) words.Add(doc.Tokens[i].Text);
            if (words.Count == 0) continue;
            int first = sentence.FirstToken;
            if (tagger != null)
            {
                var tags = tagger.Tag(words);
                for (int i = 0; i < words.Count; i++)
                {
                    doc.Tokens[first + i].Pos = tags.Upos[i];
                    doc.Tokens[first + i].Xpos = tags.Xpos?[i];
                }
                if (lemmatizer != null)
                {
                    var lemmas = lemmatizer.Lemmatize(words, tags.Upos);
                    for (int i = 0; i < words.Count; i++) doc.Tokens[first + i].Lemma = lemmas[i];
                }
                if (parser != null)
                {
                    var tree = parser.Parse(words, tags.Upos, tags.Xpos);
                    for (int i = 0; i < words.Count; i++)
                    {
                        doc.Tokens[first + i].Head = tree.Heads[i] == 0 ? -1 : first + tree.Heads[i] - 1;
                        doc.Tokens[first + i].Deprel = tree.Labels[i];
                    }
                }
            }
            if (ner != null)
            {
                var entities = ner.Recognize(words);
                for (int i = 0; i < words.Count; i++) doc.Tokens[first + i].Entity = entities[i];
            }
        }
    }
}
