using Lagebild.Claims;
using Lagebild.Graph;
using Lagebild.Tests.Store;
using Xunit;
using static Lagebild.Tests.Graph.GraphFixtures;

namespace Lagebild.Tests.Graph;

public sealed class GraphTests
{
    private const string Body = "Erster Satz hier. Zweiter Satz dort. Dritter Satz am Ende.";

    private static Edge Single(IEnumerable<Edge> edges, string s, string r, string i) =>
        Assert.Single(edges, e => e.Supplier == s && e.Recipient == r && e.Item == i);

    [Fact]
    public void Edge_AggregatesEvidenceSourcesClaimantsStatusesAndDates()
    {
        using var t = new TempStore();
        t.Store.AddDocument(Doc("a", Body, "https://a.invalid/1", "A-Post", Day(3, 1),
            new C("KP", "RU", "ammunition"),                                                       // sentence 0
            new C("KP", "RU", "ammunition", ClaimStatus.Alleged, "KR", Sentence: 0),              // same sentence, another claimant
            new C("KP", "RU", "ammunition", ClaimStatus.Hedged, "reporter", Sentence: 1)));
        t.Store.AddDocument(Doc("b", "Ganz anderer Text. Mit eigenen Worten geschrieben. Und ohne Kopie.", "https://b.invalid/2", "B-Blatt", Day(5, 20),
            new C("KP", "RU", "ammunition", ClaimStatus.Alleged, "person:Erfundene Person", Sentence: 2),
            new C("IR", "RU", "drones_uav")));
        t.Store.AddDocument(Doc("c", "Noch ein Text ohne Datum. Er nennt nur Drohnen.", "https://c.invalid/3", null, null,
            new C("IR", "RU", "drones_uav", ClaimStatus.Denied, "IR")));

        var edges = t.Store.Edges(GraphFilter.All);

        var kp = Single(edges, "KP", "RU", "ammunition");
        Assert.Equal(3, kp.Evidence);      // sentences a/0, a/1, b/2
        Assert.Equal(2, kp.Sources);       // documents a and b
        Assert.Equal(3, kp.Claimants);     // reporter, KR, person:...
        Assert.Equal(new Dictionary<string, int> { ["asserted"] = 1, ["alleged"] = 2, ["denied"] = 0, ["hedged"] = 1 }, kp.Statuses);
        Assert.Equal(Day(3, 1), kp.FirstSeen);
        Assert.Equal(Day(5, 20), kp.LastSeen);
        Assert.False(kp.Contradicted);

        var ir = Single(edges, "IR", "RU", "drones_uav");
        Assert.True(ir.Contradicted);       // the denial
        Assert.Equal(2, ir.Sources);
        Assert.Equal(Day(5, 20), ir.FirstSeen);
        Assert.Equal(Day(5, 20), ir.LastSeen); // publication dates win over the undated document's ingestion date
        t.Store.AddDocument(Doc("d", "Undatiert. Ohne Datum.", null, null, null, new C("BY", "RU", "conventional_weapons")));
        var by = Single(t.Store.Edges(GraphFilter.All), "BY", "RU", "conventional_weapons");
        Assert.True(by.FirstSeen > DateTimeOffset.UtcNow.AddMinutes(-5), "without any publication date the ingestion date counts");
        Assert.Equal(kp, edges[0]);          // most evidence first
    }

    [Fact]
    public void NegatedEvidence_MarksTheEdgeContradicted()
    {
        using var t = new TempStore();
        t.Store.AddDocument(Doc("a", Body, null, null, Day(1, 1), new C("CN", "RU", "conventional_weapons"),
            new C("CN", "RU", "conventional_weapons", ClaimStatus.Alleged, "CN", Negated: true, Sentence: 1)));

        var edge = Single(t.Store.Edges(GraphFilter.All), "CN", "RU", "conventional_weapons");

        Assert.True(edge.Contradicted);
        Assert.Equal(1, edge.Negated);
        Assert.Equal(0, edge.Statuses["denied"]);
    }

    [Fact]
    public void UndirectedClaims_SupportBothDirections()
    {
        using var t = new TempStore();
        t.Store.AddDocument(Doc("a", Body, null, null, Day(1, 1), new C("RU", "KP", "technology_transfer", Undirected: true)));

        var edges = t.Store.Edges(GraphFilter.All);

        Assert.Equal(2, edges.Count);
        Single(edges, "RU", "KP", "technology_transfer");
        Single(edges, "KP", "RU", "technology_transfer");
        var evidence = Assert.Single(t.Store.Evidence(GraphFilter.ForEdge("KP", "RU", "technology_transfer")));
        Assert.True(evidence.Undirected);
    }

