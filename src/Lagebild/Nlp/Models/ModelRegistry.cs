namespace Lagebild.Nlp.Models;

/// <summary>The one place where model kinds meet their loaders and training recipes.</summary>
public static class ModelRegistry
{
    /// <summary>Kind -> load a model file.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, object>> Loaders = new Dictionary<string, Func<string, object>>
    {
        ["parser"] = path => Parsing.DependencyParser.Load(path),
    };

    /// <summary>Kind -> how it is trained and scored, in pipeline order.</summary>
    public static readonly IReadOnlyList<IModelRecipe> Recipes =
    [
        new Parsing.ParserRecipe(),
    ];
}
