using System.Text.Json;
using Lagebild.Text;

namespace Lagebild.Ingest;

/// <summary>
/// JSON lines: one article object per line with "text" (required), "id", "url", "title", "published", "outlet", "lang".
/// A bad line becomes an <see cref="IngestError"/> naming file and line; the other lines still give documents.
/// </summary>
public static class JsonLinesReader
{
    /// <param name="text">The decoded file content.</param>
    /// <param name="source">The file path, used in error sources ("feed.jsonl:17") and for ids of lines without one.</param>
    public static IEnumerable<ReadResult> Read(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").TrimStart('\uFEFF').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            int lineNo = i + 1;
            yield return ReadRecord(lines[i], $"{source}:{lineNo}", $"line {lineNo}", DefaultId(source, lineNo));
        }
    }

    /// <summary>
    /// A ".json" file: an array of article objects, a single object, or (when neither parses) JSON lines.
    /// </summary>
    public static IEnumerable<ReadResult> ReadJsonFile(string text, string source)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        JsonDocument? whole = null;
        try { whole = JsonDocument.Parse(trimmed); }
        catch (JsonException) { /* not one JSON value: fall back to JSON lines */ }

        if (whole == null) return Read(text, source);
        using (whole)
        {
            if (whole.RootElement.ValueKind == JsonValueKind.Object)
                return [ToDocument(whole.RootElement, source, "the object", Path.GetFileNameWithoutExtension(source))];
            if (whole.RootElement.ValueKind != JsonValueKind.Array)
                return [ReadResult.Fail(source, "not a JSON object or array of objects")];
            var results = new List<ReadResult>();
            int n = 0;
            foreach (var item in whole.RootElement.EnumerateArray())
            {
                n++;
                results.Add(item.ValueKind == JsonValueKind.Object
                    ? ToDocument(item, $"{source}:item {n}", $"item {n}", DefaultId(source, n))
                    : ReadResult.Fail($"{source}:item {n}", $"item {n}: not a JSON object"));
            }
            if (n == 0) results.Add(ReadResult.Fail(source, "empty JSON array"));
            return results;
        }
    }

    private static ReadResult ReadRecord(string line, string source, string where, string defaultId)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return ReadResult.Fail(source, $"{where}: not a JSON object");
            return ToDocument(json.RootElement, source, where, defaultId);
        }
        catch (JsonException e)
        {
            return ReadResult.Fail(source, $"{where}: not JSON: {Describe(e)}");
        }
    }

    private static ReadResult ToDocument(JsonElement record, string source, string where, string defaultId)
    {
        if (!record.TryGetProperty("text", out var textField) || textField.ValueKind == JsonValueKind.Null)
            return ReadResult.Fail(source, $"{where}: missing field 'text'");
        if (textField.ValueKind != JsonValueKind.String)
            return ReadResult.Fail(source, $"{where}: field 'text' is not a string");
        var body = TextCleaner.Clean(textField.GetString()!).Trim();
        if (body.Length == 0)
            return ReadResult.Fail(source, $"{where}: field 'text' is empty");
        if (record.TryGetProperty("title", out var titleField) && titleField.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return ReadResult.Fail(source, $"{where}: field 'title' is not a string");

        var title = Field(record, "title") is { } t ? TextCleaner.Clean(t).Trim().Replace('\n', ' ') : null;
        var id = Field(record, "id") ?? defaultId;
        var document = new Document(id, string.IsNullOrEmpty(title) ? body : title + "\n\n" + body)
        {
            Title = string.IsNullOrEmpty(title) ? null : title,
            Source = source,
        };
        var fields = new Dictionary<string, string>();
        foreach (var (name, key) in new[] { ("url", "url"), ("outlet", "outlet"), ("lang", "lang"), ("language", "lang"),
                                            ("published", "published"), ("date", "date") })
            if (Field(record, name) is { } value && !fields.ContainsKey(key)) fields[key] = value;
        PlainTextReader.ApplyMetadata(document, fields);
        return ReadResult.Ok(document);
    }

    /// <summary>A string or number field as text; null when absent, null or blank.</summary>
    private static string? Field(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value)) return null;
        var s = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>An id for records without one: the file name and the line (or item) number.</summary>
    private static string DefaultId(string source, int number) => $"{Path.GetFileNameWithoutExtension(source)}-{number}";

    /// <summary>The parser's message without its zero-based position suffix, plus a one-based column.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        message = message.TrimEnd('.', ' ');
        return e.BytePositionInLine is { } column ? $"{message} (at column {column + 1})" : message;
    }
}
