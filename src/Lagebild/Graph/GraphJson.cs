using System.Globalization;
using Lagebild.Store;

namespace Lagebild.Graph;

/// <summary>
/// The machine-readable shapes of the graph, shared by <c>lagebild graph/evidence/stats --format json|csv</c> and
/// <c>lagebild export</c>. Field names are a contract: <c>{"edges": [{"supplier", "recipient", "item", "evidence",
/// "sources", "claimants", "statuses", "first_seen", "last_seen", "contradicted"}]}</c>.
/// </summary>
public static class GraphJson
{
    public static string? Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Edge(Edge e) => new()
    {
        ["supplier"] = e.Supplier,
        ["recipient"] = e.Recipient,
        ["item"] = e.Item,
        ["evidence"] = e.Evidence,
        ["sources"] = e.Sources,
        ["claimants"] = e.Claimants,
        ["statuses"] = Graph.Edge.StatusNames.ToDictionary(s => s, s => e.Statuses.GetValueOrDefault(s)),
        ["first_seen"] = Date(e.FirstSeen),
        ["last_seen"] = Date(e.LastSeen),
        ["contradicted"] = e.Contradicted,
    };

    public static Dictionary<string, object?> Edges(IEnumerable<Edge> edges) => new() { ["edges"] = edges.Select(Edge).ToList() };

    public static IReadOnlyList<string> EdgeCsvHeader { get; } =
        ["supplier", "recipient", "item", "evidence", "sources", "claimants", .. Graph.Edge.StatusNames, "negated", "first_seen", "last_seen", "contradicted"];

    public static IEnumerable<object?> EdgeCsvRow(Edge e) =>
        [e.Supplier, e.Recipient, e.Item, e.Evidence, e.Sources, e.Claimants, .. Graph.Edge.StatusNames.Select(s => (object)e.Statuses.GetValueOrDefault(s)),
         e.Negated, Date(e.FirstSeen), Date(e.LastSeen), e.Contradicted];

    public static Dictionary<string, object?> Evidence(EvidenceItem x) => new()
    {
        ["sentence"] = x.Sentence,
        ["claimant"] = x.Claimant,
        ["status"] = x.Status,
        ["negated"] = x.Negated,
        ["outlet"] = x.Outlet,
        ["date"] = Date(x.Published),
        ["url"] = x.Url,
        ["title"] = x.Title,
        ["chain"] = x.Chain,
        ["supplier"] = x.Supplier,
        ["recipient"] = x.Recipient,
        ["item"] = x.Item,
        ["cue"] = x.Cue,
        ["undirected"] = x.Undirected,
        ["document"] = x.DocumentId,
        ["story"] = x.SyndicationGroup,
    };

    public static IReadOnlyList<string> EvidenceCsvHeader { get; } =
        ["supplier", "recipient", "item", "claimant", "status", "negated", "outlet", "date", "url", "title", "chain", "sentence", "document", "story"];

    public static IEnumerable<object?> EvidenceCsvRow(EvidenceItem x) =>
        [x.Supplier, x.Recipient, x.Item, x.Claimant, x.Status, x.Negated, x.Outlet, Date(x.Published), x.Url, x.Title,
         string.Join(" > ", x.Chain), x.Sentence.Replace('\n', ' '), x.DocumentId, x.SyndicationGroup];

    public static Dictionary<string, object?> Stats(StoreStats s) => new()
    {
        ["documents"] = s.Documents,
        ["claims"] = s.Claims,
        ["entities"] = s.Entities,
        ["mentions"] = s.Mentions,
        ["quotes"] = s.Quotes,
        ["edges"] = s.Edges,
        ["stories"] = s.Stories,
        ["outlets"] = s.Outlets,
        ["languages"] = s.Languages,
        ["first_published"] = Date(s.FirstPublished),
        ["last_published"] = Date(s.LastPublished),
        ["schema_version"] = s.SchemaVersion,
        ["database_bytes"] = s.DatabaseBytes,
    };
}
