using Lagebild.Nlp.Clusters;
using Xunit;

namespace Lagebild.Tests.Nlp;

public class ClusterTests
{
    /// <summary>Animals follow articles, foods follow "eat", verbs follow animals: three context types.</summary>
    private static List<string[]> SyntheticCorpus()
    {
        var sentences = new List<string[]>();
        string[] articles = ["the", "a"], animals = ["cat", "dog", "horse"], verbs = ["sleeps", "runs", "jumps"];
        string[] people = ["we", "they"], foods = ["bread", "rice", "soup"];
        for (int round = 0; round < 5; round++)
        {
            foreach (var article in articles)
                foreach (var animal in animals)
                    foreach (var verb in verbs)
                        sentences.Add([article, animal, verb]);
            foreach (var person in people)
                foreach (var food in foods)
                    sentences.Add([person, "eat", food]);
        }
        return sentences;
    }

    [Fact]
    public void WordsWithTheSameContexts_ShareAClass()
    {
        var clusters = ExchangeClustering.Train(SyntheticCorpus(), [5], minCount: 1);
        int Class(string w) => clusters.ClassOf(w, 0);
        Assert.Equal(Class("cat"), Class("dog"));
        Assert.Equal(Class("dog"), Class("horse"));
        Assert.Equal(Class("bread"), Class("rice"));
        Assert.Equal(Class("rice"), Class("soup"));
        Assert.Equal(Class("sleeps"), Class("runs"));
        Assert.NotEqual(Class("cat"), Class("bread"));
        Assert.NotEqual(Class("cat"), Class("sleeps"));
        Assert.NotEqual(Class("bread"), Class("sleeps"));
    }

    [Fact]
    public void Training_IsDeterministic_AndKeepsTheGranularities()
    {
        var a = ExchangeClustering.Train(SyntheticCorpus(), [2, 5], minCount: 1);
        var b = ExchangeClustering.Train(SyntheticCorpus(), [2, 5], minCount: 1);
        Assert.Equal(2, a.Granularities);
        Assert.Equal([2, 5], a.ClassCounts);
        foreach (var w in new[] { "the", "cat", "eat", "soup", "runs" })
            for (int level = 0; level < 2; level++)
                Assert.Equal(a.ClassOf(w, level), b.ClassOf(w, level));
    }

    [Fact]
    public void RareWordsAndUnknownWords_HaveNoClass()
    {
        var corpus = SyntheticCorpus();
        corpus.Add(["we", "eat", "quince"]);
        var clusters = ExchangeClustering.Train(corpus, [4], minCount: 2);
        Assert.Equal(-1, clusters.ClassOf("quince", 0));
        Assert.Equal(-1, clusters.ClassOf("never-seen", 0));
        Assert.True(clusters.ClassOf("soup", 0) >= 0);
    }

    [Fact]
    public void Digits_AreFolded()
    {
        var corpus = new List<string[]>();
        for (int i = 0; i < 20; i++) corpus.Add(["in", (1990 + i).ToString(), "we", "left"]);
        var clusters = ExchangeClustering.Train(corpus, [3], minCount: 2);
        Assert.True(clusters.ClassOf("2024", 0) >= 0);
        Assert.Equal(clusters.ClassOf("1999", 0), clusters.ClassOf("0000", 0));
    }

    [Fact]
    public void WriteAndRead_RoundTrip()
    {
        var clusters = ExchangeClustering.Train(SyntheticCorpus(), [3, 5], minCount: 1);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) clusters.Write(w);
        stream.Position = 0;
        var read = WordClusters.Read(new BinaryReader(stream));
        Assert.Equal(clusters.WordCount, read.WordCount);
        foreach (var w in new[] { "a", "horse", "jumps", "they", "bread" })
            for (int level = 0; level < 2; level++)
                Assert.Equal(clusters.ClassOf(w, level), read.ClassOf(w, level));
    }
}
