using Lagebild.Graph;
using Lagebild.Ingest;
using Lagebild.Tests.Store;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Graph;

/// <summary>
/// Acceptance check of issue 3: ingesting ../shared/seeds plus ../shared/eval/dev/texts gives a graph with
/// CN -> RU microelectronics backed by evidence. Skipped with a message when ../shared is not beside the repository.
/// </summary>
public sealed class SharedGraphAcceptanceTests
{
    private readonly ITestOutputHelper _out;
    public SharedGraphAcceptanceTests(ITestOutputHelper output) { _out = output; }

    [Fact]
    public void SeedsAndDevTexts_GiveChinaRussiaMicroelectronicsWithEvidence()
    {
        var seeds = SharedData.Combine("seeds");
        var texts = SharedData.Combine("eval", "dev", "texts");
        if (seeds == null || texts == null || !Directory.Exists(texts)) { _out.WriteLine(SharedData.Missing); return; }
        using var t = new TempStore();

        var report = new Ingestor(t.Store, Extractor.Create()).Run([seeds, texts]);

        Assert.Empty(report.Failures);
        Assert.True(report.Added >= 20, $"expected the seeds and dev texts, got {report.Added}");
        var edge = Assert.Single(t.Store.Edges(GraphFilter.ForEdge("CN", "RU", "microelectronics")));
        var evidence = t.Store.Evidence(GraphFilter.ForEdge("CN", "RU", "microelectronics"));
        _out.WriteLine($"CN -> RU microelectronics: {edge.Evidence} sentences, {edge.Sources} sources, {edge.Claimants} claimants");
        foreach (var x in evidence) _out.WriteLine($"  [{x.Status}] {x.Claimant} ({x.Outlet}): {x.Sentence}");
        Assert.True(edge.Evidence >= 2);
        Assert.True(edge.Sources >= 2);
        Assert.Equal(edge.Evidence, evidence.Select(x => (x.DocumentId, x.SentenceStart)).Distinct().Count());
        Assert.All(evidence, x => Assert.False(string.IsNullOrWhiteSpace(x.Sentence)));
        Assert.All(evidence, x => Assert.NotEmpty(x.Chain));
        Assert.Contains(evidence, x => x.Url != null && x.Sentence.Contains("Mikroelektronik", StringComparison.Ordinal));
    }
}