    [Fact]
    public void Filters_BySupplierRecipientItemAndDate()
    {
        using var t = new TempStore();
        t.Store.AddDocument(Doc("a", Body, null, null, Day(1, 10), new C("KP", "RU", "ammunition"), new C("CN", "RU", "microelectronics", Sentence: 1)));
        t.Store.AddDocument(Doc("b", "Anderer Text hier. Zweiter Satz.", null, null, Day(6, 1), new C("CN", "RU", "microelectronics"), new C("US", "UA", "air_defence_radar")));

        Assert.Equal(3, t.Store.Edges(GraphFilter.All).Count);
        Assert.Equal(["microelectronics"], t.Store.Edges(new() { Supplier = "cn" }).Select(e => e.Item));
        Assert.Equal(2, t.Store.Edges(new() { Recipient = "RU" }).Count);
        Assert.Equal(["UA"], t.Store.Edges(new() { Item = "air_defence_radar" }).Select(e => e.Recipient));
        var since = t.Store.Edges(new() { Since = Day(3, 1) });
        Assert.Equal(2, since.Count);
        Assert.Equal(1, Single(since, "CN", "RU", "microelectronics").Evidence);
        Assert.Empty(t.Store.Edges(new() { Supplier = "KP", Since = Day(3, 1) }));
    }

    [Fact]
    public void Evidence_CarriesClaimantStatusOutletDateUrlAndChain()
    {
        using var t = new TempStore();
        t.Store.AddDocument(Doc("a", Body, "https://a.invalid/1", "A-Post", Day(3, 1),
            new C("KP", "RU", "ammunition", ClaimStatus.Alleged, "person:Erfundene Person", Sentence: 1, Chain: ["A-Post", "org:Beispiel-Agentur", "person:Erfundene Person"])));
        t.Store.AddDocument(Doc("b", "Anderer Text hier. Zweiter Satz.", "https://b.invalid/2", "B-Blatt", Day(2, 1), new C("KP", "RU", "ammunition")));

        var evidence = t.Store.Evidence(GraphFilter.ForEdge("kp", "RU", "ammunition"));

        Assert.Equal(2, evidence.Count);
        Assert.Equal("B-Blatt", evidence[0].Outlet); // oldest first
        var x = evidence[1];
        Assert.Equal("Zweiter Satz dort.", x.Sentence);
        Assert.Equal("person:Erfundene Person", x.Claimant);
        Assert.Equal("alleged", x.Status);
        Assert.Equal("A-Post", x.Outlet);
        Assert.Equal(Day(3, 1), x.Published);
        Assert.Equal("https://a.invalid/1", x.Url);
        Assert.Equal(["A-Post", "org:Beispiel-Agentur", "person:Erfundene Person"], x.Chain);
        Assert.Equal("Zwe", x.Cue);
        Assert.Empty(t.Store.Evidence(GraphFilter.ForEdge("KP", "RU", "drones_uav")));
    }

    [Fact]
    public void SyndicatedCopies_CountAsOneSource()
    {
        using var t = new TempStore();
        var outlets = new[] { "Erste Zeitung", "Zweites Portal", "Dritter Sender" };
        for (int v = 0; v < 3; v++)
        {
            var added = t.Store.AddDocument(Doc($"copy{v}", LightlyEdited(v), $"https://site{v}.invalid/story", outlets[v], Day(4, 1 + v),
                new C("KP", "RU", "ammunition", ClaimStatus.Alleged, "KR")));
            Assert.True(added.Added);
        }

        var edge = Single(t.Store.Edges(GraphFilter.All), "KP", "RU", "ammunition");
        Assert.Equal(3, edge.Evidence);
        Assert.Equal(1, edge.Sources);

        t.Store.AddDocument(Doc("own", IndependentStory, "https://own.invalid/research", "Beispiel-Zeitung", Day(4, 9),
            new C("KP", "RU", "ammunition")));
        edge = Single(t.Store.Edges(GraphFilter.All), "KP", "RU", "ammunition");
        Assert.Equal(4, edge.Evidence);
        Assert.Equal(2, edge.Sources);
        Assert.Equal(2, t.Store.Stats().Stories);
        var groups = t.Store.Evidence(GraphFilter.ForEdge("KP", "RU", "ammunition")).Select(e => e.SyndicationGroup).ToList();
        Assert.Equal(3, groups.Count(g => g == groups[0]));
    }
}
