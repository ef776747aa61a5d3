using System.Text;
using Lagebild.Knowledge;
using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Ingest;

/// <summary>ParagraphSegmenter on invented pages: every line is made up for these tests.</summary>
public sealed class ParagraphSegmenterTests
{
    private static readonly ParagraphSegmenter Segmenter = new(new TableSource());

    private static Document Segment(string text, string lang = "de")
    {
        var doc = new Document("t", text, lang);
        Segmenter.Process(doc);
        return doc;
    }

    /// <summary>The paragraph whose text starts with <paramref name="start"/>.</summary>
    private static Paragraph Find(Document doc, string start) =>
        doc.Paragraphs.Single(p => doc.Slice(p.Span).StartsWith(start, StringComparison.Ordinal));

    private static void AssertKind(Document doc, string start, ParagraphKind kind)
    {
        var p = Find(doc, start);
        Assert.True(p.Kind == kind, $"'{doc.Slice(p.Span)}' is {p.Kind} ({p.FurnitureReason}), expected {kind}");
    }

    private const string GermanPage = """
        12. März 2024, 08:15 Uhr
        Ausland
        Frachter bringt Ersatzteile nach Norden
        Frachter bringt Ersatzteile nach Norden
        Ein Frachter liegt im Hafen von Beispielstadt. (Foto)
        Ein Frachter liegt im Hafen von Beispielstadt. Anna Beispiel/AP/dpa
          • Behörden prüfen die Ladung
          • Reederei schweigt zu den Vorwürfen
        Ein Frachter hat nach Angaben der Küstenwache Ersatzteile für Kampfflugzeuge an Bord genommen. Die Reederei äußerte sich zunächst nicht.

        Lesen Sie auch:
        Zweiter Frachter in der Ostsee gestoppt

        Der Hafenmeister sagte, die Papiere seien unvollständig gewesen. Ein Foto des Schiffs kursierte danach in sozialen Netzwerken.
        Was die Ermittler jetzt prüfen
        Die Ermittler wollen die Fracht bis Freitag begutachten.
        Folgen Sie uns auf Facebook, Instagram und WhatsApp für alle Neuigkeiten.
        /abc/beispiel.de/xyz
        Hier lesen Sie mehr über die journalistischen Standards unseres Hauses.
        """;

    [Fact]
    public void GermanPage_FurnitureTitleHeadingsAndBody()
    {
        var doc = Segment(GermanPage);

        AssertKind(doc, "12. März 2024", ParagraphKind.Furniture);
        AssertKind(doc, "Ausland", ParagraphKind.Furniture);
        Assert.Equal(ParagraphKind.Title, doc.Paragraphs[2].Kind);
        Assert.Equal("Frachter bringt Ersatzteile nach Norden", doc.Title);
        Assert.Equal("duplicate of paragraph 2", doc.Paragraphs[3].FurnitureReason);
        Assert.Equal(ParagraphKind.Furniture, doc.Paragraphs[4].Kind); // caption "(Foto)"
        Assert.Equal(ParagraphKind.Furniture, doc.Paragraphs[5].Kind); // caption ending in a credit
        AssertKind(doc, "Behörden prüfen", ParagraphKind.Heading);
        AssertKind(doc, "Reederei schweigt", ParagraphKind.Heading);
        AssertKind(doc, "Ein Frachter hat nach Angaben", ParagraphKind.Body);
        AssertKind(doc, "Lesen Sie auch", ParagraphKind.Furniture);
        AssertKind(doc, "Zweiter Frachter", ParagraphKind.Furniture);
        AssertKind(doc, "Der Hafenmeister", ParagraphKind.Body); // mentions a photo in passing: still content
        AssertKind(doc, "Was die Ermittler", ParagraphKind.Heading);
        AssertKind(doc, "Die Ermittler wollen", ParagraphKind.Body);
        AssertKind(doc, "Folgen Sie", ParagraphKind.Furniture);
        AssertKind(doc, "/abc/", ParagraphKind.Furniture);
        AssertKind(doc, "Hier lesen Sie mehr", ParagraphKind.Furniture);
    }

