using Lagebild.Knowledge;
using Lagebild.Text;
using Xunit;

namespace Lagebild.Tests.Text;

public class TokenizerTests
{
    internal static readonly Abbreviations German = new(
        ["bzw.", "Dr.", "Nr.", "ca.", "usw.", "etc.", "Str.", "z. B.", "u. a.", "d. h.", "v. Chr."], "de");
    internal static readonly Abbreviations English = new(["Mr.", "Dr.", "Inc.", "No.", "etc.", "e.g."], "en");

    private static List<Token> Tokenize(string text, string lang = "de")
    {
        var doc = new Document("t", text, lang);
        new Tokenizer(lang == "en" ? English : German).Process(doc);
        foreach (var t in doc.Tokens) Assert.Equal(text[t.Start..t.End], t.Text);
        return doc.Tokens;
    }

    private static string[] Texts(string text, string lang = "de") => Tokenize(text, lang).Select(t => t.Text).ToArray();

    private static TokenKind KindOf(string text, string token, string lang = "de") =>
        Tokenize(text, lang).First(t => t.Text == token).Kind;

    [Fact]
    public void OffsetsIndicesAndClearing()
    {
        var doc = new Document("t", "Die Armee meldet: 12 Panzer.", "de");
        var tokenizer = new Tokenizer(German);
        Assert.Equal("tokenizer", tokenizer.Name);
        tokenizer.Process(doc);
        tokenizer.Process(doc);
        Assert.Equal(["Die", "Armee", "meldet", ":", "12", "Panzer", "."], doc.Tokens.Select(t => t.Text));
        for (int i = 0; i < doc.Tokens.Count; i++)
        {
            Assert.Equal(i, doc.Tokens[i].Index);
            Assert.Equal(doc.Text[doc.Tokens[i].Start..doc.Tokens[i].End], doc.Tokens[i].Text);
        }
    }

    [Fact]
    public void AbbreviationsKeepTheirPeriod()
    {
        Assert.Equal(["Geliefert", "wurden", "u.", "a.", "Granaten", "bzw.", "Zünder", "von", "Dr.", "Roth", "."],
            Texts("Geliefert wurden u. a. Granaten bzw. Zünder von Dr. Roth."));
        Assert.Equal(["Waffen", ",", "z.", "B.", "Drohnen", ",", "d.", "h.", "billige", "Ziele", "."],
            Texts("Waffen, z. B. Drohnen, d. h. billige Ziele."));
        Assert.Equal(["z.B.", "Mörser"], Texts("z.B. Mörser"));
        Assert.Equal(["im", "Jahr", "300", "v.", "Chr.", "gebaut"], Texts("im Jahr 300 v. Chr. gebaut"));
        Assert.Equal(["Lager", "in", "der", "Hafen-Str.", "4"], Texts("Lager in der Hafen-Str. 4"));
    }

    [Fact]
    public void InitialsAndUsUn()
    {
        Assert.Equal(["John", "F.", "Kennedy", "sprach", "."], Texts("John F. Kennedy sprach."));
        Assert.Equal(["The", "U.S.", "and", "the", "U.N.", "agreed", "."], Texts("The U.S. and the U.N. agreed.", "en"));
        Assert.Equal(["e.g.", "drones"], Texts("e.g. drones", "en"));
    }

