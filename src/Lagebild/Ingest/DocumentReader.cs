namespace Lagebild.Ingest;

/// <summary>Limits for reading input files.</summary>
public sealed record ReadOptions
{
    public const long DefaultMaxFileBytes = 20L * 1024 * 1024;

    /// <summary>Files larger than this are refused rather than loaded into memory.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    public static ReadOptions Default { get; } = new();
}

/// <summary>
/// The entry point for input: files, directories and glob patterns in, one <see cref="ReadResult"/> per document
/// or per problem out. One bad file (missing, empty, binary, too large, not UTF-8) never stops the enumeration.
/// </summary>
public static class DocumentReader
{
    /// <summary>Extensions picked up when a directory is given; other files there are ignored.</summary>
    public static IReadOnlySet<string> DirectoryExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm" };

    /// <summary>
    /// Reads every path in order: a file, a directory (recursively, files with <see cref="DirectoryExtensions"/>,
    /// sorted) or a glob ("dir/*.txt", "dir/**/*.jsonl"). A file reached twice is read once.
    /// </summary>
    public static IEnumerable<ReadResult> ReadPaths(IEnumerable<string> paths, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return ReadResult.Fail("(empty path)", "no path given");
                continue;
            }
            var (files, problem) = Expand(path);
            if (problem != null)
            {
                yield return ReadResult.Fail(path, problem);
                continue;
            }
            foreach (var file in files)
            {
                if (!seen.Add(Path.GetFullPath(file))) continue;
                foreach (var result in ReadFile(file, options)) yield return result;
            }
        }
    }

    /// <summary>Reads one file, choosing the reader by extension.</summary>
    public static IEnumerable<ReadResult> ReadFile(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!File.Exists(path))
            return [ReadResult.Fail(path, Directory.Exists(path) ? "is a directory, not a file" : "no such file or directory")];
        if (HtmlReader.IsHtmlPath(path))
            return [HtmlReader.ReadFile(path, options)];

        string text;
        try
        {
            var sizeProblem = FileDecoder.CheckSize(new FileInfo(path).Length, options.MaxFileBytes);
            if (sizeProblem != null) return [ReadResult.Fail(path, sizeProblem)];
            if (!FileDecoder.TryDecode(File.ReadAllBytes(path), out text, out var problem))
                return [ReadResult.Fail(path, problem)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [ReadResult.Fail(path, $"cannot be read: {e.Message}")];
        }

        return extension switch
        {
            ".jsonl" or ".ndjson" => JsonLinesReader.Read(text, path),
            ".json" => JsonLinesReader.ReadJsonFile(text, path),
            _ => [PlainTextReader.Read(text, Path.GetFileNameWithoutExtension(path), path)],
        };
    }

    private static (List<string> Files, string? Problem) Expand(string path)
    {
        try
        {
            return ExpandUnchecked(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ([], $"cannot be listed: {e.Message}");
        }
    }

    private static (List<string> Files, string? Problem) ExpandUnchecked(string path)
    {
        if (File.Exists(path)) return ([path], null);
        if (Directory.Exists(path))
        {
            var files = PathExpander.FilesInDirectory(path, DirectoryExtensions);
            return files.Count > 0
                ? (files, null)
                : ([], $"no readable files in the directory ({string.Join(", ", DirectoryExtensions.Order())})");
        }
        if (PathExpander.IsGlob(path))
        {
            var files = PathExpander.FilesMatching(path);
            return files.Count > 0 ? (files, null) : ([], "no files match the pattern");
        }
        return ([], "no such file or directory");
    }
}
