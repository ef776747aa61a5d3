using System.Text.RegularExpressions;
using Lagebild.Text;

namespace Lagebild.Ingest;

/// <summary>
/// A plain-text article: the first non-empty line is the title, the rest the body. Also reads the dev-set format,
/// where optional header lines ("URL: ...", "LANG: de", "TITLE:", "DATE:"/"PUBLISHED:", "OUTLET:") and a blank
/// line come before the title.
/// </summary>
public static partial class PlainTextReader
{
    /// <param name="text">The decoded file content.</param>
    /// <param name="id">Document id, normally the file name without extension.</param>
    /// <param name="source">Where the text came from, for messages and <see cref="Document.Source"/>.</param>
    public static ReadResult Read(string text, string id, string? source = null)
    {
        source ??= id;
        var lines = TextCleaner.Clean(text).Split('\n');
        int i = SkipBlank(lines, 0);
        var header = ReadHeader(lines, ref i);

        string? title = header.GetValueOrDefault("title");
        i = SkipBlank(lines, i);
        if (string.IsNullOrWhiteSpace(title))
        {
            if (i >= lines.Length) return ReadResult.Fail(source, header.Count > 0 ? "no article text after the header" : "no text");
            title = lines[i++];
        }
        else if (i < lines.Length && lines[i].Trim() == title.Trim())
        {
            i++; // the header repeats the title line that follows it
        }
        title = MarkdownHeading().Replace(title.Trim(), "");

        var body = string.Join('\n', lines[SkipBlank(lines, i)..]).TrimEnd();
        var document = new Document(id, body.Length > 0 ? title + "\n\n" + body : title)
        {
            Title = title,
            Source = source,
        };
        ApplyMetadata(document, header);
        return ReadResult.Ok(document);
    }

    /// <summary>Fills url, outlet, language and date from header fields, deriving what is missing.</summary>
    internal static void ApplyMetadata(Document document, IReadOnlyDictionary<string, string> fields)
    {
        document.Url = NullIfBlank(fields.GetValueOrDefault("url"));
        document.Outlet = NullIfBlank(fields.GetValueOrDefault("outlet")) ?? ArticleMetadata.OutletFromUrl(document.Url);
        document.Lang = ArticleMetadata.NormaliseLanguage(fields.GetValueOrDefault("lang"))
                        ?? ArticleMetadata.GuessLanguage(document.Text);
        var date = fields.GetValueOrDefault("published") ?? fields.GetValueOrDefault("date");
        if (ArticleMetadata.TryParseDate(date, out var published)) document.Published = published;
    }

    /// <summary>Header lines at the top of the file, keyed by lower-case field name; stops at the first other line.</summary>
    private static Dictionary<string, string> ReadHeader(string[] lines, ref int i)
    {
        var fields = new Dictionary<string, string>();
        while (i < lines.Length)
        {
            var m = HeaderLine().Match(lines[i]);
            if (!m.Success) break;
            var key = m.Groups["key"].Value.ToLowerInvariant();
            if (key == "language") key = "lang";
            fields[key] = m.Groups["value"].Value.Trim();
            i++;
        }
        return fields;
    }

    private static int SkipBlank(string[] lines, int i)
    {
        while (i < lines.Length && string.IsNullOrWhiteSpace(lines[i])) i++;
        return i;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^(?<key>URL|LANG|LANGUAGE|TITLE|DATE|PUBLISHED|OUTLET)[ ]*:[ ]*(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex MarkdownHeading();
}
