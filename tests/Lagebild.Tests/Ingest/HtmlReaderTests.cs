using System.Text;
using Lagebild.Ingest;
using Xunit;

namespace Lagebild.Tests.Ingest;

/// <summary>HTML pages written for these tests (invented content, not copied from any site).</summary>
public sealed class HtmlReaderTests
{
    private const string NewsPage = """
        <!DOCTYPE html>
        <html lang="de-DE">
        <head>
          <meta charset="utf-8">
          <title>Erfundene Schlagzeile zur Munition | Beispiel-Kurier</title>
          <meta property="og:title" content="Nordkorea liefert Russland erneut Granaten">
          <meta property="og:site_name" content="Beispiel-Kurier">
          <meta property="article:published_time" content="2024-03-04T08:15:00+01:00">
          <link rel="canonical" href="https://kurier.example.invalid/politik/granaten-123.html">
          <script>window.tracking = { page: "article" };</script>
          <style>.teaser { color: red; }</style>
        </head>
        <body>
          <header class="site-header"><nav><a href="/">Start</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav></header>
          <div id="cookie-banner">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. Alle akzeptieren oder einstellen.</div>
          <main>
            <article class="article">
              <h1>Nordkorea liefert Russland erneut Granaten</h1>
              <div class="article-meta"><time datetime="2024-03-04T08:15:00+01:00">4. März 2024</time></div>
              <div class="share-bar"><a href="#">Teilen</a> <a href="#">Drucken</a></div>
              <div class="article-body">
                <p>Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes erneut Artilleriegranaten an Russland geliefert, und zwar in großer Zahl.</p>
                <p>Die Lieferungen seien per Bahn über die gemeinsame Grenze erfolgt, sagte ein Sprecher in Seoul am Montag.</p>
                <figure><img src="zug.jpg" alt="Zug"><figcaption>Ein Güterzug an der Grenze. Foto: Beispiel-Agentur</figcaption></figure>
                <h2>Reaktion aus Moskau</h2>
                <p>Moskau bestreitet, Waffen aus Nordkorea zu beziehen. Der Kreml nannte die Berichte haltlos, wie schon mehrfach zuvor.</p>
                <p><a href="/related/1">Lesen Sie auch: Was bekommt Pjöngjang dafür?</a></p>
              </div>
            </article>
            <section class="related-articles">
              <h3>Mehr zum Thema</h3>
              <ul><li><a href="/a">Ein anderer Artikel über ein anderes Thema mit langem Titel</a></li><li><a href="/b">Noch ein Artikel mit einem sehr langen Titel zum Klicken</a></li></ul>
            </section>
            <section id="comments"><p>Leserkommentar: Das habe ich schon immer gesagt, und zwar seit Jahren, ganz ehrlich.</p></section>
          </main>
          <aside class="sidebar"><p>Anzeige: Jetzt das Abo für nur einen Euro im ersten Monat bestellen, jederzeit kündbar.</p></aside>
          <footer><p>Impressum · Datenschutz · © Beispiel-Kurier, alle Rechte vorbehalten, auch für die Vervielfältigung.</p></footer>
        </body>
        </html>
        """;

    private static Lagebild.Text.Document Ok(ReadResult r)
    {
        Assert.True(r.IsOk, r.Error?.ToString());
        return r.Document!;
    }

