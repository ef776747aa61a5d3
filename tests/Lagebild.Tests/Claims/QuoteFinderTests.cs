using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Claims;

/// <summary>Direct quotes: speaker before, after and around; quoted names are no quotes; the quote's own language.</summary>
public class QuoteFinderTests
{
    private static readonly Extractor German = Extractor.Create();

    private static Document Run(string body) => German.ExtractText("Titelzeile\n\n" + body, "de", "q");

    [Fact]
    public void SpeakerAfterTheQuote_IsFound()
    {
        var doc = Run("„Wir liefern seit Monaten Ersatzteile an die Armee“, sagte der Minister Karl Weber.");
        var q = Assert.Single(doc.Quotes);
        Assert.Equal("person:Karl Weber", q.Speaker);
        Assert.StartsWith("Wir liefern", doc.Slice(q.Content));
    }

    [Fact]
    public void SpeakerBeforeTheQuote_WithColon_IsFound()
    {
        var doc = Run("Die Sprecherin Anna Roth erklärte: «Die Lage an der Grenze bleibt angespannt.»");
        Assert.Equal("Anna Roth", Assert.Single(doc.Quotes).SpeakerName);
    }

    [Fact]
    public void QuoteWithoutCue_InTheNextSentence_KeepsTheSpeaker()
    {
        var doc = Run("„Das ist ein schwerer Fehler“, sagte Paul Stein. „Wir werden darauf reagieren müssen.“");
        Assert.Equal(2, doc.Quotes.Count);
        Assert.All(doc.Quotes, q => Assert.Equal("person:Paul Stein", q.Speaker));
    }

    [Fact]
    public void QuotedNamesAndScareQuotes_AreNoQuotes()
    {
        var doc = Run("Wie der britische „Kurier“ schreibt, wurde die Rakete „Falke“ als „defensiv“ bezeichnet.");
        Assert.Empty(doc.Quotes);
        Assert.Contains(doc.Mentions, m => m.Id == "org:Kurier");
    }

    [Fact]
    public void EnglishQuoteInGermanText_GetsItsOwnLanguage()
    {
        var doc = Run("Der Gesandte sagte: „We will not allow any further deliveries of these weapons to the region.“");
        Assert.Equal("en", Assert.Single(doc.Quotes).Lang);
    }
}
