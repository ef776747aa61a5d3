using System.Text;
using Lagebild.Ingest;
using Lagebild.Text;

namespace Lagebild.Samples;

/// <summary>The invented sample articles shipped inside the library for <c>lagebild demo</c>.</summary>
public static class SampleCorpus
{
    public static IReadOnlyList<Document> Load()
    {
        var assembly = typeof(SampleCorpus).Assembly;
        var docs = new List<Document>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Samples/")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var id = Path.GetFileNameWithoutExtension(name);
            var result = PlainTextReader.Read(reader.ReadToEnd(), id, "sample:" + id);
            if (result.Document != null) docs.Add(result.Document);
        }
        return docs;
    }
}
