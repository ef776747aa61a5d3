namespace Lagebild.Ingest;

/// <summary>
/// The inputs of <c>lagebild ingest</c>: what <see cref="DocumentReader"/> reads (plain text, JSON lines, JSON)
/// plus HTML pages (<see cref="HtmlReader"/>). Paths are expanded up front so a progress bar knows the total; each
/// file is then read on its own, and nothing a file contains can throw out of <see cref="ReadFile"/>.
/// </summary>
public static class IngestInputs
{
    /// <summary>Extensions picked up in directories: those of <see cref="DocumentReader.DirectoryExtensions"/> and HTML.</summary>
    public static IReadOnlySet<string> Extensions { get; } =
        new HashSet<string>(DocumentReader.DirectoryExtensions.Concat(HtmlReader.Extensions), StringComparer.OrdinalIgnoreCase);

    /// <summary>Files to read, in order and each once, and the paths that named nothing readable.</summary>
    public static (List<string> Files, List<IngestError> Errors) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var errors = new List<IngestError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                errors.Add(new IngestError("(empty path)", "no path given"));
                continue;
            }
            List<string> found;
            try
            {
                if (File.Exists(path)) found = [path];
                else if (Directory.Exists(path))
                {
                    found = PathExpander.FilesInDirectory(path, Extensions);
                    if (found.Count == 0)
                        errors.Add(new IngestError(path, $"no readable files in the directory ({string.Join(", ", Extensions.Order())})"));
                }
                else if (PathExpander.IsGlob(path))
                {
                    found = PathExpander.FilesMatching(path);
                    if (found.Count == 0) errors.Add(new IngestError(path, "no files match the pattern"));
                }
                else
                {
                    errors.Add(new IngestError(path, "no such file or directory"));
                    continue;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add(new IngestError(path, $"cannot be listed: {e.Message}"));
                continue;
            }
            foreach (var file in found)
                if (seen.Add(Path.GetFullPath(file))) files.Add(file);
        }
        return (files, errors);
    }

    /// <summary>All documents and problems of one file; never throws for anything the file contains.</summary>
    public static List<ReadResult> ReadFile(string path, ReadOptions? options = null)
    {
        try
        {
            return HtmlReader.IsHtmlPath(path)
                ? [HtmlReader.ReadFile(path, options)]
                : DocumentReader.ReadFile(path, options).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [ReadResult.Fail(path, $"cannot be read: {e.GetType().Name}: {e.Message}")];
        }
    }
}
