using Lagebild.Claims;

namespace Lagebild.Text;

/// <summary>
/// One article. The document owns its text; every annotation (sentence, token, mention, quote, claim)
/// is a span with character offsets into <see cref="Text"/>, so each claim can show its evidence.
/// </summary>
public sealed class Document
{
    public Document(string id, string text, string lang = "de")
    {
        Id = id; Text = text; Lang = lang;
    }

    /// <summary>Stable identifier: the file name without extension, or the JSON line's id.</summary>
    public string Id { get; }
    /// <summary>The article text: title, a blank line, then the body.</summary>
    public string Text { get; }
    /// <summary>ISO 639-1 language code ("de", "en").</summary>
    public string Lang { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Outlet { get; set; }
    public DateTimeOffset? Published { get; set; }
    /// <summary>Where the document came from (file path, line number).</summary>
    public string? Source { get; set; }

    public List<Paragraph> Paragraphs { get; } = new();
    public List<Sentence> Sentences { get; } = new();
    public List<Token> Tokens { get; } = new();
    public List<Mention> Mentions { get; } = new();
    public List<Quote> Quotes { get; } = new();
    public List<Attribution> Attributions { get; } = new();
    public List<SupplyClaim> Claims { get; } = new();

    public string Slice(TextSpan span) => Text.Substring(span.Start, span.Length);

    public IEnumerable<Token> TokensOf(Sentence s)
    {
        for (int i = s.FirstToken; i < s.EndToken; i++) yield return Tokens[i];
    }

    /// <summary>The paragraph containing the offset (paragraphs are in text order), or null.</summary>
    public Paragraph? ParagraphAt(int offset)
    {
        int lo = 0, hi = Paragraphs.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            var span = Paragraphs[mid].Span;
            if (offset < span.Start) hi = mid - 1;
            else if (offset >= span.End) lo = mid + 1;
            else return Paragraphs[mid];
        }
        return null;
    }
}
