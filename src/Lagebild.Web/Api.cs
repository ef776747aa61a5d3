using Lagebild.Graph;
using Lagebild.Knowledge;
using Lagebild.Store;
using Lagebild.Text;

namespace Lagebild.Web;

/// <summary>
/// The JSON shapes of the API. No logic of its own: every answer is a store or graph query
/// (<see cref="IClaimStore"/>, <see cref="GraphJson"/>, <see cref="SqliteSearch"/>) put into dictionaries.
/// The store has one connection, so calls are serialised.
/// </summary>
public sealed class Api(IClaimStore store)
{
    private readonly object _gate = new();
    private SqliteSearch? _search;

    private T Use<T>(Func<IClaimStore, T> query) { lock (_gate) return query(store); }

    public Dictionary<string, object?> Graph(GraphFilter filter)
    {
        var edges = Use(s => s.Edges(filter));
        var json = GraphJson.Edges(edges);
        var ids = edges.SelectMany(e => new[] { e.Supplier, e.Recipient }).Distinct().Order(StringComparer.Ordinal);
        json["nodes"] = ids.Select(id => new Dictionary<string, object?>
        {
            ["id"] = id, ["label"] = EntityLabels.Label(id), ["kind"] = EntityLabels.ActorKind(id) ?? "unknown",
        }).ToList();
        var items = ItemTable.Value;
        json["items"] = edges.Select(e => e.Item).Distinct().ToDictionary(i => i, i => items.TryGetValue(i, out var x) ? x : new ItemRow(i, "general", i));
        return json;
    }

    public Dictionary<string, object?> Evidence(GraphFilter filter)
    {
        var docs = new Dictionary<long, Document?>();
        return Use(s =>
        {
            var list = new List<Dictionary<string, object?>>();
            foreach (var x in s.Evidence(filter).Take(500))
            {
                var row = GraphJson.Evidence(x);
                if (!docs.TryGetValue(x.DocumentId, out var doc)) docs[x.DocumentId] = doc = s.LoadDocument(x.DocumentId);
                row["highlights"] = Highlights(doc, x);
                list.Add(row);
            }
            return new Dictionary<string, object?> { ["evidence"] = list };
        });
    }

    /// <summary>The claim's words (cue, supplier, recipient, item, attribution) as offsets into the evidence sentence.</summary>
    private static List<Dictionary<string, object?>> Highlights(Document? doc, EvidenceItem x)
    {
        var spans = new List<Dictionary<string, object?>>();
        if (doc == null) return spans;
        foreach (var c in doc.Claims.Where(c => c.Evidence.Start == x.SentenceStart && c.Item == x.Item &&
                     ((c.Supplier == x.Supplier && c.Recipient == x.Recipient) || (c.Supplier == x.Recipient && c.Recipient == x.Supplier))))
        {
            void Add(TextSpan? span, string role)
            {
                if (span is not { } sp || sp.Start < x.SentenceStart || sp.End > x.SentenceEnd || sp.End <= sp.Start) return;
                spans.Add(new() { ["start"] = sp.Start - x.SentenceStart, ["end"] = sp.End - x.SentenceStart, ["role"] = role });
            }
            Add(c.Cue, "cue");
            Add(c.SupplierSpan, "supplier");
            Add(c.RecipientSpan, "recipient");
            Add(c.ItemSpan, "item");
            Add(c.AttributionCue, "attribution");
        }
        return spans;
    }