    [Fact]
    public void NewsPage_MetadataAndMainTextOnly()
    {
        var doc = Ok(HtmlReader.Read(NewsPage, "granaten", "granaten.html"));

        Assert.Equal("Nordkorea liefert Russland erneut Granaten", doc.Title);
        Assert.Equal("Beispiel-Kurier", doc.Outlet);
        Assert.Equal("https://kurier.example.invalid/politik/granaten-123.html", doc.Url);
        Assert.Equal("de", doc.Lang);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 8, 15, 0, TimeSpan.FromHours(1)), doc.Published);
        var lines = doc.Text.Split('\n');
        Assert.Equal("Nordkorea liefert Russland erneut Granaten", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.StartsWith("Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes", lines[2]);
        Assert.Contains("Reaktion aus Moskau", lines);
        Assert.Contains(lines, l => l.StartsWith("Moskau bestreitet", StringComparison.Ordinal));
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("Die Lieferungen", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("Moskau", StringComparison.Ordinal)));
        foreach (var furniture in new[] { "März 2024", "Cookies", "Politik", "Teilen", "Lesen Sie auch", "Mehr zum Thema", "Leserkommentar", "Abo", "Impressum", "tracking", "color", "Güterzug" })
            Assert.DoesNotContain(furniture, doc.Text);
    }

    [Fact]
    public void NewsPage_YieldsClaimsThroughTheExtractor()
    {
        var doc = Extractor.Create().Extract(Ok(HtmlReader.Read(NewsPage, "granaten")));

        Assert.Contains(doc.Claims, c => c.Supplier == "KP" && c.Recipient == "RU" && c.Item == "ammunition");
    }

    [Fact]
    public void JsonLd_GivesTitleDateAndPublisher_WhenMetaTagsAreMissing()
    {
        const string page = """
            <html><head><title>x</title>
            <script type="application/ld+json">{ "@context": "https://schema.org", "@graph": [
              { "@type": "WebSite", "name": "Example Site" },
              { "@type": ["NewsArticle"], "headline": "Iran ships drones to Russia", "datePublished": "2024-05-02T10:00:00Z",
                "inLanguage": "en", "publisher": { "@type": "Organization", "name": "Example Herald" },
                "url": "https://herald.example.invalid/world/drones" } ] }</script>
            <script type="application/ld+json">{ this is broken json, </script>
            </head><body><div class="story-text">
            <p>Iran has delivered several hundred attack drones to Russia this spring, according to an invented assessment.</p>
            <p>The drones were shipped across the Caspian Sea, the assessment says, in several batches over the months.</p>
            </div></body></html>
            """;

        var doc = Ok(HtmlReader.Read(page, "drones"));

        Assert.Equal("Iran ships drones to Russia", doc.Title);
        Assert.Equal("Example Herald", doc.Outlet);
        Assert.Equal("https://herald.example.invalid/world/drones", doc.Url);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 0, 0, TimeSpan.Zero), doc.Published);
        Assert.Equal("en", doc.Lang);
        Assert.Contains("Caspian Sea", doc.Text);
    }

    [Fact]
    public void Outlet_FallsBackToTheHost_AndTitleLosesTheSiteSuffix()
    {
        const string page = """
            <html><head><title>Minsk denies arms deliveries - Example Gazette Online</title>
            <meta property="og:url" content="https://www.gazette.example.co.uk/news/minsk">
            <meta name="date" content="2024-08-19"></head>
            <body><p>Belarus has rejected reports that it supplies Russia with ammunition from army stocks, officials said.</p></body></html>
            """;

        var doc = Ok(HtmlReader.Read(page, "minsk"));

        Assert.Equal("Minsk denies arms deliveries", doc.Title);
        Assert.Equal("example.co.uk", doc.Outlet);
        Assert.Equal(new DateTimeOffset(2024, 8, 19, 0, 0, 0, TimeSpan.Zero), doc.Published);
        Assert.EndsWith("officials said.", doc.Text);
    }

    [Fact]
    public void BrokenMarkup_StillGivesTheText()
    {
        const string page = "<html><head><title>Kaputte Seite</title><body><div class=content><p>Erster Absatz ohne Ende, mit Komma, und weiter " +
                            "<b>fett <i>kursiv</div></div></span><p>Zweiter Absatz & ein Ampersand &amp; ein Entity &ndash; und ein <br> Umbruch hier.</p>" +
                            "<table><tr><td>Zelle ohne Ende</table><p>Dritter Absatz ohne schließendes Tag.";

        var doc = Ok(HtmlReader.Read(page, "broken"));

        Assert.Equal("Kaputte Seite", doc.Title);
        Assert.Contains("Erster Absatz ohne Ende, mit Komma, und weiter fett kursiv", doc.Text);
        Assert.Contains("Zweiter Absatz & ein Ampersand & ein Entity – und ein", doc.Text);
        Assert.Contains("Umbruch hier.", doc.Text);
        Assert.EndsWith("Dritter Absatz ohne schließendes Tag.", doc.Text);
    }

    [Fact]
    public void DivSoup_WithLineBreaks_IsReadLineByLine()
    {
        const string page = """
            <html><body><div id="nav"><a href="/">Home</a> | <a href="/x">X</a></div>
            <div class="entry-content">Die Niederlande haben der Ukraine die ersten Kampfflugzeuge übergeben, teilte das Ministerium mit.<br><br>
            Norwegen und Dänemark haben ebenfalls Kampfflugzeuge zugesagt, hieß es am Dienstag in Den Haag.</div></body></html>
            """;

        var doc = Ok(HtmlReader.Read(page, "jets"));

        Assert.Equal("Die Niederlande haben der Ukraine die ersten Kampfflugzeuge übergeben, teilte das Ministerium mit.", doc.Title);
        Assert.Equal("Norwegen und Dänemark haben ebenfalls Kampfflugzeuge zugesagt, hieß es am Dienstag in Den Haag.", doc.Text.Split('\n')[^1]);
        Assert.DoesNotContain("Home", doc.Text);
    }

    [Fact]
    public void DeeplyNestedMarkup_DoesNotBreakTheReader()
    {
        const int depth = 5000;
        var page = "<html><head><title>Tief verschachtelt</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) +
                   "<p>Nordkorea liefert Russland Granaten, sagte ein Sprecher am Montag in Seoul.</p>" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

        var doc = Ok(HtmlReader.Read(page, "deep"));

        Assert.Equal("Tief verschachtelt", doc.Title);
        Assert.Contains("Nordkorea liefert Russland Granaten", doc.Text);
    }

    [Theory]
    [InlineData("<html><body><script>var a = 1;</script><nav><a href='/'>Start</a></nav></body></html>", "no article text found in the HTML")]
    [InlineData("<html><head><title>Nur ein Titel</title></head><body></body></html>", "no article text found in the HTML (only a title)")]
    [InlineData("   ", "no text")]
    public void PagesWithoutText_AreErrors(string page, string problem)
    {
        var r = HtmlReader.Read(page, "x", "x.html");

        Assert.False(r.IsOk);
        Assert.Equal(new IngestError("x.html", problem), r.Error);
    }

    [Fact]
    public void Files_DeclaredLatin1IsDecoded_UndeclaredBadBytesAreRefused()
    {
        using var dir = new TempDirectory();
        var body = "<p>Die Bundesregierung liefert der Ukraine weitere Flugabwehrsysteme, heißt es aus Berlin.</p>";
        var latin = dir.WriteBytes("latin.html", Encoding.Latin1.GetBytes($"<html><head><meta charset=\"iso-8859-1\"><title>Flugabwehr für Kiew</title></head><body>{body}</body></html>"));
        var bad = dir.WriteBytes("bad.html", Encoding.Latin1.GetBytes($"<html><body>{body}</body></html>"));
        var binary = dir.WriteBytes("binary.htm", [0x3C, 0x68, 0x00, 0x00, 0x01]);
        var empty = dir.Write("empty.html", "");

        var doc = Ok(HtmlReader.ReadFile(latin));
        Assert.Equal("Flugabwehr für Kiew", doc.Title);
        Assert.Contains("heißt es aus Berlin", doc.Text);
        Assert.Equal("latin", doc.Id);
        Assert.StartsWith("not valid UTF-8", HtmlReader.ReadFile(bad).Error!.Problem);
        Assert.Equal("binary file (NUL bytes)", HtmlReader.ReadFile(binary).Error!.Problem);
        Assert.Equal("empty file", HtmlReader.ReadFile(empty).Error!.Problem);
        Assert.StartsWith("file too large", HtmlReader.ReadFile(latin, new ReadOptions { MaxFileBytes = 100 }).Error!.Problem);
    }

    [Fact]
    public void IngestInputs_PickHtmlFromDirectories()
    {
        using var dir = new TempDirectory();
        dir.Write("a.html", NewsPage);
        dir.Write("b.txt", "Titel\n\nText.");
        dir.Write("c.png", "not an image");

        var (files, errors) = IngestInputs.Expand([dir.Path]);

        Assert.Empty(errors);
        Assert.Equal(["a.html", "b.txt"], files.Select(Path.GetFileName));
        Assert.Equal("Beispiel-Kurier", Ok(Assert.Single(IngestInputs.ReadFile(files[0]))).Outlet);
    }
}
