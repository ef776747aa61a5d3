using System.Text.Json;
using System.Text.Json.Serialization;
using Lagebild.Text;

namespace Lagebild.Claims;

/// <summary>Serialisable views of an analysed document: the evaluation contract and the full result with offsets.</summary>
public static class DocumentResult
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string StatusName(ClaimStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>The line format of ../shared/eval/README.md.</summary>
    public static Dictionary<string, object> Eval(Document doc) => new()
    {
        ["doc"] = doc.Id,
        ["supplies"] = doc.Claims.Select(c =>
        {
            var d = new Dictionary<string, object>
            {
                ["supplier"] = c.Supplier, ["recipient"] = c.Recipient, ["item"] = c.Item, ["negated"] = c.Negated,
                ["claimant"] = c.Claimant, ["status"] = StatusName(c.Status),
            };
            if (c.Undirected) d["undirected"] = true;
            return d;
        }).ToList(),
        ["quotes"] = doc.Quotes.Select(q => new Dictionary<string, object> { ["speaker"] = q.SpeakerName ?? "?", ["text"] = doc.Slice(q.Content) }).ToList(),
        ["entities"] = Entities(doc),
    };

    /// <summary>Canonical actors mentioned: ISO codes, person:NAME, org:NAME, in order of first mention.</summary>
    public static List<string> Entities(Document doc) =>
        doc.Mentions.Where(m => m.IsActor).Select(m => m.Id).Distinct().ToList();

    public sealed record SpanJson(int Start, int End, string Text);

    private static SpanJson? S(Document doc, TextSpan? span) => span is { } s ? new SpanJson(s.Start, s.End, doc.Slice(s)) : null;

    /// <summary>Everything: metadata, text, paragraphs, sentences, mentions, quotes, claims with offsets.</summary>
    public static Dictionary<string, object?> Full(Document doc) => new()
    {
        ["id"] = doc.Id, ["url"] = doc.Url, ["title"] = doc.Title, ["outlet"] = doc.Outlet, ["lang"] = doc.Lang,
        ["published"] = doc.Published?.ToString("O"), ["source"] = doc.Source, ["text"] = doc.Text,
        ["paragraphs"] = doc.Paragraphs.Select(p => new { p.Span.Start, p.Span.End, kind = p.Kind.ToString().ToLowerInvariant(), reason = p.FurnitureReason }).ToList(),
        ["sentences"] = doc.Sentences.Select(s => new { s.Span.Start, s.Span.End }).ToList(),
        ["mentions"] = doc.Mentions.Select(m => new { kind = m.Kind.ToString().ToLowerInvariant(), m.Id, form = m.Form.ToString().ToLowerInvariant(), m.Span.Start, m.Span.End, text = doc.Slice(m.Span), m.Affiliation }).ToList(),
        ["quotes"] = doc.Quotes.Select(q => new { q.Speaker, speaker_name = q.SpeakerName, q.Content.Start, q.Content.End, text = doc.Slice(q.Content), cue = S(doc, q.CueSpan), lang = q.Lang }).ToList(),
        ["claims"] = doc.Claims.Select(c => new
        {
            c.Supplier, c.Recipient, c.Item, c.Negated, c.Undirected, c.Claimant, status = StatusName(c.Status),
            c.SupplierInferred, c.RecipientInferred,
            evidence = S(doc, c.Evidence), cue = S(doc, c.Cue), supplier_span = S(doc, c.SupplierSpan), recipient_span = S(doc, c.RecipientSpan),
            item_span = S(doc, c.ItemSpan), attribution_cue = S(doc, c.AttributionCue), chain = c.Chain, c.Frame,
        }).ToList(),
    };
}
