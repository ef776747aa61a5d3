using Lagebild.Ingest;
using Lagebild.Text;

namespace Lagebild.Bench;

/// <summary>The benchmark documents, loaded once; each pass works on fresh copies because the pipeline mutates them.</summary>
public sealed class Corpus
{
    private Corpus(IReadOnlyList<Document> documents, IReadOnlyList<string> paths)
    {
        Documents = documents;
        Paths = paths;
        Words = documents.Sum(d => CountWords(d.Text));
    }

    public IReadOnlyList<Document> Documents { get; }
    public IReadOnlyList<string> Paths { get; }
    /// <summary>Whitespace-separated tokens over all documents.</summary>
    public long Words { get; }

    /// <summary>Reads the given paths, or the dev texts and seeds under the nearest <c>shared/</c> when none are given.</summary>
    public static Corpus Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) paths = DefaultPaths();
        var documents = new List<Document>();
        foreach (var result in DocumentReader.ReadPaths(paths))
        {
            if (result.IsOk) documents.Add(result.Document);
            else Console.Error.WriteLine($"skipped {result.Error}");
        }
        if (documents.Count == 0) throw new InvalidOperationException($"no documents read from {string.Join(", ", paths)}");
        return new Corpus(documents, paths);
    }

    /// <summary>New documents with the same text and metadata, without any annotation layers.</summary>
    public Document[] FreshCopies()
    {
        var copies = new Document[Documents.Count];
        for (int i = 0; i < copies.Length; i++)
        {
            var d = Documents[i];
            copies[i] = new Document(d.Id, d.Text, d.Lang)
            {
                Title = d.Title, Url = d.Url, Outlet = d.Outlet, Published = d.Published, Source = d.Source,
            };
        }
        return copies;
    }

    public static long CountWords(string text)
    {
        long words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }

    private static string[] DefaultPaths()
    {
        // Walk up from the working directory, then from the binary, to the directory that holds shared/eval.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var shared = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(shared, "eval")))
                    return [Path.Combine(shared, "eval", "dev", "texts"), Path.Combine(shared, "seeds")];
            }
        }
        throw new InvalidOperationException("no shared/eval found above the current directory or the binary; pass paths as arguments");
    }
}
