using System.Text;
using Lagebild.Cli.Commands;
using Lagebild.Store;
using Lagebild.Tests.Ingest;
using Xunit;

namespace Lagebild.Tests.Cli;

public sealed class IngestCommandTests
{
    private const string GoodText = "URL: https://example.invalid/good-1\nLANG: de\n\nErfundene Meldung\n\nNordkorea schickt Russland Artilleriegranaten.\n";

    private static (int Exit, string Out, string Err) Ingest(string db, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = IngestCommand.Run(paths, db, null, false, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static HashSet<string> StoredKeys(string db)
    {
        using var store = SqliteStore.Open(db);
        return store.DocumentIds().Select(id => store.GetDocument(id)!.Key).ToHashSet();
    }

    [Fact]
    public void MalformedCorpus_EachBadFileGetsItsError_AndTheGoodFilesLand()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "store.db");
        var corpus = Path.Combine(dir.Path, "corpus");
        // Good inputs.
        dir.Write("corpus/good-text.txt", GoodText);
        dir.Write("corpus/good-lines.jsonl",
            "{\"id\": \"line-a\", \"url\": \"https://example.invalid/a\", \"title\": \"A\", \"text\": \"Iran liefert Russland Kampfdrohnen.\", \"lang\": \"de\"}\n" +
            "{\"id\": \"line-b\", \"text\": \"Belarus liefert Russland Panzer, berichtet die Zeitung.\"\n" + // bad line: unterminated object
            "{\"id\": \"line-c\", \"url\": \"https://example.invalid/c\", \"text\": \"China liefert Russland Mikrochips.\", \"lang\": \"de\"}\n" +
            "{\"id\": \"line-d\", \"url\": \"https://example.invalid/d\"}\n");                                 // bad line: no text
        dir.Write("corpus/broken-markup.html",
            "<html><head><title>Erfundene Seite</title><meta property=\"og:site_name\" content=\"Beispiel-Post\">" +
            "<body><div class=\"article-body\"><p>Nordkorea liefert Russland Raketen, sagte ein Sprecher am Montag. <b>Die Lieferung <i>kam per Bahn.</div>" +
            "<p>Unclosed paragraph with more words, so that the block wins the scoring, and so on.");
        // Bad inputs.
        dir.WriteBytes("corpus/binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01]);
        dir.WriteBytes("corpus/latin1.txt", Encoding.Latin1.GetBytes("Titel\n\nRussland erhält Granaten aus Nordkorea, heißt es.\n"));
        dir.Write("corpus/empty.txt", "");
        dir.Write("corpus/blank.md", "  \n\n \t \n");
        dir.Write("corpus/not-json.json", "{this is not json at all");
        dir.Write("corpus/script-only.html", "<html><body><script>var x = 1;</script><nav><a href=\"/\">Start</a></nav></body></html>");
        using (var junk = File.Create(Path.Combine(corpus, "junk-50mb.txt"))) junk.SetLength(50L * 1024 * 1024);
        dir.Write("corpus/too-long.txt", "Titel\n\n" + string.Concat(Enumerable.Repeat("wort ", 250_000)));

        var (exit, stdout, stderr) = Ingest(db, corpus);

        Assert.Equal(1, exit);
        string ErrorOf(string file) =>
            stderr.Split('\n').SingleOrDefault(l => l.Contains(Path.Combine(corpus, file), StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no error line for {file} in:\n{stderr}");
        Assert.Contains("binary file", ErrorOf("binary.txt"));
        Assert.Contains("not valid UTF-8", ErrorOf("latin1.txt"));
        Assert.Contains("empty file", ErrorOf("empty.txt"));
        Assert.Contains("no text", ErrorOf("blank.md"));
        Assert.Contains("not JSON", ErrorOf("not-json.json"));
        Assert.Contains("no article text", ErrorOf("script-only.html"));
        Assert.Contains("file too large", ErrorOf("junk-50mb.txt"));
        Assert.Contains("document too long", ErrorOf("too-long.txt"));
        Assert.Contains("good-lines.jsonl:2: line 2: not JSON", stderr);
        Assert.Contains("good-lines.jsonl:4: line 4: missing field 'text'", stderr);
        Assert.Contains("10 input(s) failed", stderr);
        Assert.Contains("4 new document(s)", stdout);

        Assert.Equal(new HashSet<string> { "good-text", "line-a", "line-c", "broken-markup" }, StoredKeys(db));
        using var store = SqliteStore.Open(db);
        Assert.Contains(store.Edges(new() { Supplier = "KP", Recipient = "RU" }), e => e.Item == "ammunition");
        var html = store.DocumentIds().Select(id => store.GetDocument(id)!).Single(d => d.Key == "broken-markup");
        Assert.Equal("Beispiel-Post", html.Outlet);
        Assert.Contains("Nordkorea liefert Russland Raketen", html.Text);
    }

    [Fact]
    public void SecondRun_AddsNothing_AndExitsZero()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "store.db");
        var file = dir.Write("in/a.txt", GoodText);
        dir.Write("in/b.txt", GoodText.Replace("good-1", "good-2").Replace("Nordkorea", "Iran"));
        dir.Write("in/c-copy.txt", GoodText.Replace("https://example.invalid/good-1", "https://mirror.invalid/x")); // same URL? no: same content

        var first = Ingest(db, Path.Combine(dir.Path, "in"));
        var second = Ingest(db, Path.Combine(dir.Path, "in", "*.txt"), file);

        Assert.Equal(0, first.Exit);
        Assert.Contains("2 new document(s)", first.Out);
        Assert.Contains("1 already stored (0 same URL, 1 same content)", first.Out);
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 new document(s)", second.Out);
        Assert.Contains("3 already stored (2 same URL, 1 same content)", second.Out);
        Assert.Equal(2, StoredKeys(db).Count);
    }

    [Fact]
    public void ParallelExtraction_StoresTheSameDocumentsInTheSameOrder()
    {
        using var dir = new TempDirectory();
        string[] suppliers = ["Nordkorea", "Iran", "China", "Belarus", "Frankreich"];
        for (int i = 0; i < 60; i++)
            dir.Write($"in/a{i:D3}.txt", $"URL: https://example.invalid/p/{i}\nLANG: de\n\nErfundene Meldung {i}\n\n{suppliers[i % 5]} liefert Russland Kampfdrohnen, meldet Ausgabe {i}.\n");
        dir.Write("in/a030-copy.txt", $"URL: https://example.invalid/p/30\nLANG: de\n\nKopie\n\nAnderer Text.\n");
        dir.WriteBytes("in/a031-bad.txt", [0xC3, 0x28]);

        var results = new List<List<string>>();
        foreach (var jobs in new[] { 1, 4 })
        {
            var db = Path.Combine(dir.Path, $"jobs{jobs}.db");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(1, IngestCommand.Run([Path.Combine(dir.Path, "in")], db, null, false, stdout, stderr, jobs));
            Assert.Contains("60 new document(s)", stdout.ToString());
            Assert.Contains("1 already stored (1 same URL, 0 same content)", stdout.ToString());
            Assert.Contains("a031-bad.txt: not valid UTF-8", stderr.ToString());
            using var store = SqliteStore.Open(db);
            results.Add(store.DocumentIds().Select(id => store.LoadDocument(id)!).Select(d => $"{d.Url} {string.Join(";", d.Claims.Select(c => c.Supplier + c.Item))}").ToList());
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(60, results[0].Count);
        Assert.Equal("https://example.invalid/p/0 KPdrones_uav", results[0][0]);
    }

    [Fact]
    public void UnopenableDatabase_IsExitCode2_WithTheReason()
    {
        using var dir = new TempDirectory();
        var notDb = dir.Write("x.db", "this is a text file, not a database, and long enough to have a header " + new string('x', 200));
        var input = dir.Write("a.txt", GoodText);

        var (exit, _, err) = Ingest(notDb, input);

        Assert.Equal(2, exit);
        Assert.Contains("x.db", err);
        Assert.Contains("not a Lagebild database", err);
    }
}
