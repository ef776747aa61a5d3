using Lagebild.Nlp.Entities;
using Xunit;

namespace Lagebild.Tests.Nlp;

public class BioesSchemeTests
{
    [Fact]
    public void FromBio_MarksEndsAndSingles()
    {
        var tags = "B-PER I-PER I-PER O B-LOC B-LOC I-LOC O I-ORG".Split(' ');
        Assert.Equal("B-PER I-PER E-PER O S-LOC B-LOC E-LOC O S-ORG".Split(' '), BioesScheme.FromBio(tags));
    }

    [Fact]
    public void FromBio_TreatsATypeChangeAsANewChunk()
    {
        var tags = "B-PER I-ORG I-ORG".Split(' ');
        Assert.Equal("S-PER B-ORG E-ORG".Split(' '), BioesScheme.FromBio(tags));
    }

    [Fact]
    public void ToBio_RoundTrips()
    {
        var tags = "O B-PER I-PER O B-LOC B-LOC I-LOC I-LOC O".Split(' ');
        Assert.Equal(tags, BioesScheme.FromBio(tags).Select(BioesScheme.ToBio));
    }

    [Fact]
    public void Transitions_KeepChunksWellFormed()
    {
        var labels = BioesScheme.Labels(["LOC", "PER"]);
        var allowed = EntityRecognizer.Transitions(labels);
        bool Allowed(string previous, string next) =>
            allowed[Array.IndexOf(labels, previous) * labels.Length + Array.IndexOf(labels, next)];
        Assert.True(Allowed("B-PER", "I-PER"));
        Assert.True(Allowed("B-PER", "E-PER"));
        Assert.False(Allowed("B-PER", "O"));        // an open chunk must be closed
        Assert.False(Allowed("B-PER", "E-LOC"));
        Assert.False(Allowed("O", "I-PER"));
        Assert.False(Allowed("E-PER", "E-PER"));
        Assert.True(Allowed("E-PER", "S-LOC"));
        Assert.True(Allowed("S-PER", "O"));
    }

    [Fact]
    public void Oracle_LearnsTheBestLabelStillPossible()
    {
        var labels = BioesScheme.Labels(["LOC", "PER"]);
        var oracle = BioesScheme.Oracle(labels);
        string Target(string previous, string gold) =>
            labels[oracle[Array.IndexOf(labels, previous) * labels.Length + Array.IndexOf(labels, gold)]];
        Assert.Equal("I-PER", Target("B-PER", "I-PER"));   // possible: unchanged
        Assert.Equal("B-PER", Target("O", "I-PER"));       // the start was missed: start here
        Assert.Equal("S-PER", Target("O", "E-PER"));
        Assert.Equal("E-LOC", Target("B-LOC", "O"));       // a chunk opened by mistake: close it at once
        Assert.Equal("E-LOC", Target("I-LOC", "B-PER"));

        var bio = new[] { "O", "B-PER", "I-PER" };
        var bioOracle = BioesScheme.Oracle(bio);
        Assert.Equal(1, bioOracle[0 * 3 + 2]);             // BIO: I-PER after O -> B-PER
        Assert.Equal(2, bioOracle[1 * 3 + 2]);
    }
}