    [Fact]
    public void Spans_ExcludeNewlinesIndentationAndBulletMarkers()
    {
        var doc = Segment(GermanPage);

        for (int i = 0; i < doc.Paragraphs.Count; i++)
        {
            var p = doc.Paragraphs[i];
            Assert.Equal(i, p.Index);
            var text = doc.Slice(p.Span);
            Assert.DoesNotContain('\n', text);
            Assert.Equal(text.Trim(), text);
            Assert.False(text.StartsWith('•'), text);
        }
        Assert.Equal("Behörden prüfen die Ladung", doc.Slice(Find(doc, "Behörden").Span));
    }

    [Fact]
    public void CommentPromptGluedToTitle_PromptIsFurniture_RestIsTitle()
    {
        var doc = Segment("Schreibe einen KommentarMinisterin verspricht neue Hilfe\nDie Ministerin kündigte am Dienstag weitere Lieferungen an.\nSchreibe einen Kommentar");

        Assert.Equal(ParagraphKind.Furniture, doc.Paragraphs[0].Kind);
        Assert.Equal("Schreibe einen Kommentar", doc.Slice(doc.Paragraphs[0].Span));
        Assert.Equal(ParagraphKind.Title, doc.Paragraphs[1].Kind);
        Assert.Equal("Ministerin verspricht neue Hilfe", doc.Slice(doc.Paragraphs[1].Span));
        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[2].Kind);
        Assert.Equal(ParagraphKind.Furniture, doc.Paragraphs[3].Kind);
    }

    [Fact]
    public void EnglishPage_CreditsPlugsBylinesAndTeasers()
    {
        var doc = Segment("""
            Search
            Allies pledge more air defence
            By Jane Example | Updated 14:05 GMT
            London, March 3
            Soldiers unload crates at an airfield (Photo: Example Ministry/Telegram)
            Several allies pledged new air defence systems on Monday, officials said.
            Read more: Talks on artillery stall again
            The systems are expected to arrive within weeks, a spokesperson said.
            Follow us on X and Telegram
            Subscribe to our newsletter
            © 2024 Example Media. All rights reserved.
            """, "en");

        AssertKind(doc, "Search", ParagraphKind.Furniture);
        AssertKind(doc, "Allies pledge", ParagraphKind.Title);
        AssertKind(doc, "By Jane Example", ParagraphKind.Furniture);
        AssertKind(doc, "London, March 3", ParagraphKind.Furniture);
        AssertKind(doc, "Soldiers unload", ParagraphKind.Furniture);
        AssertKind(doc, "Several allies", ParagraphKind.Body);
        AssertKind(doc, "Read more", ParagraphKind.Furniture);
        AssertKind(doc, "The systems", ParagraphKind.Body);
        AssertKind(doc, "Follow us", ParagraphKind.Furniture);
        AssertKind(doc, "Subscribe", ParagraphKind.Furniture);
        AssertKind(doc, "© 2024", ParagraphKind.Furniture);
    }

    [Fact]
    public void CaptionPrintedTwice_TheUncreditedCopyIsFurnitureToo()
    {
        var doc = Segment("""
            Neue Brücke eröffnet
            Die neue Brücke über den Fluss am Morgen der Eröffnung
            Die neue Brücke über den Fluss am Morgen der Eröffnung Bild: Max Beispiel/Beispielagentur
            Die Brücke wurde nach drei Jahren Bauzeit für den Verkehr freigegeben.
            """);

        Assert.Equal(ParagraphKind.Title, doc.Paragraphs[0].Kind);
        Assert.StartsWith("caption", doc.Paragraphs[1].FurnitureReason);
        Assert.Equal(ParagraphKind.Furniture, doc.Paragraphs[2].Kind);
        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[3].Kind);
    }

    [Fact]
    public void NearDuplicateParagraph_IsFurniture_NamingTheEarlierOne()
    {
        var doc = Segment("""
            Titel der Meldung
            Die Regierung hat am Montag ein neues Paket mit Munition und Ersatzteilen für die Armee beschlossen, sagte ein Sprecher.
            Ein anderer Absatz mit ganz anderem Inhalt über das Wetter und den Verkehr in der Hauptstadt.
            Die Regierung hat am Montag ein neues Paket mit Munition und Ersatzteilen für die Armee beschlossen, sagte ein Sprecher am Abend.
            """);

        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[1].Kind);
        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[2].Kind);
        Assert.Equal("duplicate of paragraph 1", doc.Paragraphs[3].FurnitureReason);
    }

    [Fact]
    public void Precision_OrdinaryContentStaysContent()
    {
        var doc = Segment("""
            Von der Leyen warnt vor neuen Lieferungen
            Die Behörden sperrten im Frühjahr Facebook und Instagram, berichtete die Zeitung.
            Ein Foto zeigt den Minister beim Besuch einer Fabrik, in der nach Angaben von Beobachtern Drohnen gebaut werden.
            Russland/Ukraine: Gespräche ohne Ergebnis
            HomeOffice-Regeln im Ministerium gelten weiter
            Der Bericht nennt Zahlen aus dem vergangenen Jahr (Foto: ein Lager im Norden des Landes), die das Ministerium bestätigte, und er beschreibt ausführlich, wie die Lieferungen über mehrere Häfen abgewickelt worden sein sollen, bevor sie an die Front gelangten. Die Regierung wies die Darstellung zurück und sprach von einer Kampagne ausländischer Medien gegen das Land.
            Ende des Berichts.
            """);

        AssertKind(doc, "Von der Leyen", ParagraphKind.Title);
        AssertKind(doc, "Die Behörden sperrten", ParagraphKind.Body);
        AssertKind(doc, "Ein Foto zeigt", ParagraphKind.Body);
        AssertKind(doc, "Russland/Ukraine", ParagraphKind.Heading);
        AssertKind(doc, "HomeOffice-Regeln", ParagraphKind.Heading); // a one-word cue ("Home") glued to a capital is a compound
        AssertKind(doc, "Der Bericht nennt", ParagraphKind.Body);
    }

    [Fact]
    public void LongLeadAsFirstLine_IsBodyNotTitle()
    {
        var lead = string.Join(' ', Enumerable.Repeat("Die Regierung kündigte am Montag neue Lieferungen an die Armee an.", 4));
        var doc = Segment(lead + "\nZweiter Absatz.");

        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[0].Kind);
        Assert.DoesNotContain(doc.Paragraphs, p => p.Kind == ParagraphKind.Title);
    }

    [Fact]
    public void TrailingEditorCode_IsCutFromTheLastBodySpan()
    {
        var doc = Segment("Titel\nDer Minister bestätigte die Lieferung am Donnerstag./abc/DE/xyz");
        Assert.Equal("Der Minister bestätigte die Lieferung am Donnerstag.", doc.Slice(doc.Paragraphs[1].Span));
    }

    [Fact]
    public void CutOffLastLine_IsBodyNotHeading()
    {
        var doc = Segment("Titel der Meldung\nEin erster Absatz mit einem ganzen Satz.\nDer Minister sagte am Abend, die Lieferung der");
        Assert.Equal(ParagraphKind.Body, doc.Paragraphs[^1].Kind);
    }

    [Fact]
    public void ProcessTwice_GivesTheSameParagraphs()
    {
        var doc = Segment(GermanPage);
        var first = doc.Paragraphs.ToList();
        Segmenter.Process(doc);
        Assert.Equal(first, doc.Paragraphs);
        Assert.Equal("paragraphs", Segmenter.Name);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void FurnitureTables_CarrySourceAndLicense(string lang)
    {
        using var stream = typeof(TableSource).Assembly.GetManifestResourceStream($"Lang/{lang}/furniture.tsv");
        Assert.NotNull(stream);
        var lines = new StreamReader(stream!, Encoding.UTF8).ReadToEnd().Split('\n');
        Assert.Equal("# source: Lagebild team", lines[0].TrimEnd('\r'));
        Assert.Equal("# license: CC0-1.0 (Lagebild project data)", lines[1].TrimEnd('\r'));
        var table = new TableSource().Load($"{lang}/furniture.tsv");
        Assert.Equal(["pattern", "kind"], table.Header);
        Assert.All(table.All(), row => Assert.Contains(row["kind"], new[] { "prefix", "contains", "line" }));
    }
}
