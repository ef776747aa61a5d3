using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Lemmas;
using Lagebild.Nlp.Parsing;
using Lagebild.Nlp.Tagging;

namespace Lagebild.Nlp.Models;

/// <summary>The one place where model kinds meet their loaders and training recipes.</summary>
public static class ModelRegistry
{
    /// <summary>Kind -> load a model file.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, object>> Loaders = new Dictionary<string, Func<string, object>>
    {
        ["tagger"] = path => PosTagger.Load(path),
        ["lemmatizer"] = path => Lemmatizer.Load(path),
        ["ner"] = path => EntityRecognizer.Load(path),
        ["parser"] = path => DependencyParser.Load(path),
    };

    /// <summary>Kind -> how it is trained and scored, in pipeline order (the lemmatizer is scored on the tagger's tags).</summary>
    public static readonly IReadOnlyList<IModelRecipe> Recipes =
    [
        new TaggerRecipe(),
        new LemmatizerRecipe(),
        new NerRecipe(),
        new ParserRecipe(),
    ];
}