    [Fact]
    public void OrdinalsAndDates()
    {
        Assert.Equal(["Am", "1.", "Oktober", "und", "am", "13.", "Sep", "kamen", "Züge", "."],
            Texts("Am 1. Oktober und am 13. Sep kamen Züge."));
        Assert.Equal(["seit", "dem", "19.", "Oktober"], Texts("seit dem 19. Oktober"));
        Assert.Equal(["im", "5.", "Jahrhundert", "und", "der", "2.", "und", "3.", "Tag"],
            Texts("im 5. Jahrhundert und der 2. und 3. Tag"));
        Assert.Equal(["Karl", "IV.", "zog", "ab"], Texts("Karl IV. zog ab"));
        // A number that ends the sentence keeps the period apart.
        Assert.Equal(["Die", "Zahl", "stieg", "auf", "40", ".", "Danach", "kam", "Ruhe", "."],
            Texts("Die Zahl stieg auf 40. Danach kam Ruhe."));
        Assert.Equal(["im", "Jahr", "2022", ".", "Die", "Lage"], Texts("im Jahr 2022. Die Lage"));
        Assert.Equal(["Das", "war", "am", "24.02.2022", "."], Texts("Das war am 24.02.2022."));
        Assert.Equal(TokenKind.Number, KindOf("am 1. Oktober", "1."));
    }

    [Fact]
    public void Numbers()
    {
        Assert.Equal(["1,5", "Millionen", "und", "800", "000", "Schuss"], Texts("1,5 Millionen und 800 000 Schuss"));
        Assert.Equal(["155", "mm", ",", "2'000", "Stück", ",", "605", "Prozent"], Texts("155 mm, 2'000 Stück, 605 Prozent"));
        Assert.Equal(["3.000", "Soldaten", "und", "12.5", "%"], Texts("3.000 Soldaten und 12.5%"));
        Assert.Equal(["$", "300", "million", "or", "€", "2", "bn"], Texts("$300 million or €2bn", "en"));
        Assert.Equal(["um", "8:30", "Uhr", ",", "die", "1990er"], Texts("um 8:30 Uhr, die 1990er"));
        Assert.Equal(TokenKind.Number, KindOf("1,5 Millionen", "1,5"));
        Assert.Equal(TokenKind.Symbol, KindOf("für 40 €", "€"));
        Assert.Equal(TokenKind.Symbol, KindOf("12 %", "%"));
    }

    [Fact]
    public void GermanQuotes()
    {
        var tokens = Tokenize("„Wir liefern“, sagte er. Er sprach von ‚Hilfe‘.");
        Assert.Equal(TokenKind.OpenQuote, tokens.First(t => t.Text == "„").Kind);
        Assert.Equal(TokenKind.CloseQuote, tokens.First(t => t.Text == "“").Kind);
        Assert.Equal(TokenKind.OpenQuote, tokens.First(t => t.Text == "‚").Kind);
        Assert.Equal(TokenKind.CloseQuote, tokens.First(t => t.Text == "‘").Kind);
        // Closing “ glued to the next word after a missing space: the open „ decides.
        var glued = Tokenize("Er sagte „Nein.“Dann ging er.");
        Assert.Equal(TokenKind.CloseQuote, glued.First(t => t.Text == "“").Kind);
    }

    [Fact]
    public void GuillemetsInBothDirections()
    {
        var swiss = Tokenize("Er nannte es «Hilfe» und ‹Pflicht›.");
        Assert.Equal(TokenKind.OpenQuote, swiss.First(t => t.Text == "«").Kind);
        Assert.Equal(TokenKind.CloseQuote, swiss.First(t => t.Text == "»").Kind);
        Assert.Equal(TokenKind.OpenQuote, swiss.First(t => t.Text == "‹").Kind);
        Assert.Equal(TokenKind.CloseQuote, swiss.First(t => t.Text == "›").Kind);
        var german = Tokenize("Er nannte es »Hilfe« heute.");
        Assert.Equal(TokenKind.OpenQuote, german.First(t => t.Text == "»").Kind);
        Assert.Equal(TokenKind.CloseQuote, german.First(t => t.Text == "«").Kind);
    }

