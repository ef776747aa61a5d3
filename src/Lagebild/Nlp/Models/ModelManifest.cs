using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Nlp.Models;

/// <summary>
/// models/manifest.json: one entry per trained model file with its size, SHA-256, date, training and test files
/// (with their SHA-256 and licence), parameters and scores. `lagebild train` replaces the entry of the model it wrote.
/// </summary>
public static class ModelManifest
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Rewrites the manifest beside <paramref name="report"/>'s model from all model files there.</summary>
    public static string Record(TrainingReport report) => Rebuild(Path.GetDirectoryName(Path.GetFullPath(report.ModelPath))!);

    /// <summary>
    /// Writes DIR/manifest.json from the model files in DIR: each file's size and SHA-256 plus the metadata the
    /// trainer stored in its header (training, dev and test files with SHA-256 and licence, parameters, scores, date).
    /// </summary>
    public static string Rebuild(string directory)
    {
        var models = new JsonArray();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + NlpModelSet.Extension).Order(StringComparer.Ordinal))
        {
            var header = ModelFile.ReadHeader(path);
            models.Add(new JsonObject
            {
                ["file"] = Path.GetFileName(path),
                ["kind"] = header.Kind,
                ["lang"] = header.Lang,
                ["bytes"] = new FileInfo(path).Length,
                ["sha256"] = Sha256(path),
                ["metadata"] = header.Metadata.DeepClone(),
            });
        }
        var root = new JsonObject
        {
            ["note"] = "Models trained in-project by `lagebild train KIND --lang LANG --data ../shared/data --out models/KIND-LANG.lgbm`; " +
                       "this file is rewritten from the models' headers after each training (`lagebild train manifest` redoes it). " +
                       "No non-commercial (NC) corpus is used in any model. Scores are percentages.",
            ["models"] = models,
        };
        var manifestPath = Path.Combine(directory, FileName);
        File.WriteAllText(manifestPath, root.ToJsonString(Json) + "\n");
        return manifestPath;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
