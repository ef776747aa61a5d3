using Lagebild.Graph;
using Xunit;
using static Lagebild.Tests.Graph.GraphFixtures;

namespace Lagebild.Tests.Graph;

public sealed class SyndicationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LightlyEditedCopies_AreAboveTheThreshold(int variant)
    {
        var copy = "Andere Überschrift eines Portals\n\n" + LightlyEdited(variant);
        var a = Syndication.Signature(AgencyStory)!;
        var b = Syndication.Signature(copy)!;

        Assert.True(Syndication.Jaccard(AgencyStory, copy) >= 0.7, $"jaccard {Syndication.Jaccard(AgencyStory, copy)}");
        Assert.True(Syndication.Similarity(a, b) >= Syndication.Threshold, $"similarity {Syndication.Similarity(a, b)}");
        Assert.True(Syndication.BandKeys(a).Intersect(Syndication.BandKeys(b)).Any(), "copies share an LSH bucket");
    }

    [Fact]
    public void DifferentArticles_OnTheSameTopic_AreBelowTheThreshold()
    {
        var a = Syndication.Signature(AgencyStory)!;
        var b = Syndication.Signature(IndependentStory)!;

        Assert.True(Syndication.Jaccard(AgencyStory, IndependentStory) < 0.1);
        Assert.True(Syndication.Similarity(a, b) < Syndication.Threshold);
    }

    [Fact]
    public void Signature_IgnoresCaseAndPunctuation_AndIsStable()
    {
        Assert.Equal(Syndication.Signature("Nordkorea liefert Russland Granaten, sagt man."),
                     Syndication.Signature("nordkorea LIEFERT russland granaten sagt man"));
        Assert.Null(Syndication.Signature(" … – "));
        var sig = Syndication.Signature(AgencyStory)!;
        Assert.Equal(sig, Syndication.FromBytes(Syndication.ToBytes(sig)));
        Assert.Equal(Syndication.Hashes, sig.Length);
    }
}
