using System.Text.Json.Nodes;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Tagging;

/// <summary>Small helpers the tagger and lemmatizer recipes share: data file provenance and metadata.</summary>
internal static class RecipeSupport
{
    public static string Resolve(string dataDirectory, DataFile file) => Path.Combine(dataDirectory, file.Path);

    /// <summary>SHA-256 of a data file, or null when it is absent. Tables committed in the repository (the German
    /// lexicon, the English WordNet classes: paths under src/) are not under the data directory and are found where they are.</summary>
    public static string? Sha256(string dataDirectory, DataFile file)
    {
        var path = Resolve(dataDirectory, file);
        if (!File.Exists(path) && file.Path.StartsWith("src/", StringComparison.Ordinal) && InRepository(file.Path) is { } found) path = found;
        return File.Exists(path) ? ModelManifest.Sha256(path) : Directory.Exists(path) ? "(directory)" : null;
    }

    /// <summary>A repository-relative file, looked for above the working directory and the binaries.</summary>
    public static string? InRepository(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        return null;
    }

    /// <summary>The data files with their SHA-256, for the model metadata.</summary>
    public static JsonArray Describe(string dataDirectory, IEnumerable<DataFile> files)
    {
        var result = new JsonArray();
        foreach (var file in files)
            result.Add(new JsonObject { ["file"] = file.Path, ["sha256"] = Sha256(dataDirectory, file), ["licence"] = file.Licence, ["role"] = file.Role });
        return result;
    }

    public static JsonObject Scores(IReadOnlyDictionary<string, double?> scores)
    {
        var o = new JsonObject();
        foreach (var (k, v) in scores) o[k] = v.HasValue ? Math.Round(v.Value, 2) : null;
        return o;
    }

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");
}
