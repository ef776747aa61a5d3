using System.IO.Compression;
using System.Text;
using Lagebild.Cli.Commands;
using Lagebild.Ingest;
using Lagebild.Tests.Ingest;
using Lagebild.Text;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Text;

/// <summary>A test that needs ../shared/data and ../shared/eval; skipped with a message when they are not there.</summary>
public sealed class LangIdSharedDataFactAttribute : FactAttribute
{
    public LangIdSharedDataFactAttribute()
    {
        if (SharedData.Combine("data") is not { } data || !Directory.Exists(data)) Skip = SharedData.Missing;
    }
}

public sealed class LanguageIdentifierTests(ITestOutputHelper output)
{
    // All sentences here are written for these tests.
    private static readonly string[] GermanTraining =
    [
        "Der Zug nach Hamburg fährt heute später ab, weil die Strecke gesperrt ist.",
        "Wir haben uns am Wochenende mit den Nachbarn zum Grillen im Garten getroffen.",
        "Die Regierung will im nächsten Jahr mehr Geld für die Schulen ausgeben.",
        "Ich weiß nicht, ob das Wetter morgen besser wird als heute.",
        "Nach dem Spiel feierten die Zuschauer noch lange auf dem Marktplatz.",
        "Das neue Gesetz soll die Mieten in den großen Städten begrenzen.",
        "Sie hat sich gefreut, dass ihre Schwester endlich wieder zu Hause ist.",
        "Über die Brücke dürfen ab Montag keine schweren Lastwagen mehr fahren.",
    ];

    private static readonly string[] EnglishTraining =
    [
        "The train to Boston is running late because of a signal problem near the station.",
        "We spent the weekend with our neighbours and had a barbecue in the garden.",
        "The government wants to spend more money on schools next year.",
        "I don't know whether the weather will be any better tomorrow than today.",
        "After the game the fans were celebrating in the town square until midnight.",
        "The new law is supposed to limit rents in the biggest cities.",
        "She was happy that her sister had finally come back home.",
        "From Monday heavy trucks will no longer be allowed to cross the bridge.",
    ];

    private static LanguageIdentifier TinyModel()
    {
        var trainer = new LanguageProfileTrainer();
        trainer.AddRange("de", GermanTraining);
        trainer.AddRange("en", EnglishTraining);
        return trainer.Build(new LanguageProfileOptions { MinCount = 1, TopPerLanguage = 5000, MinLetters = 3 });
    }

    [Theory]
    [InlineData("Die Kinder spielen nach der Schule im Park.", "de")]
    [InlineData("Morgen wird es wieder wärmer und sonniger.", "de")]
    [InlineData("The children are playing in the park after school.", "en")]
    [InlineData("Tomorrow it will be warmer and sunnier again.", "en")]
    public void TinyInventedCorpus_IsLearned(string text, string expected)
    {
        var model = TinyModel();

        Assert.Equal(["de", "en"], model.Languages);
        var guess = model.Identify(text);
        Assert.Equal(expected, guess.Lang);
        Assert.InRange(guess.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void TinyModel_ThirdLanguage_IsJustAnotherColumn()
    {
        var trainer = new LanguageProfileTrainer();
        trainer.AddRange("de", GermanTraining);
        trainer.AddRange("en", EnglishTraining);
        // An invented language with its own letter patterns.
        trainer.AddRange("xq", ["zuqo vaxiq zuqo merxaq tolvix", "vaxiq qoz merxaq zuqolo tixaq", "merxaq tolvix qozaq vaxiqo zuq"]);
        var model = trainer.Build(new LanguageProfileOptions { MinCount = 1, MinLetters = 3 });

        Assert.Equal(3, model.Languages.Count);
        Assert.Equal("xq", model.Identify("tolvix zuqo qozaq merxaq").Lang);
        Assert.Equal("en", model.Identify("The bridge is closed for heavy trucks.").Lang);
    }

    [Fact]
    public void SaveAndReload_GiveTheSamePredictions()
    {
        var model = TinyModel().WithTemperature(3.5);
        var probes = new[]
        {
            "Die Kinder spielen im Park.", "The children play in the park.", "Garten garden", "Ja", "Москва сегодня", "",
            "Er sagte: \"We will not give up.\"",
        };

        var first = new MemoryStream();
        model.Save(first);
        var reloaded = LanguageIdentifier.Load(new MemoryStream(first.ToArray()), "memory");
        var second = new MemoryStream();
        reloaded.Save(second);

        Assert.Equal(first.ToArray(), second.ToArray()); // deterministic bytes
        Assert.Equal(model.Size, reloaded.Size);
        Assert.Equal(model.Temperature, reloaded.Temperature);
        Assert.Equal(model.MinLetters, reloaded.MinLetters);
        foreach (var p in probes) Assert.Equal(model.Identify(p), reloaded.Identify(p));

        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "sub", "tiny.tsv.gz");
        model.Save(path);
        var fromFile = LanguageIdentifier.Load(path);
        foreach (var p in probes) Assert.Equal(model.Identify(p), fromFile.Identify(p));
    }

    [Fact]
    public void UncompressedProfile_IsReadToo()
    {
        var model = TinyModel();
        var gz = new MemoryStream();
        model.Save(gz);
        var plain = Decompress(gz.ToArray());

        var reloaded = LanguageIdentifier.Load(new MemoryStream(plain), "plain");

        Assert.Equal(model.Identify("The park is closed.").Lang, reloaded.Identify("The park is closed.").Lang);
    }

    [Fact]
    public void CorruptProfile_GivesAClearError()
    {
        var gz = new MemoryStream();
        TinyModel().Save(gz);
        var bytes = gz.ToArray();
        var text = Encoding.UTF8.GetString(Decompress(bytes));

        // Truncated gzip.
        var e1 = Assert.Throws<LanguageModelException>(() => LanguageIdentifier.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), "half.gz"));
        Assert.Contains("half.gz", e1.Message);