    [Fact]
    public void EnglishAndStraightQuotes()
    {
        var curly = Tokenize("“We deliver,” he said, calling it ‘urgent’.", "en");
        Assert.Equal(TokenKind.OpenQuote, curly.First(t => t.Text == "“").Kind);
        Assert.Equal(TokenKind.CloseQuote, curly.First(t => t.Text == "”").Kind);
        Assert.Equal(TokenKind.OpenQuote, curly.First(t => t.Text == "‘").Kind);
        Assert.Equal(TokenKind.CloseQuote, curly.First(t => t.Text == "’").Kind);

        var straight = Tokenize("He said \"no\" and 'maybe'.", "en");
        Assert.Equal([TokenKind.OpenQuote, TokenKind.CloseQuote], straight.Where(t => t.Text == "\"").Select(t => t.Kind));
        Assert.Equal([TokenKind.OpenQuote, TokenKind.CloseQuote], straight.Where(t => t.Text == "'").Select(t => t.Kind));
        Assert.Equal(["He", "said", "\"", "no", "\"", "and", "'", "maybe", "'", "."], straight.Select(t => t.Text));
    }

    [Fact]
    public void StraightQuoteWithoutContextIsAmbiguous()
    {
        Assert.Equal(TokenKind.AmbiguousQuote, KindOf("Typ a\"b", "\""));
        Assert.Equal(TokenKind.AmbiguousQuote, KindOf("Dann \" kam", "\""));
        // After an opening quote, a lone " closes.
        Assert.Equal([TokenKind.OpenQuote, TokenKind.CloseQuote],
            Tokenize("Er sagte \"ja \" laut").Where(t => t.Text == "\"").Select(t => t.Kind));
    }

    [Fact]
    public void ApostrophesAreNotQuotes()
    {
        Assert.Equal(["Putin", "'s", "army", "does", "n't", "fight", ",", "we", "ca", "n't", "say", "o'clock"],
            Texts("Putin's army doesn't fight, we can't say o'clock", "en"));
        Assert.Equal(["China", "'s", "and", "China", "’s", "exports"], Texts("China's and China’s exports", "en"));
        Assert.Equal(["We", "do", "n't", "know", ",", "they", "’re", "sure", "and", "I", "'m", "not"],
            Texts("We don't know, they’re sure and I'm not", "en"));
        Assert.Equal(["the", "soldiers", "'", "rifles"], Texts("the soldiers' rifles", "en"));
        Assert.Equal(TokenKind.Punctuation, KindOf("the soldiers' rifles", "'", "en"));
        Assert.Equal(["O'Brien", "and", "2'000", "men"], Texts("O'Brien and 2'000 men", "en"));
        Assert.Equal(["Thutmosis'", "Grab"], Texts("Thutmosis' Grab"));
        Assert.DoesNotContain(Tokenize("Putin's army", "en"), t => t.IsQuote);
    }

    [Fact]
    public void CannotIsTwoWordsInEnglish()
    {
        Assert.Equal(["They", "can", "not", "stop"], Texts("They cannot stop", "en"));
    }

    [Fact]
    public void HyphenatedCompoundsStayWhole()
    {
        Assert.Equal(["Ein", "US-Diplomat", "nannte", "Dual-Use-Technologien", ",", "T-72A-Panzern", ",", "IRIS-T", "und", "F-16", "."],
            Texts("Ein US-Diplomat nannte Dual-Use-Technologien, T-72A-Panzern, IRIS-T und F-16."));
        Assert.Equal(["Der", "Kreml-Sprecher", "sprach", "von", "30-jährigen", "Verträgen"],
            Texts("Der Kreml-Sprecher sprach von 30-jährigen Verträgen"));
    }

    [Fact]
    public void TruncatedCompoundsKeepTheirHyphen()
    {
        Assert.Equal(["Raketen-", "und", "Drohnenabwehr"], Texts("Raketen- und Drohnenabwehr"));
        Assert.Equal(["Panzer-", ",", "U-Boot-", ",", "und", "Flugzeugbau"], Texts("Panzer-, U-Boot-, und Flugzeugbau"));
    }

