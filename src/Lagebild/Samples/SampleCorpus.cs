using System.Text;
using Lagebild.Ingest;
using Lagebild.Text;

namespace Lagebild.Samples;

/// <summary>
/// The invented sample articles shipped inside the library for <c>lagebild demo</c> and tests: short German and
/// English texts (see Samples/README.md), each with URL, language, outlet and mostly a date in its header.
/// </summary>
public static class SampleCorpus
{
    /// <summary>Resource names of the samples ("Samples/s01-kp-ru-munition.txt"), in order.</summary>
    public static IReadOnlyList<string> Names =>
        typeof(SampleCorpus).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Samples/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each sample read like a plain-text file: a document, or an error naming the sample.</summary>
    public static IEnumerable<ReadResult> Read()
    {
        var assembly = typeof(SampleCorpus).Assembly;
        foreach (var name in Names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var id = Path.GetFileNameWithoutExtension(name);
            yield return PlainTextReader.Read(reader.ReadToEnd(), id, "sample:" + id);
        }
    }

    /// <summary>The samples as documents (not yet analysed).</summary>
    public static IReadOnlyList<Document> Load() => Read().Where(r => r.IsOk).Select(r => r.Document!).ToList();
}