        // Not a profile at all.
        var e2 = Assert.Throws<LanguageModelException>(() => LanguageIdentifier.Load(new MemoryStream("hello\tworld\n"u8.ToArray()), "other.tsv"));
        Assert.Contains("other.tsv: line 1: not a language profile", e2.Message);

        // A count that is not a number, with the line it is on.
        var lines = text.Split('\n');
        int row = Array.FindIndex(lines, l => l.StartsWith("ngrams\t")) + 2;
        lines[row] = lines[row].Split('\t')[0] + "\tmany\t1";
        var e3 = Assert.Throws<LanguageModelException>(() => LanguageIdentifier.Load(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), "bad.tsv"));
        Assert.Contains($"bad.tsv: line {row + 1}: count 'many'", e3.Message);

        // Rows missing at the end.
        var cut = string.Join('\n', text.Split('\n')[..^10]);
        var e4 = Assert.Throws<LanguageModelException>(() => LanguageIdentifier.Load(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "short.tsv"));
        Assert.Contains("truncated", e4.Message);

        // A missing file.
        var e5 = Assert.Throws<LanguageModelException>(() => LanguageIdentifier.Load("/nonexistent/langid.tsv.gz"));
        Assert.Contains("/nonexistent/langid.tsv.gz", e5.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ja.")]
    [InlineData("OK, 42!")]
    [InlineData("12.05.2024 – 17:30 Uhr")]
    [InlineData("Москва и Пекин подписали новое соглашение о сотрудничестве.")]
    [InlineData("北京和莫斯科签署了新的合作协议。")]
    public void ShortOrNonLatinText_IsUndetermined(string text)
    {
        var guess = LanguageIdentifier.Default.Identify(text);

        Assert.Equal(LanguageIdentifier.Undetermined, guess.Lang);
        Assert.False(guess.IsDetermined);
        Assert.Equal(0, guess.Confidence);
        Assert.Empty(LanguageIdentifier.Default.Rank(text));
    }

    [Theory]
    [InlineData("Die Regierung hat am Dienstag neue Sanktionen gegen mehrere Firmen beschlossen.", "de")]
    [InlineData("Laut dem Bericht wurden die Teile über Drittstaaten geliefert.", "de")]
    [InlineData("Außenministerin warnt vor weiteren Lieferungen", "de")]
    [InlineData("The ministry said on Tuesday that it had imposed new sanctions on several companies.", "en")]
    [InlineData("According to the report, the parts were shipped through third countries.", "en")]
    [InlineData("Officials deny weapons deliveries", "en")]
    public void BuiltInProfile_KnowsGermanAndEnglish(string text, string expected)
    {
        var guess = LanguageIdentifier.Default.Identify(text);

        Assert.Equal(expected, guess.Lang);
        Assert.True(guess.Confidence > 0.9, guess.ToString());
        var ranked = LanguageIdentifier.Default.Rank(text);
        Assert.Equal(expected, ranked[0].Lang);
        Assert.Equal(1.0, ranked.Sum(r => r.Confidence), 6);
    }

    [Fact]
    public void QuoteSpan_GetsItsOwnLanguage()
    {
        const string text = "Der Sprecher des Ministeriums sagte am Abend: \"We have never supplied any weapons to either side.\" "
                            + "Er wollte sich danach nicht weiter äußern.";
        int start = text.IndexOf('"') + 1, end = text.IndexOf('"', start);

        Assert.Equal("de", LanguageIdentifier.Default.Identify(text).Lang);
        Assert.Equal("en", LanguageIdentifier.Default.Identify(text.AsSpan(start, end - start)).Lang);
    }

    [Fact]
    public void Confidence_GrowsWithEvidence()
    {
        var id = LanguageIdentifier.Default;
        var shortGuess = id.Identify("mit dem Auto");
        var longGuess = id.Identify("Wir sind gestern mit dem Auto nach Leipzig gefahren und haben dort Freunde besucht.");

        Assert.Equal("de", shortGuess.Lang);
        Assert.True(longGuess.Confidence > shortGuess.Confidence, $"{shortGuess} vs {longGuess}");
    }

    [Fact]
    public void Default_IsLoadedOnceFromTheEmbeddedProfile()
    {
        Assert.Same(LanguageIdentifier.Default, LanguageIdentifier.Default);
        Assert.Equal(["de", "en"], LanguageIdentifier.Default.Languages);
        Assert.NotNull(typeof(LanguageIdentifier).Assembly.GetManifestResourceStream(LanguageIdentifier.ResourceName));
    }

    [Fact]
    public void Readers_UseTheIdentifierWhenNoLanguageIsGiven()
    {
        Assert.Equal("en", PlainTextReader.Read("Weather warning\nHeavy rain is expected across the north of the country tonight.", "w1").Document!.Lang);
        Assert.Equal("de", PlainTextReader.Read("Unwetterwarnung\nIm Norden des Landes wird heute Nacht starker Regen erwartet.", "w2").Document!.Lang);
        Assert.Equal("en", PlainTextReader.Read("LANG: en\n\nUnwetterwarnung\nIm Norden wird Regen erwartet.", "w3").Document!.Lang);
        var json = JsonLinesReader.Read("{\"text\": \"Heavy rain is expected across the north tonight.\"}", "feed.jsonl").Single();
        Assert.Equal("en", json.Document!.Lang);
    }

    [Fact]
    public void UdReaders_RebuildSentences()
    {
        using var dir = new TempDirectory();
        var pos = Path.Combine(dir.Path, "tiny.conllu.pos");
        File.WriteAllText(pos, "Wir##PRON waren##AUX im##_ in##ADP dem##DET Kino##NOUN .##PUNCT\nNew_York##PROPN ist##AUX groß##ADJ\n");
        var conllu = Path.Combine(dir.Path, "tiny.conllu");
        File.WriteAllText(conllu, "# sent_id = 1\n# text = We went home.\n1\tWe\twe\tPRON\t_\t_\t2\tnsubj\t_\t_\n\n# text_en = skipped\n# text = Then we slept.\n");

        Assert.Equal(["Wir waren im Kino .", "New York ist groß"], LanguageProfileTrainer.ReadUdSentences(pos));
        Assert.Equal(["We went home.", "Then we slept."], LanguageProfileTrainer.ReadUdSentences(conllu));
    }

    [Fact]
    public void Cli_PrintsTheLanguagePerFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "a.txt"), "Neue Brücke eröffnet\nDie Stadt hat am Freitag die neue Brücke über den Fluss eröffnet.");
        File.WriteAllText(Path.Combine(dir.Path, "b.txt"), "LANG: de\n\nNew bridge opens\nThe city opened the new bridge across the river on Friday.");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = LangIdCommand.Run([dir.Path], json: false, modelPath: null, stdout, stderr);

        Assert.Equal(0, code);
        var lines = stdout.ToString().Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"a\.txt\tde\t0\.\d{4}$|a\.txt\tde\t1\.0000$", lines[0]);
        Assert.Contains("b.txt\ten\t", lines[1]); // the header is not consulted

        var json = new StringWriter();
        Assert.Equal(0, LangIdCommand.Run([Path.Combine(dir.Path, "b.txt")], json: true, modelPath: null, json, stderr));
        Assert.Contains("\"lang\":\"en\"", json.ToString());

        var err = new StringWriter();
        Assert.Equal(2, LangIdCommand.Run([dir.Path], json: false, modelPath: Path.Combine(dir.Path, "a.txt"), new StringWriter(), err));
        Assert.Contains("not a language profile", err.ToString());
    }

    [LangIdSharedDataFact]
    public void UdTestSentences_AtLeast99PercentPerFile()
    {
        var data = SharedData.Combine("data")!;
        var scores = LanguageProfileTrainer.ScoreTestFiles(LanguageIdentifier.Default, data);

        Assert.Equal(LanguageProfileTrainer.TestFiles.Count, scores.Count);
        foreach (var s in scores)
        {
            output.WriteLine($"{s.Name} ({s.Lang}): {s.Correct}/{s.Total} = {s.Accuracy:P2}");
            Assert.True(s.Total > 500, $"{s.Name}: only {s.Total} sentences");
            Assert.True(s.Accuracy >= 0.99, $"{s.Name}: {s.Accuracy:P2}; e.g. {string.Join(" | ", s.Errors)}");
        }
    }

    [LangIdSharedDataFact]
    public void DevDocuments_HeaderStripped_GetTheirLanguage()
    {
        var texts = SharedData.Combine("eval", "dev", "texts")!;
        var files = Directory.GetFiles(texts, "*.txt");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            var header = lines.TakeWhile(l => l.StartsWith("URL:") || l.StartsWith("LANG:")).ToList();
            var declared = header.Single(l => l.StartsWith("LANG:"))["LANG:".Length..].Trim();
            var stripped = string.Join('\n', lines.Skip(header.Count));

            var doc = PlainTextReader.Read(stripped, Path.GetFileNameWithoutExtension(file)).Document!;

            Assert.True(doc.Lang == declared, $"{doc.Id}: header says {declared}, identified {LanguageIdentifier.Default.Identify(doc.Text)}");
            Assert.True(LanguageIdentifier.Default.Identify(doc.Text).Confidence > 0.99, doc.Id);
        }
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        var outStream = new MemoryStream();
        input.CopyTo(outStream);
        return outStream.ToArray();
    }
}
