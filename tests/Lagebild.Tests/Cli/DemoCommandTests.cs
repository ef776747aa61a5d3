using Lagebild.Cli.Commands;
using Lagebild.Graph;
using Lagebild.Samples;
using Lagebild.Store;
using Lagebild.Tests.Ingest;
using Xunit;

namespace Lagebild.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public void Samples_AreAboutTwentyInventedGermanAndEnglishArticles()
    {
        var results = SampleCorpus.Read().ToList();

        Assert.All(results, r => Assert.True(r.IsOk, r.Error?.ToString()));
        var docs = results.Select(r => r.Document!).ToList();
        Assert.InRange(docs.Count, 18, 30);
        Assert.All(docs, d => Assert.Matches(@"\((erfundenes Beispiel|invented example)\)$", d.Title));
        Assert.All(docs, d => Assert.StartsWith("https://example.invalid/", d.Url));
        Assert.All(docs, d => Assert.False(string.IsNullOrEmpty(d.Outlet)));
        Assert.True(docs.Count(d => d.Lang == "de") >= 8);
        Assert.True(docs.Count(d => d.Lang == "en") >= 6);
        Assert.Equal(docs.Count, docs.Select(d => d.Url).Distinct().Count());
    }

    [Fact]
    public void Demo_PrintsTheGraph_FromATemporaryDatabase()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var before = Directory.GetDirectories(Path.GetTempPath(), "lagebild-demo-*").ToHashSet();

        int exit = DemoCommand.Run(null, stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        var output = stdout.ToString();
        Assert.Contains($"{SampleCorpus.Names.Count} invented sample articles", output);
        Assert.Contains("temporary database", output);
        Assert.Matches(@"│ KP\s+│ RU\s+│ ammunition", output);
        Assert.Matches(@"│ CN\s+│ RU\s+│ microelectronics", output);
        Assert.Contains("Strongest edge", output);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "lagebild-demo-*"), d => !before.Contains(d));
    }

    [Fact]
    public void Demo_KeepsItsDatabaseWhenAsked_AndSyndicatedSamplesCountOnce()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "demo.db");

        Assert.Equal(0, DemoCommand.Run(db, new StringWriter(), new StringWriter()));
        var again = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(db, again, new StringWriter()));

        Assert.Contains(", 0 ingested now", again.ToString());
        using var store = SqliteStore.Open(db);
        Assert.Equal(SampleCorpus.Names.Count, store.Stats().Documents);
        Assert.True(store.Stats().Stories < store.Stats().Documents, "s07, s08 and s09 are one agency story");
        var kp = store.Edges(GraphFilter.ForEdge("KP", "RU", "ammunition")).Single();
        Assert.True(kp.Sources < kp.Evidence, $"sources {kp.Sources}, evidence {kp.Evidence}");
        var copies = store.Evidence(GraphFilter.ForEdge("KP", "RU", "ammunition"))
            .Where(x => x.Url is "https://example.invalid/demo/s07" or "https://example.invalid/demo/s08" or "https://example.invalid/demo/s09")
            .Select(x => x.SyndicationGroup).Distinct();
        Assert.Single(copies);
    }
}
