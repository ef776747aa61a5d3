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

    /// <summary>The manifest that sits beside a model file.</summary>
    public static string PathFor(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, FileName);

    /// <summary>Writes (or replaces) the entry of <paramref name="report"/>'s model and returns the manifest path.</summary>
    public static string Record(TrainingReport report, string dataDirectory, DateTimeOffset date)
    {
        var manifestPath = PathFor(report.ModelPath);
        var root = File.Exists(manifestPath) ? JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject ?? new JsonObject() : new JsonObject();
        root["note"] ??= "Models trained in-project by `lagebild train KIND --lang LANG --data ../shared/data --out models/KIND-LANG.lgbm`. " +
                         "No non-commercial (NC) data is used in any model. Scores are percentages on the test splits.";
        var models = root["models"] as JsonArray ?? new JsonArray();
        root["models"] = models;
        var name = Path.GetFileName(report.ModelPath);
        foreach (var old in models.Where(m => (string?)m?["file"] == name).ToList()) models.Remove(old);

        var data = new JsonArray();
        foreach (var f in report.Data)
        {
            var full = Path.Combine(dataDirectory, f.Path);
            data.Add(new JsonObject
            {
                ["file"] = f.Path.Replace('\\', '/'),
                ["role"] = f.Role,
                ["licence"] = f.Licence,
                ["sha256"] = File.Exists(full) ? Sha256(full) : null,
            });
        }
        var scores = new JsonObject();
        foreach (var (key, value) in report.Scores) scores[key] = value is { } v ? Math.Round(v, 2) : null;
        models.Add(new JsonObject
        {
            ["file"] = name,
            ["kind"] = report.Kind,
            ["lang"] = report.Lang,
            ["bytes"] = new FileInfo(report.ModelPath).Length,
            ["sha256"] = Sha256(report.ModelPath),
            ["date"] = date.ToString("yyyy-MM-dd"),
            ["data"] = data,
            ["parameters"] = report.Parameters.DeepClone(),
            ["scores"] = scores,
        });
        var sorted = models.OrderBy(m => (string?)m?["file"], StringComparer.Ordinal).Select(m => m!.DeepClone()).ToList();
        models.Clear();
        foreach (var m in sorted) models.Add(m);
        File.WriteAllText(manifestPath, root.ToJsonString(Json) + "\n");
        return manifestPath;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