    public Dictionary<string, object?> Timeline(GraphFilter filter)
    {
        var evidence = Use(s => s.Evidence(filter));
        var months = evidence.Where(x => x.Published != null)
            .GroupBy(x => x.Published!.Value.UtcDateTime.ToString("yyyy-MM"))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Dictionary<string, object?> { ["month"] = g.Key, ["claims"] = g.Select(x => x.ClaimId).Distinct().Count() })
            .ToList();
        return new() { ["months"] = months, ["undated"] = evidence.Count(x => x.Published == null) };
    }

    public Dictionary<string, object?>? Document(long id)
    {
        return Use(s =>
        {
            var stored = s.GetDocument(id);
            var doc = stored == null ? null : s.LoadDocument(id);
            if (stored == null || doc == null) return null;
            return new Dictionary<string, object?>
            {
                ["id"] = stored.Id,
                ["title"] = stored.Title,
                ["url"] = stored.Url,
                ["outlet"] = stored.Outlet,
                ["date"] = GraphJson.Date(stored.Published),
                ["lang"] = stored.Language,
                ["story"] = stored.SyndicationGroup,
                ["text"] = stored.Text,
                ["mentions"] = doc.Mentions.Select(m => new Dictionary<string, object?>
                {
                    ["start"] = m.Span.Start, ["end"] = m.Span.End, ["kind"] = m.Kind.ToString().ToLowerInvariant(), ["id"] = m.Id,
                    ["label"] = EntityLabels.Label(m.Id), ["form"] = m.Form.ToString().ToLowerInvariant(),
                }).ToList(),
                ["quotes"] = doc.Quotes.Select(q => new Dictionary<string, object?>
                {
                    ["start"] = q.Span.Start, ["end"] = q.Span.End, ["speaker"] = q.Speaker, ["speaker_name"] = q.SpeakerName, ["lang"] = q.Lang,
                }).ToList(),
                ["claims"] = doc.Claims.Select(c => new Dictionary<string, object?>
                {
                    ["supplier"] = c.Supplier, ["recipient"] = c.Recipient, ["item"] = c.Item,
                    ["status"] = Lagebild.Claims.DocumentResult.StatusName(c.Status), ["negated"] = c.Negated, ["claimant"] = c.Claimant,
                    ["start"] = c.Evidence.Start, ["end"] = c.Evidence.End,
                    ["cue"] = Span(c.Cue), ["supplier_span"] = Span(c.SupplierSpan), ["recipient_span"] = Span(c.RecipientSpan),
                    ["item_span"] = Span(c.ItemSpan), ["chain"] = c.Chain,
                }).ToList(),
            };
        });
    }

    private static int[]? Span(TextSpan? span) => span is { } s && s.End > s.Start ? [s.Start, s.End] : null;

    public Dictionary<string, object?> Search(string? q)
    {
        var hits = Use(s =>
        {
            if (s is not SqliteStore sqlite) return (IReadOnlyList<SearchHit>)[];
            _search ??= new SqliteSearch(sqlite.Path);
            return _search.Search(q);
        });
        return new()
        {
            ["query"] = q ?? "",
            ["hits"] = hits.Select(h => new Dictionary<string, object?>
            {
                ["id"] = h.DocumentId, ["title"] = h.Title, ["outlet"] = h.Outlet, ["url"] = h.Url, ["date"] = GraphJson.Date(h.Published),
                ["snippet"] = h.Snippet,
            }).ToList(),
        };
    }

    public Dictionary<string, object?> Entities() => new()
    {
        ["entities"] = Use(s => s.Entities()).Select(e => new Dictionary<string, object?>
        {
            ["id"] = e.Key, ["kind"] = e.Kind, ["label"] = e.Label, ["names"] = e.Names,
        }).ToList(),
    };

    public Dictionary<string, object?> Stats() => GraphJson.Stats(Use(s => s.Stats()));

    public sealed record ItemRow(string id, string @class, string label);

    private static readonly Lazy<Dictionary<string, ItemRow>> ItemTable = new(() =>
    {
        var items = new Dictionary<string, ItemRow>(StringComparer.Ordinal);
        foreach (var row in new TableSource().Load("shared/items.tsv").All())
            items.TryAdd(row["id"], new ItemRow(row["id"], row["class"], row["label_en"]));
        return items;
    });

    public static Dictionary<string, object?> Items() => new() { ["items"] = ItemTable.Value.Values.ToList() };
}
