using System.Text.Json;
using Lagebild.Claims;
using Lagebild.Cli.Commands;
using Lagebild.Tests.Store;
using Xunit;
using static Lagebild.Tests.Graph.GraphFixtures;

namespace Lagebild.Tests.Cli;

public sealed class GraphCommandTests : IDisposable
{
    private readonly TempStore _t = new();

    public GraphCommandTests()
    {
        _t.Store.AddDocument(Doc("a", "Erster Satz hier. Zweiter Satz, mit Komma. Dritter Satz.", "https://a.invalid/1", "A-Post", Day(3, 1),
            new C("CN", "RU", "microelectronics", ClaimStatus.Alleged, "person:Erfundene Person", Chain: ["A-Post", "person:Erfundene Person"]),
            new C("CN", "RU", "microelectronics", ClaimStatus.Denied, "CN", Sentence: 1)));
        _t.Store.AddDocument(Doc("b", "Anderer Text. Noch ein Satz.", "https://b.invalid/2", "B-Blatt", Day(4, 2), new C("KP", "RU", "ammunition")));
        _t.Store.Dispose(); // the commands open the file themselves
    }

    public void Dispose() => _t.Dispose();

    private (int Exit, string Out, string Err) Graph(string format, string? supplier = null, string? since = null, string? db = null)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int exit = GraphCommand.Run(db ?? _t.DbPath, supplier, null, null, since, format, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void Json_HasExactlyTheContractFields()
    {
        var (exit, stdout, _) = Graph("json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["edges"], root.EnumerateObject().Select(p => p.Name));
        var edges = root.GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal(2, edges.Count);
        foreach (var edge in edges)
            Assert.Equal(["supplier", "recipient", "item", "evidence", "sources", "claimants", "statuses", "first_seen", "last_seen", "contradicted"],
                edge.EnumerateObject().Select(p => p.Name));
        var cn = edges.Single(e => e.GetProperty("supplier").GetString() == "CN");
        Assert.Equal("RU", cn.GetProperty("recipient").GetString());
        Assert.Equal("microelectronics", cn.GetProperty("item").GetString());
        Assert.Equal(2, cn.GetProperty("evidence").GetInt32());
        Assert.Equal(1, cn.GetProperty("sources").GetInt32());
        Assert.Equal(2, cn.GetProperty("claimants").GetInt32());
        Assert.Equal(1, cn.GetProperty("statuses").GetProperty("denied").GetInt32());
        Assert.Equal(1, cn.GetProperty("statuses").GetProperty("alleged").GetInt32());
        Assert.Equal("2024-03-01", cn.GetProperty("first_seen").GetString());
        Assert.Equal("2024-03-01", cn.GetProperty("last_seen").GetString());
        Assert.True(cn.GetProperty("contradicted").GetBoolean());
    }

    [Fact]
    public void Filters_AndCsv_AndTable()
    {
        var json = JsonDocument.Parse(Graph("json", supplier: "kp").Out).RootElement.GetProperty("edges");
        Assert.Equal("KP", Assert.Single(json.EnumerateArray()).GetProperty("supplier").GetString());
        Assert.Empty(JsonDocument.Parse(Graph("json", since: "2024-05-01").Out).RootElement.GetProperty("edges").EnumerateArray());

        var csv = Graph("csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("supplier,recipient,item,evidence,sources,claimants,asserted,alleged,denied,hedged,negated,first_seen,last_seen,contradicted", csv[0]);
        Assert.Contains("CN,RU,microelectronics,2,1,2,0,1,1,0,0,2024-03-01,2024-03-01,true", csv);

        var table = Graph("table").Out;
        Assert.Contains("microelectronics", table);
        Assert.Contains("alleged 1, denied 1", table);
    }

    [Fact]
    public void BadDate_AndMissingDatabase_AreErrors_AndCreateNothing()
    {
        var missing = Path.Combine(_t.Dir, "missing.db");

        var (badExit, _, badErr) = Graph("json", since: "gestern");
        var (noDbExit, _, noDbErr) = Graph("json", db: missing);

        Assert.Equal(2, badExit);
        Assert.Contains("--since gestern: not a date", badErr);
        Assert.Equal(2, noDbExit);
        Assert.Contains("no such database", noDbErr);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Evidence_ListsEachSentenceWithItsProvenance()
    {
        var o = new StringWriter();
        Assert.Equal(0, EvidenceCommand.Run(_t.DbPath, "cn", "ru", "microelectronics", null, "json", o, new StringWriter()));

        var root = JsonDocument.Parse(o.ToString()).RootElement;
        Assert.Equal("CN", root.GetProperty("supplier").GetString());
        var items = root.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items[0];
        Assert.Equal("Erster Satz hier.", first.GetProperty("sentence").GetString());
        Assert.Equal("person:Erfundene Person", first.GetProperty("claimant").GetString());
        Assert.Equal("alleged", first.GetProperty("status").GetString());
        Assert.Equal("A-Post", first.GetProperty("outlet").GetString());
        Assert.Equal("2024-03-01", first.GetProperty("date").GetString());
        Assert.Equal("https://a.invalid/1", first.GetProperty("url").GetString());
        Assert.Equal(["A-Post", "person:Erfundene Person"], first.GetProperty("chain").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("denied", items[1].GetProperty("status").GetString());

        var text = new StringWriter();
        EvidenceCommand.Run(_t.DbPath, "CN", "RU", "microelectronics", null, "table", text, new StringWriter());
        Assert.Contains("2 claim(s) from 1 independent source(s)", text.ToString());
        Assert.Contains("via A-Post -> person:Erfundene Person", text.ToString());
        Assert.Contains("https://a.invalid/1", text.ToString());

        var csv = new StringWriter();
        EvidenceCommand.Run(_t.DbPath, "CN", "RU", "microelectronics", null, "csv", csv, new StringWriter());
        Assert.Contains(",\"Zweiter Satz, mit Komma.\",", csv.ToString());
        Assert.Equal(3, csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Stats_JsonHasTheCounts()
    {
        var o = new StringWriter();
        Assert.Equal(0, StatsCommand.Run(_t.DbPath, "json", o, new StringWriter()));

        var root = JsonDocument.Parse(o.ToString()).RootElement;
        Assert.Equal(2, root.GetProperty("documents").GetInt64());
        Assert.Equal(3, root.GetProperty("claims").GetInt64());
        Assert.Equal(6, root.GetProperty("entities").GetInt64()); // CN RU KP, two items, the person; "reporter" is no entity
        Assert.Equal(2, root.GetProperty("edges").GetInt64());
        Assert.Equal(2, root.GetProperty("outlets").GetInt64());
        Assert.Equal(2, root.GetProperty("languages").GetProperty("de").GetInt64());
        Assert.Equal("2024-03-01", root.GetProperty("first_published").GetString());
    }
}
