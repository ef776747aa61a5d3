using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Lagebild.Store;

namespace Lagebild.Graph;

/// <summary>
/// Writes the support graph for other tools: GraphML (Gephi, yEd, networkx), CSV (one edge per row), JSON (edges,
/// entities and every evidence sentence) and FollowTheMoney JSON lines (Aleph, OpenSanctions tooling).
/// </summary>
public static class GraphExport
{
    public static IReadOnlyList<string> Formats { get; } = ["graphml", "csv", "json", "ftm"];

    public static void Write(IClaimStore store, string format, TextWriter output, GraphFilter? filter = null)
    {
        filter = (filter ?? GraphFilter.All).Normalise();
        switch (format)
        {
            case "graphml": WriteGraphMl(store, output, filter); break;
            case "csv": WriteCsv(store, output, filter); break;
            case "json": WriteJson(store, output, filter); break;
            case "ftm": WriteFtm(store, output, filter); break;
            default: throw new ArgumentException($"unknown export format '{format}' (use {string.Join(", ", Formats)})", nameof(format));
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Node(string Key, string Kind, string Label, IReadOnlyList<string> Names);

    /// <summary>The actors at either end of the edges, with kind and label; "?" (left open) becomes an "unspecified" node.</summary>
    private static List<Node> Nodes(IClaimStore store, IReadOnlyList<Edge> edges)
    {
        var entities = store.Entities().ToDictionary(e => e.Key, StringComparer.Ordinal);
        var keys = edges.SelectMany(e => new[] { e.Supplier, e.Recipient }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return keys.Select(k => entities.TryGetValue(k, out var e)
                ? new Node(k, e.Kind, e.Label, e.Names)
                : new Node(k, k == "?" ? "unspecified" : EntityLabels.ActorKind(k) ?? "unspecified", k == "?" ? "(unspecified)" : EntityLabels.Label(k), Array.Empty<string>()))
            .ToList();
    }

    // ------------------------------------------------------------------ GraphML

    /// <summary>Directed GraphML: one node per actor, one edge per (supplier, recipient, item) with its counts; "weight" is the evidence count.</summary>
    public static void WriteGraphMl(IClaimStore store, TextWriter output, GraphFilter filter)
    {
        var edges = store.Edges(filter);
        var nodes = Nodes(store, edges);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false });
        const string ns = "http://graphml.graphdrawing.org/xmlns";
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", ns);
        void Key(string id, string target, string name, string type)
        {
            xml.WriteStartElement("key", ns);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", target);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }
        Key("label", "node", "label", "string");
        Key("kind", "node", "kind", "string");
        Key("names", "node", "names", "string");
        Key("elabel", "edge", "label", "string");
        Key("item", "edge", "item", "string");
        Key("weight", "edge", "weight", "double");
        Key("evidence", "edge", "evidence", "int");
        Key("sources", "edge", "sources", "int");
        Key("claimants", "edge", "claimants", "int");
        foreach (var s in Edge.StatusNames) Key(s, "edge", s, "int");
        Key("negated", "edge", "negated", "int");
        Key("first_seen", "edge", "first_seen", "string");
        Key("last_seen", "edge", "last_seen", "string");
        Key("contradicted", "edge", "contradicted", "boolean");

        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("id", "lagebild");
        xml.WriteAttributeString("edgedefault", "directed");
        void Data(string key, string? value)
        {
            if (value == null) return;
            xml.WriteStartElement("data", ns);
            xml.WriteAttributeString("key", key);
            xml.WriteString(value);
            xml.WriteEndElement();
        }
        foreach (var n in nodes)
        {
            xml.WriteStartElement("node", ns);
            xml.WriteAttributeString("id", n.Key);
            Data("label", n.Label);
            Data("kind", n.Kind);
            if (n.Names.Count > 0) Data("names", string.Join("; ", n.Names));
            xml.WriteEndElement();
        }
        int i = 0;
        foreach (var e in edges)
        {
            xml.WriteStartElement("edge", ns);
            xml.WriteAttributeString("id", "e" + (i++).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", e.Supplier);
            xml.WriteAttributeString("target", e.Recipient);
            Data("elabel", EntityLabels.Label(e.Item));
            Data("item", e.Item);
            Data("weight", e.Evidence.ToString(CultureInfo.InvariantCulture));
            Data("evidence", e.Evidence.ToString(CultureInfo.InvariantCulture));
            Data("sources", e.Sources.ToString(CultureInfo.InvariantCulture));
            Data("claimants", e.Claimants.ToString(CultureInfo.InvariantCulture));
            foreach (var s in Edge.StatusNames) Data(s, e.Statuses.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture));
            Data("negated", e.Negated.ToString(CultureInfo.InvariantCulture));
            Data("first_seen", GraphJson.Date(e.FirstSeen));
            Data("last_seen", GraphJson.Date(e.LastSeen));
            Data("contradicted", e.Contradicted ? "true" : "false");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    // ------------------------------------------------------------------ CSV and JSON

    public static void WriteCsv(IClaimStore store, TextWriter output, GraphFilter filter)
    {
        output.WriteLine(Csv.Line(GraphJson.EdgeCsvHeader));
        foreach (var e in store.Edges(filter)) output.WriteLine(Csv.Line(GraphJson.EdgeCsvRow(e)));
    }

    /// <summary>{"edges": [...], "entities": [...], "evidence": [...]}: the graph, its actors and every evidence sentence.</summary>
    public static void WriteJson(IClaimStore store, TextWriter output, GraphFilter filter)
    {
        var edges = store.Edges(filter);
        var nodes = Nodes(store, edges);
        var evidence = store.Evidence(filter);
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["edges"] = edges.Select(GraphJson.Edge).ToList(),
            ["entities"] = nodes.Select(n => new Dictionary<string, object?> { ["id"] = n.Key, ["kind"] = n.Kind, ["label"] = n.Label, ["names"] = n.Names }).ToList(),
            ["evidence"] = evidence.Select(GraphJson.Evidence).ToList(),
        }, new JsonSerializerOptions(Json) { WriteIndented = true }));
    }

    // ------------------------------------------------------------------ FollowTheMoney

    /// <summary>A stable FtM entity id for a key ("lagebild-" and 20 hex digits of its SHA-1).</summary>
    public static string FtmId(string kind, string key) =>
        "lagebild-" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(kind + "\u001f" + key)))[..20];

    private static string? FtmLanguage(string? lang) => lang switch { "de" => "deu", "en" => "eng", "fr" => "fra", "ru" => "rus", "uk" => "ukr", _ => null };

    /// <summary>
    /// FollowTheMoney JSON lines, each {"id", "schema", "properties"} with list-of-string values: actors as PublicBody
    /// (states), Organization or Person; each edge as an UnknownLink (subject supplies object; role names the item);
    /// each source article as an Article; each evidence sentence as a Documentation linking the article to the link.
    /// Edges with an unspecified end ("?") have no entity to link and are left out.
    /// </summary>
    public static void WriteFtm(IClaimStore store, TextWriter output, GraphFilter filter)
    {
        var edges = store.Edges(filter).Where(e => !EntityLabels.IsPlaceholder(e.Supplier) && !EntityLabels.IsPlaceholder(e.Recipient)).ToList();
        var nodes = Nodes(store, edges);
        void Line(string id, string schema, Dictionary<string, List<string>> properties)
        {
            foreach (var key in properties.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList()) properties.Remove(key);
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = id, ["schema"] = schema, ["properties"] = properties }, Json));
        }
        static List<string> L(params string?[] values) => values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct().ToList();

        var actorIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            var id = FtmId("actor", n.Key);
            actorIds[n.Key] = id;
            switch (n.Kind)
            {
                case EntityLabels.State:
                    Line(id, "PublicBody", new()
                    {
                        ["name"] = L(n.Label), ["country"] = L(n.Key.Length == 2 ? n.Key.ToLowerInvariant() : null),
                        ["jurisdiction"] = L(n.Key.Length == 2 ? n.Key.ToLowerInvariant() : null),
                        ["notes"] = L($"The state {n.Label} as an actor (its government, agencies or companies), as named in the news."),
                    });
                    break;
                case EntityLabels.Person:
                    Line(id, "Person", new() { ["name"] = L(n.Label) });
                    break;
                default:
                    Line(id, "Organization", new() { ["name"] = L(n.Label) });
                    break;
            }
        }

        var linkIds = new Dictionary<(string, string, string), string>();
        foreach (var e in edges)
        {
            var id = FtmId("edge", $"{e.Supplier}\u001f{e.Recipient}\u001f{e.Item}");
            linkIds[(e.Supplier, e.Recipient, e.Item)] = id;
            var statuses = string.Join(", ", Edge.StatusNames.Where(s => e.Statuses.GetValueOrDefault(s) > 0).Select(s => $"{e.Statuses[s]} {s}"));
            Line(id, "UnknownLink", new()
            {
                ["subject"] = L(actorIds[e.Supplier]), ["object"] = L(actorIds[e.Recipient]),
                ["role"] = L($"supplies {EntityLabels.Label(e.Item)}"),
                ["startDate"] = L(GraphJson.Date(e.FirstSeen)), ["endDate"] = L(GraphJson.Date(e.LastSeen)),
                ["status"] = L(e.Contradicted ? "contradicted" : "uncontradicted"),
                ["summary"] = L($"{EntityLabels.Label(e.Supplier)} supplies {EntityLabels.Label(e.Item)} to {EntityLabels.Label(e.Recipient)}"),
                ["description"] = L(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Evidence} evidence sentence(s) from {e.Sources} independent source(s), {e.Claimants} claimant(s); {statuses}{(e.Negated > 0 ? $"; {e.Negated} negated" : "")}")),
                ["publisher"] = L("Lagebild"),
            });
        }

        var articles = new HashSet<long>();
        foreach (var x in store.Evidence(filter))
        {
            if (!linkIds.TryGetValue((x.Supplier, x.Recipient, x.Item), out var linkId)) continue;
            var articleId = FtmId("document", x.DocumentId.ToString(CultureInfo.InvariantCulture) + "\u001f" + (x.Url ?? x.Title));
            if (articles.Add(x.DocumentId))
            {
                var stored = store.GetDocument(x.DocumentId);
                Line(articleId, "Article", new()
                {
                    ["title"] = L(x.Title), ["publishedAt"] = L(GraphJson.Date(x.Published)), ["sourceUrl"] = L(x.Url),
                    ["publisher"] = L(x.Outlet), ["language"] = L(FtmLanguage(stored?.Language)), ["contentHash"] = L(stored?.Sha256),
                });
            }
            Line(FtmId("evidence", x.ClaimId.ToString(CultureInfo.InvariantCulture) + "\u001f" + x.Supplier + "\u001f" + x.Recipient), "Documentation", new()
            {
                ["document"] = L(articleId), ["entity"] = L(linkId), ["role"] = L("evidence"),
                ["summary"] = L(x.Sentence.Replace('\n', ' ')), ["status"] = L(x.Status + (x.Negated ? ", negated" : "")),
                ["date"] = L(GraphJson.Date(x.Published)),
                ["description"] = L($"claimant: {x.Claimant}" + (x.Chain.Count > 0 ? $"; via {string.Join(" > ", x.Chain)}" : "")),
                ["sourceUrl"] = L(x.Url), ["publisher"] = L(x.Outlet),
            });
        }
    }
}

/// <summary>RFC 4180 CSV lines: fields with commas, quotes or line breaks are quoted.</summary>
public static class Csv
{
    public static string Line(IEnumerable<object?> fields)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var field in fields)
        {
            if (!first) sb.Append(',');
            first = false;
            var s = field switch
            {
                null => "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => field.ToString() ?? "",
            };
            if (s.IndexOfAny([',', '"', '\n', '\r']) >= 0) sb.Append('"').Append(s.Replace("\"", "\"\"")).Append('"');
            else sb.Append(s);
        }
        return sb.ToString();
    }
}
