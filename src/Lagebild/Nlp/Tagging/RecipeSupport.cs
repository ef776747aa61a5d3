using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Models;

namespace Lagebild.Nlp.Tagging;

/// <summary>Small helpers the tagger and lemmatizer recipes share: data file provenance and metadata.</summary>
internal static class RecipeSupport
{
    public static string Resolve(string dataDirectory, DataFile file) => Path.Combine(dataDirectory, file.Path);

    /// <summary>The data files with their SHA-256, for the model metadata.</summary>
    public static JsonArray Describe(string dataDirectory, IEnumerable<DataFile> files)
    {
        var result = new JsonArray();
        foreach (var file in files)
        {
            var path = Resolve(dataDirectory, file);
            // Tables committed in the repository (the German lexicon) are not under the data directory.
            if (!File.Exists(path) && file.Role == "lexicon" && Lemmas.GermanLexicon.FindTable() is { } table) path = table;
            string? sha = null;
            if (File.Exists(path) || Directory.Exists(path))
                sha = File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "(directory)";
            result.Add(new JsonObject { ["file"] = file.Path, ["sha256"] = sha, ["licence"] = file.Licence, ["role"] = file.Role });
        }
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