    [Fact]
    public void DashesArePunctuation()
    {
        var tokens = Tokenize("Kiew - so heißt es – erhält Hilfe—vorerst. Dann -- nichts.");
        Assert.Equal(["Kiew", "-", "so", "heißt", "es", "–", "erhält", "Hilfe", "—", "vorerst", ".", "Dann", "--", "nichts", "."],
            tokens.Select(t => t.Text));
        Assert.All(tokens.Where(t => t.Text is "-" or "–" or "—" or "--"), t => Assert.Equal(TokenKind.Punctuation, t.Kind));
    }

    [Fact]
    public void UrlsAndEmailAddresses()
    {
        Assert.Equal(["Mehr", "unter", "https://www.example.org/a/b?id=7", "."], Texts("Mehr unter https://www.example.org/a/b?id=7."));
        Assert.Equal(["(", "www.example.de", ")"], Texts("(www.example.de)"));
        Assert.Equal(["Kontakt", ":", "presse@example-news.de", "oder", "Max.Muster@example.com", "."],
            Texts("Kontakt: presse@example-news.de oder Max.Muster@example.com."));
        Assert.Equal(["laut", "bild.de", "."], Texts("laut bild.de."));
    }

    [Fact]
    public void HtmlRemnantsAreSymbols()
    {
        var tokens = Tokenize("Foto: <span class=\"copyright\">dpa</span><br/> Text a < b");
        Assert.Equal(["Foto", ":", "<span class=\"copyright\">", "dpa", "</span>", "<br/>", "Text", "a", "<", "b"],
            tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.Symbol, tokens[2].Kind);
        Assert.Equal(TokenKind.Symbol, tokens[4].Kind);
        Assert.Equal(TokenKind.Symbol, tokens[5].Kind);
    }

    [Fact]
    public void MissingSpaceAfterPeriod()
    {
        Assert.Equal(["neuer", "Bauart", ".", "Kiew", "bestätigte"], Texts("neuer Bauart.Kiew bestätigte"));
        Assert.Equal(["es", "sei", ".", "„", "Wir"], Texts("es sei.„Wir"));
    }

    [Fact]
    public void KindsOfTokens()
    {
        var tokens = Tokenize("Die 3 Panzer (T-72) kosten 5 Mio. € + Munition!");
        Assert.Equal(TokenKind.Word, tokens.First(t => t.Text == "Panzer").Kind);
        Assert.Equal(TokenKind.Number, tokens.First(t => t.Text == "3").Kind);
        Assert.Equal(TokenKind.Word, tokens.First(t => t.Text == "T-72").Kind);
        Assert.Equal(TokenKind.Punctuation, tokens.First(t => t.Text == "(").Kind);
        Assert.Equal(TokenKind.Punctuation, tokens.First(t => t.Text == "!").Kind);
        Assert.Equal(TokenKind.Symbol, tokens.First(t => t.Text == "+").Kind);
    }

    [Fact]
    public void EnglishNoIsAnAbbreviationOnlyBeforeANumber()
    {
        Assert.Equal(["No.", "5", "said", "no", "."], Texts("No. 5 said no.", "en"));
        Assert.Equal(["They", "said", "No", ".", "Then"], Texts("They said No. Then", "en"));
    }

    [Fact]
    public void ShippedTablesLoad()
    {
        var de = Abbreviations.Load(new TableSource(), "de");
        var en = Abbreviations.Load(new TableSource(), "en");
        Assert.True(de.Contains("bzw."));
        Assert.True(de.IsFirstPart("z") && de.IsLastPart("B"));
        Assert.True(en.Contains("Inc."));
        Assert.Equal(["rund", "ca.", "30", "Mio.", "Euro"], Texts2(de, "rund ca. 30 Mio. Euro"));
    }

    private static string[] Texts2(Abbreviations abbreviations, string text)
    {
        var doc = new Document("t", text, abbreviations.Lang);
        new Tokenizer(abbreviations).Process(doc);
        return doc.Tokens.Select(t => t.Text).ToArray();
    }
}
