using System.Text.Json;
using System.Xml.Linq;
using Lagebild.Claims;
using Lagebild.Cli.Commands;
using Lagebild.Graph;
using Lagebild.Tests.Store;
using Xunit;
using static Lagebild.Tests.Graph.GraphFixtures;

namespace Lagebild.Tests.Cli;

public sealed class ExportCommandTests : IDisposable
{
    private readonly TempStore _t = new();

    public ExportCommandTests()
    {
        _t.Store.AddDocument(Doc("a", "Erster Satz mit <Zeichen> & \"Anführung\". Zweiter Satz.", "https://a.invalid/1?x=1&y=2", "A-Post", Day(3, 1),
            new C("CN", "RU", "microelectronics", ClaimStatus.Alleged, "person:Erfundene Person", Chain: ["A-Post", "person:Erfundene Person"]),
            new C("org:Beispiel Werke", "RU", "machine_tools_cnc", Sentence: 1),
            new C("CN", "?", "conventional_weapons", ClaimStatus.Denied, "CN", Negated: true, Sentence: 1)));
        _t.Store.AddDocument(Doc("b", "Anderer Text. Noch ein Satz.", null, null, null,
            new C("person:Erfundener Präsident", "UA", "air_defence_radar")));
        _t.Store.Dispose();
    }

    public void Dispose() => _t.Dispose();

    private string Export(string format)
    {
        var path = Path.Combine(_t.Dir, "out." + format);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, ExportCommand.Run(_t.DbPath, format, path, GraphFilter.All, null, stdout, stderr));
        Assert.Contains($"wrote {format} of 4 edge(s)", stdout.ToString());
        Assert.Empty(Directory.GetFiles(_t.Dir, "*.tmp-*"));
        return path;
    }

    [Fact]
    public void GraphMl_ParsesAsXml_WithEveryActorAndEdge()
    {
        var xml = XDocument.Load(Export("graphml"));
        XNamespace g = "http://graphml.graphdrawing.org/xmlns";

        var graph = xml.Root!.Element(g + "graph")!;
        Assert.Equal("directed", graph.Attribute("edgedefault")!.Value);
        var nodes = graph.Elements(g + "node").Select(n => n.Attribute("id")!.Value).ToHashSet();
        Assert.Equal(new HashSet<string> { "CN", "RU", "?", "org:Beispiel Werke", "person:Erfundener Präsident", "UA" }, nodes);
        var edges = graph.Elements(g + "edge").ToList();
        Assert.Equal(4, edges.Count);
        Assert.All(edges, e => Assert.Contains(e.Attribute("source")!.Value, nodes));
        Assert.All(edges, e => Assert.Contains(e.Attribute("target")!.Value, nodes));
        var keys = xml.Root.Elements(g + "key").Select(k => k.Attribute("id")!.Value).ToHashSet();
        Assert.All(xml.Descendants(g + "data"), d => Assert.Contains(d.Attribute("key")!.Value, keys));
        var chips = edges.Single(e => e.Elements(g + "data").Any(d => d.Attribute("key")!.Value == "item" && d.Value == "microelectronics"));
        Assert.Equal("1", chips.Elements(g + "data").Single(d => d.Attribute("key")!.Value == "evidence").Value);
        var china = graph.Elements(g + "node").Single(n => n.Attribute("id")!.Value == "CN");
        Assert.Equal("China", china.Elements(g + "data").Single(d => d.Attribute("key")!.Value == "label").Value);
    }

    [Fact]
    public void Ftm_EveryLineIsJsonWithIdSchemaProperties_AndReferencesResolve()
    {
        var lines = File.ReadAllLines(Export("ftm"));
        var entities = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

        var known = new HashSet<string> { "PublicBody", "Organization", "Person", "UnknownLink", "Article", "Documentation" };
        foreach (var e in entities)
        {
            Assert.Equal(["id", "schema", "properties"], e.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("lagebild-", e.GetProperty("id").GetString());
            Assert.Contains(e.GetProperty("schema").GetString()!, known);
            foreach (var p in e.GetProperty("properties").EnumerateObject())
            {
                Assert.Equal(JsonValueKind.Array, p.Value.ValueKind);
                Assert.NotEmpty(p.Value.EnumerateArray());
                Assert.All(p.Value.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
            }
        }
        var ids = entities.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        string Prop(JsonElement e, string name) => e.GetProperty("properties").GetProperty(name)[0].GetString()!;
        var links = entities.Where(e => e.GetProperty("schema").GetString() == "UnknownLink").ToList();
        Assert.Equal(3, links.Count); // CN -> ? is left out: no entity for "unspecified"
        foreach (var link in links)
        {
            Assert.Contains(Prop(link, "subject"), ids);
            Assert.Contains(Prop(link, "object"), ids);
        }
        foreach (var doc in entities.Where(e => e.GetProperty("schema").GetString() == "Documentation"))
        {
            Assert.Contains(Prop(doc, "document"), ids);
            Assert.Contains(Prop(doc, "entity"), ids);
        }
        var person = entities.Single(e => e.GetProperty("schema").GetString() == "Person");
        Assert.Equal("Erfundener Präsident", Prop(person, "name"));
        var china = entities.Single(e => e.GetProperty("schema").GetString() == "PublicBody" && Prop(e, "country") == "cn");
        Assert.Equal("China", Prop(china, "name"));
        Assert.Contains(entities, e => e.GetProperty("schema").GetString() == "Article" && Prop(e, "sourceUrl") == "https://a.invalid/1?x=1&y=2");
    }

    [Fact]
    public void Csv_AndJson_CarryTheEdges()
    {
        var csv = File.ReadAllLines(Export("csv"));
        Assert.Equal(string.Join(',', GraphJson.EdgeCsvHeader), csv[0]);
        Assert.Equal(5, csv.Length);
        Assert.Contains(csv, l => l.StartsWith("CN,?,conventional_weapons,1,1,1,0,0,1,0,1,", StringComparison.Ordinal) && l.EndsWith(",true", StringComparison.Ordinal));

        var json = JsonDocument.Parse(File.ReadAllText(Export("json"))).RootElement;
        Assert.Equal(4, json.GetProperty("edges").GetArrayLength());
        Assert.Equal(6, json.GetProperty("entities").GetArrayLength());
        Assert.Equal(4, json.GetProperty("evidence").GetArrayLength());
        Assert.Contains(json.GetProperty("evidence").EnumerateArray(), x => x.GetProperty("sentence").GetString() == "Erster Satz mit <Zeichen> & \"Anführung\".");
    }

    [Fact]
    public void UnwritableTarget_IsAnError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ExportCommand.Run(_t.DbPath, "json", _t.Dir, GraphFilter.All, null, new StringWriter(), stderr));
        Assert.Contains("is a directory", stderr.ToString());
        Assert.Equal(2, ExportCommand.Run(_t.DbPath, "json", Path.Combine(_t.Dir, "no", "dir", "x.json"), GraphFilter.All, null, new StringWriter(), stderr));
        Assert.Contains("cannot be written", stderr.ToString());
    }
}
