using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Text;

public class SentenceSplitterTests
{
    private static Document Split(string text, string lang = "de", Action<Document>? setup = null)
    {
        var abbreviations = lang == "en" ? TokenizerTests.English : TokenizerTests.German;
        var doc = new Document("t", text, lang);
        setup?.Invoke(doc);
        new Tokenizer(abbreviations).Process(doc);
        new SentenceSplitter(abbreviations).Process(doc);
        return doc;
    }

    private static string[] Sentences(string text, string lang = "de") =>
        Split(text, lang).Sentences.Select(s => text[s.Span.Start..s.Span.End]).ToArray();

    [Fact]
    public void SplitsAfterFinalPunctuation()
    {
        Assert.Equal(["Die Brigade rückte vor.", "Wer lieferte die Granaten?", "Niemand!", "Dann kam Ruhe…", "Später mehr."],
            Sentences("Die Brigade rückte vor. Wer lieferte die Granaten? Niemand! Dann kam Ruhe… Später mehr."));
    }

    [Fact]
    public void SetsTokenSentenceAndRanges()
    {
        var doc = Split("Erst dies. Dann das.");
        Assert.Equal("sentences", new SentenceSplitter(TokenizerTests.German).Name);
        Assert.Equal(2, doc.Sentences.Count);
        Assert.Equal((0, 3), (doc.Sentences[0].FirstToken, doc.Sentences[0].EndToken));
        Assert.Equal((3, 6), (doc.Sentences[1].FirstToken, doc.Sentences[1].EndToken));
        Assert.Equal([0, 0, 0, 1, 1, 1], doc.Tokens.Select(t => t.Sentence));
        Assert.Equal([0, 1], doc.Sentences.Select(s => s.Index));
        // Running again replaces the sentences.
        new SentenceSplitter(TokenizerTests.German).Process(doc);
        Assert.Equal(2, doc.Sentences.Count);
    }

    [Fact]
    public void NoSplitAfterAbbreviationsInitialsAndOrdinals()
    {
        Assert.Equal(["Geliefert wurden u. a. Granaten, z. B. von Dr. Roth bzw. ca. 40 Firmen."],
            Sentences("Geliefert wurden u. a. Granaten, z. B. von Dr. Roth bzw. ca. 40 Firmen."));
        Assert.Equal(["Am 1. Oktober und am 13. Sep. kamen Züge, im 5. Jahrhundert nicht."],
            Sentences("Am 1. Oktober und am 13. Sep. kamen Züge, im 5. Jahrhundert nicht."));
        Assert.Equal(["John F. Kennedy sprach in Berlin."], Sentences("John F. Kennedy sprach in Berlin."));
        Assert.Equal(["Officials in the U.S. agreed.", "Talks go on."], Sentences("Officials in the U.S. agreed. Talks go on.", "en"));
    }

    [Fact]
    public void SplitsAfterNumberAndAbbreviationAtSentenceEnd()
    {
        Assert.Equal(["Die Zahl stieg auf 40.", "Danach kam Ruhe."], Sentences("Die Zahl stieg auf 40. Danach kam Ruhe."));
        Assert.Equal(["Geliefert wurden Panzer, Haubitzen usw.", "Die Regierung schwieg."],
            Sentences("Geliefert wurden Panzer, Haubitzen usw. Die Regierung schwieg."));
        Assert.Equal(["Shares of Acme Inc.", "The firm declined."], Sentences("Shares of Acme Inc. The firm declined.", "en"));
    }

    [Fact]
    public void ClosingQuoteStaysWithTheSentence()
    {
        Assert.Equal(["Er sagte: „Wir liefern.“", "Dann ging er."], Sentences("Er sagte: „Wir liefern.“ Dann ging er."));
        Assert.Equal(["„Wirklich?“, fragte sie."], Sentences("„Wirklich?“, fragte sie."));
        Assert.Equal(["„Wann kommt die Lieferung?“ fragte sie."], Sentences("„Wann kommt die Lieferung?“ fragte sie."));
        Assert.Equal(["\"Really?\" he asked.", "Nobody knew."], Sentences("\"Really?\" he asked. Nobody knew.", "en"));
        Assert.Equal(["They said: “We will deliver.”", "Then they left."],
            Sentences("They said: “We will deliver.” Then they left.", "en"));
    }

    [Fact]
    public void SentenceMayStartWithQuote()
    {
        Assert.Equal(["Kiew wartet.", "„Wir brauchen mehr“, sagte er."], Sentences("Kiew wartet. „Wir brauchen mehr“, sagte er."));
    }

    [Fact]
    public void ColonDoesNotSplit()
    {
        Assert.Equal(["Die Liste: Panzer, Drohnen und Munition."], Sentences("Die Liste: Panzer, Drohnen und Munition."));
    }

    [Fact]
    public void LowerCaseContinuesGermanSentence()
    {
        Assert.Equal(["Er zögerte... dann lieferte er."], Sentences("Er zögerte... dann lieferte er."));
    }

    [Fact]
    public void EnglishLowerCaseAfterPeriodStartsSentence()
    {
        Assert.Equal(["the shipment left.", "it arrived later."], Sentences("the shipment left. it arrived later.", "en"));
    }

    [Fact]
    public void NewlineAlwaysEndsSentence()
    {
        var text = "Neue Panzer für Kiew\nBerlin sagt Hilfe zu\n\nDie Regierung kündigte an, mehr zu liefern. Details fehlen.";
        Assert.Equal(["Neue Panzer für Kiew", "Berlin sagt Hilfe zu", "Die Regierung kündigte an, mehr zu liefern.", "Details fehlen."],
            Sentences(text));
        Assert.Equal([0, 1, 2, 2], Split(text).Sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void UsesDocumentParagraphsWhenPresent()
    {
        // Two paragraphs given by the document: no sentence crosses the boundary even without punctuation.
        var text = "Titel ohne Punkt Die Meldung folgt. Noch ein Satz";
        var doc = Split(text, setup: d =>
        {
            d.Paragraphs.Add(new Paragraph(0, new TextSpan(0, 16), ParagraphKind.Title));
            d.Paragraphs.Add(new Paragraph(1, new TextSpan(17, text.Length), ParagraphKind.Body));
        });
        Assert.Equal(["Titel ohne Punkt", "Die Meldung folgt.", "Noch ein Satz"],
            doc.Sentences.Select(s => text[s.Span.Start..s.Span.End]));
        Assert.Equal([0, 1, 1], doc.Sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void MissingSpaceAfterPeriod()
    {
        Assert.Equal(["Es ist eine Drohne neuer Bauart.", "Kiew bestätigte das."],
            Sentences("Es ist eine Drohne neuer Bauart.Kiew bestätigte das."));
        Assert.Equal(["Er sagte, es sei.", "„Wir warten.“"], Sentences("Er sagte, es sei.„Wir warten.“"));
    }

    [Fact]
    public void EmptyDocument()
    {
        Assert.Empty(Split("").Sentences);
        Assert.Empty(Split("  \n\n ").Sentences);
    }
}
