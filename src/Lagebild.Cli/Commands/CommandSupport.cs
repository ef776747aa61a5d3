using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lagebild.Store;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>What the store verbs share: the --db and --format options, opening the store, and table/JSON/CSV output.</summary>
internal static class CommandSupport
{
    /// <summary><c>--knowledge DIR</c>: extra language tables (same layout as Lang/) appended to the built-in ones.</summary>
    public static Option<string?> KnowledgeOption() => new("--knowledge")
    {
        Description = "Directory with extra language tables (same layout as Lang/: de/states.tsv ...) added to the built-in ones",
        HelpName = "DIR",
    };

    public static Option<string> DbOption() => new("--db")
    {
        Description = "SQLite database file (default ./lagebild.db, or $LAGEBILD_DB)",
        HelpName = "PATH",
        DefaultValueFactory = _ => DefaultDb,
    };

    public static string DefaultDb =>
        Environment.GetEnvironmentVariable("LAGEBILD_DB") is { Length: > 0 } env ? env : SqliteStore.DefaultPath;

    public static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>Opens the store, or prints the problem and returns null. Queries never create a database.</summary>
    public static SqliteStore? Open(string path, bool create, TextWriter stderr)
    {
        try
        {
            return SqliteStore.Open(path, new SqliteStoreOptions { Create = create });
        }
        catch (StoreException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static readonly JsonSerializerOptions JsonLine = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A Spectre console writing to the given writer, wide enough not to wrap tables when redirected.</summary>
    public static IAnsiConsole Console(TextWriter stdout)
    {
        bool terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        console.Profile.Width = terminal ? Math.Max(console.Profile.Width, 100) : 220;
        return console;
    }

    /// <summary>True when stdout is the real terminal (progress bars and colours are only drawn then).</summary>
    public static bool IsTerminal(TextWriter stdout) => ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;

    public static string Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static bool TryParseDate(string? value, out DateTimeOffset? date, TextWriter stderr, string option)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (Lagebild.Ingest.ArticleMetadata.TryParseDate(value, out var parsed))
        {
            date = parsed;
            return true;
        }
        stderr.WriteLine($"error: {option} {value}: not a date (use YYYY-MM-DD)");
        return false;
    }

    /// <summary>One CSV record (RFC 4180).</summary>
    public static string CsvLine(IEnumerable<object?> fields) => Lagebild.Graph.Csv.Line(fields);

    /// <summary>
    /// An extractor; with <c>--knowledge</c> every language's tables are loaded now, so a bad extra table is reported
    /// before any document is read. Null (and the problem on stderr) when a table is broken.
    /// </summary>
    public static Extractor? CreateExtractor(string? knowledge, TextWriter stderr)
    {
        try
        {
            var extractor = Extractor.Create(knowledge);
            // Built-in tables are checked by the tests; only an analyst's extra tables need checking before the run.
            if (knowledge != null) foreach (var lang in Extractor.SupportedLanguages) extractor.PipelineFor(lang);
            return extractor;
        }
        catch (Lagebild.Knowledge.KnowledgeException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    /// <summary>The readable documents of files, directories and globs; each bad input is reported on stderr and counted.</summary>
    public static IEnumerable<Lagebild.Text.Document> ReadDocuments(IEnumerable<string> paths, TextWriter stderr, Action onFailure)
    {
        foreach (var result in Lagebild.Ingest.DocumentReader.ReadPaths(paths))
        {
            if (result.Error is { } error)
            {
                stderr.WriteLine($"error: {error.Source}: {error.Problem}");
                onFailure();
                continue;
            }
            yield return result.Document!;
        }
    }
}
