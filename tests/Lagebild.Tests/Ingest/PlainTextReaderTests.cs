using Lagebild.Ingest;
using Xunit;

namespace Lagebild.Tests.Ingest;

public sealed class PlainTextReaderTests
{
    private static Lagebild.Text.Document ReadOk(string text, string id = "a001")
    {
        var result = PlainTextReader.Read(text, id);
        Assert.True(result.IsOk, result.ToString());
        return result.Document!;
    }

    [Fact]
    public void PlainArticle_FirstLineIsTitle_TextIsTitleBlankLineBody()
    {
        var doc = ReadOk("\n\nMinisterium prüft neue Exporte\nDie Regierung berät am Montag.\nEine Entscheidung fällt später.\n\nZweiter Absatz.\n");

        Assert.Equal("a001", doc.Id);
        Assert.Equal("Ministerium prüft neue Exporte", doc.Title);
        Assert.Equal("Ministerium prüft neue Exporte\n\nDie Regierung berät am Montag.\nEine Entscheidung fällt später.\n\nZweiter Absatz.", doc.Text);
        Assert.Equal("de", doc.Lang);
        Assert.Null(doc.Url);
    }

    [Fact]
    public void DevSetHeader_GivesUrlLanguageOutletAndTitle()
    {
        var text = "URL: https://de.nachrichten.example.com/politik/artikel-123.html\nLANG: en\n\nShips leave the harbour\n\nThe ships left on Monday.\n";
        var doc = ReadOk(text, "d900");

        Assert.Equal("https://de.nachrichten.example.com/politik/artikel-123.html", doc.Url);
        Assert.Equal("en", doc.Lang);
        Assert.Equal("example.com", doc.Outlet);
        Assert.Equal("Ships leave the harbour", doc.Title);
        Assert.Equal("Ships leave the harbour\n\nThe ships left on Monday.", doc.Text);
    }

    [Fact]
    public void OptionalHeaders_TitleDateOutlet_AreTolerated()
    {
        var text = "TITLE: Neue Lieferung angekündigt\nDATE: 2024-05-03\nOUTLET: Beispielblatt\nURL: https://www.example.co.uk/x\n\n"
                   + "Neue Lieferung angekündigt\nDer Minister sagte das am Freitag.";
        var doc = ReadOk(text);

        Assert.Equal("Neue Lieferung angekündigt", doc.Title);
        Assert.Equal("Neue Lieferung angekündigt\n\nDer Minister sagte das am Freitag.", doc.Text);
        Assert.Equal("Beispielblatt", doc.Outlet);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), doc.Published);
    }

    [Fact]
    public void HtmlTagsAndEntities_AreRemovedButInnerTextKept()
    {
        var doc = ReadOk("Titel &amp; Untertitel\nEin Satz mit &quot;Zitat&quot; und &#8220;mehr&#8221;.<span class=\"credit\">Max Muster/AP</span>\n");

        Assert.Equal("Titel & Untertitel", doc.Title);
        Assert.Contains("Ein Satz mit \"Zitat\" und \u201Cmehr\u201D.Max Muster/AP", doc.Text);
        Assert.DoesNotContain("<", doc.Text);
    }

    [Fact]
    public void Normalisation_CrLfBomNbspAndNfc()
    {
        var doc = ReadOk("\uFEFFU\u0308berschrift\r\nErster\u00A0Satz mit Ma\u0308rz.\r\n");

        Assert.Equal("Überschrift\n\nErster Satz mit März.", doc.Text);
        Assert.DoesNotContain('\r', doc.Text);
    }

    [Fact]
    public void LanguageGuess_CountsFunctionWords()
    {
        Assert.Equal("en", ReadOk("Headline here\nThe minister said that the plan is ready and the talks continue with the allies.").Lang);
        Assert.Equal("de", ReadOk("Überschrift hier\nDer Minister sagte, dass die Pläne nicht fertig sind und die Gespräche mit den Partnern weitergehen.").Lang);
    }

    [Fact]
    public void HeaderWithoutArticle_IsAnError()
    {
        var result = PlainTextReader.Read("URL: https://example.org/a\nLANG: de\n\n", "x", "x.txt");

        Assert.False(result.IsOk);
        Assert.Equal("x.txt", result.Error!.Source);
        Assert.Contains("no article text", result.Error.Problem);
    }

    [Theory]
    [InlineData("https://de.nachrichten.yahoo.com/a.html", "yahoo.com")]
    [InlineData("https://www.bbc.co.uk/news/1", "bbc.co.uk")]
    [InlineData("https://english.nv.ua/nation/x", "nv.ua")]
    [InlineData("https://www.anews.com.tr/world/x", "anews.com.tr")]
    [InlineData("https://orf.at/stories/1/", "orf.at")]
    [InlineData("not a url", null)]
    public void OutletFromUrl_KeepsTheRegistrableDomain(string url, string? outlet) =>
        Assert.Equal(outlet, ArticleMetadata.OutletFromUrl(url));
}
