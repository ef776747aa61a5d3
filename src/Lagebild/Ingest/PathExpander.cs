using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Ingest;

/// <summary>
/// Turns what a user typed (a file, a directory, a glob such as "dir/*.txt" or "dir/**/*.jsonl") into files,
/// in a stable sorted order. Hidden files and directories (".git") are skipped.
/// </summary>
internal static class PathExpander
{
    public static bool IsGlob(string path) => path.IndexOfAny(['*', '?']) >= 0;

    /// <summary>Files under a directory, recursively, that have one of the extensions.</summary>
    public static List<string> FilesInDirectory(string directory, IReadOnlySet<string> extensions) =>
        Enumerate(directory, recursive: true)
            .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => Relative(directory, f), StringComparer.Ordinal)
            .ToList();

    /// <summary>Files matching a glob: '*' and '?' within one path segment, '**' across segments.</summary>
    public static List<string> FilesMatching(string pattern)
    {
        var segments = pattern.Replace('\\', '/').Split('/');
        int firstWild = Array.FindIndex(segments, IsGlob);
        var baseDir = firstWild == 0 ? "." : string.Join('/', segments[..firstWild]);
        if (baseDir.Length == 0) baseDir = "/";
        if (!Directory.Exists(baseDir)) return [];

        var rest = string.Join('/', segments[firstWild..]);
        var regex = new Regex("^" + GlobToRegex(rest) + "$", RegexOptions.CultureInvariant);
        bool recursive = rest.Contains('/');
        return Enumerate(baseDir, recursive)
            .Select(f => (File: f, Relative: Relative(baseDir, f)))
            .Where(x => regex.IsMatch(x.Relative))
            .OrderBy(x => x.Relative, StringComparer.Ordinal)
            .Select(x => firstWild == 0 ? x.Relative : x.File)
            .ToList();
    }

    private static IEnumerable<string> Enumerate(string directory, bool recursive)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
        };
        return Directory.EnumerateFiles(directory, "*", options)
            .Where(f => !Relative(directory, f).Split('/').Any(part => part.StartsWith('.')));
    }

    private static string Relative(string directory, string file) =>
        Path.GetRelativePath(directory, file).Replace('\\', '/');

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashFollows ? "(?:.*/)?" : ".*"); // "**/" also matches no directory at all
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
