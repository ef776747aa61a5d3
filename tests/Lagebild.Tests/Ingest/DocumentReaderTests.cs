using System.Text;
using Lagebild.Ingest;
using Xunit;

namespace Lagebild.Tests.Ingest;

public sealed class DocumentReaderTests
{
    private const string Article = "Hafen wieder offen\nDie Schiffe laufen wieder aus.\n";

    private static ReadResult Single(string path, ReadOptions? options = null) =>
        Assert.Single(DocumentReader.ReadPaths([path], options));

    [Fact]
    public void TextFile_IdIsFileNameWithoutExtension()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("d123.txt", Article);

        var doc = Single(path).Document!;
        Assert.Equal("d123", doc.Id);
        Assert.Equal(path, doc.Source);
    }

    [Fact]
    public void MissingFile_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "gibt-es-nicht.txt");

        Assert.Equal(new IngestError(path, "no such file or directory"), Single(path).Error);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("leer.txt", "");

        Assert.Equal("empty file", Single(path).Error!.Problem);
    }

    [Fact]
    public void WhitespaceOnlyFile_IsAnError()
    {
        using var dir = new TempDirectory();
        Assert.Equal("no text (only whitespace)", Single(dir.Write("blank.txt", " \n\n \n")).Error!.Problem);
    }

    [Fact]
    public void BinaryFile_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("bild.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);

        Assert.Equal("binary file (NUL bytes)", Single(path).Error!.Problem);
    }

    [Fact]
    public void InvalidUtf8_ReportsTheByteOffset()
    {
        using var dir = new TempDirectory();
        var bytes = Encoding.UTF8.GetBytes("Titel\nGr").Concat(new byte[] { 0xFC }).Concat(Encoding.UTF8.GetBytes("n ist Latin-1.\n")).ToArray();
        var path = dir.WriteBytes("latin1.txt", bytes);

        Assert.Equal("not valid UTF-8 at byte 8", Single(path).Error!.Problem);
    }

    [Fact]
    public void OversizeFile_IsRefusedWithBothSizes()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("gross.txt", Article + new string('x', 3000));

        var error = Single(path, new ReadOptions { MaxFileBytes = 2048 }).Error!;
        Assert.Equal("file too large (3 KB > 2 KB limit)", error.Problem);
    }

    [Fact]
    public void DefaultLimit_Is20MB() => Assert.Equal(20L * 1024 * 1024, ReadOptions.Default.MaxFileBytes);

    [Fact]
    public void Utf16WithBom_IsDecoded()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("utf16.txt", new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("Grüße aus Kiew\nDer Text.")).ToArray());

        var doc = Single(path).Document!;
        Assert.Equal("Grüße aus Kiew\n\nDer Text.", doc.Text);
    }

    [Fact]
    public void Utf8Bom_IsRemoved()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("bom.txt", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Article)).ToArray());

        Assert.Equal("Hafen wieder offen", Single(path).Document!.Title);
    }

    [Fact]
    public void Html_IsReadThroughTheHtmlReader_AlsoInDirectories()
    {
        using var dir = new TempDirectory();
        var page = "<html><head><title>Werft liefert Fregatte</title></head><body><article><h1>Werft liefert Fregatte</h1>"
                   + "<p>Die Werft an der Küste hat nach eigenen Angaben die zweite Fregatte an die Marine übergeben. Der Bau dauerte vier Jahre.</p>"
                   + "<p>Eine dritte Fregatte soll im kommenden Jahr folgen, teilte das Unternehmen mit.</p></article></body></html>";
        var doc = Single(dir.Write("seite.html", page)).Document!;
        Assert.Contains("zweite Fregatte", doc.Text);
        Assert.Contains(DocumentReader.ReadPaths(new[] { dir.Path }), r => r.Document?.Text.Contains("dritte Fregatte") == true);
    }

    [Fact]
    public void JsonLinesFile_BadLineNamesFileAndLine_OthersStillCome()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("feed.jsonl", "{\"id\": \"1\", \"text\": \"A.\"}\n{kaputt}\n{\"id\": \"3\", \"text\": \"C.\"}\n");

        var results = DocumentReader.ReadPaths([path]).ToList();
        Assert.Equal(["1", "3"], results.Where(r => r.IsOk).Select(r => r.Document!.Id));
        Assert.Equal(path + ":2", results[1].Error!.Source);
    }

    [Fact]
    public void Directory_IsReadRecursively_InSortedOrder_OnlyKnownExtensions()
    {
        using var dir = new TempDirectory();
        dir.Write("b.txt", Article);
        dir.Write("a.md", "# Kurzmeldung\nText.");
        dir.Write("sub/c.txt", Article);
        dir.Write("sub/notes.csv", "a,b");
        dir.Write(".hidden/x.txt", Article);
        dir.Write("feed.jsonl", "{\"id\": \"j1\", \"text\": \"Eins.\"}\n");

        var ids = DocumentReader.ReadPaths([dir.Path]).Select(r => r.Document!.Id).ToList();
        Assert.Equal(["a", "b", "j1", "c"], ids);
    }

    [Fact]
    public void EmptyDirectory_IsAnError()
    {
        using var dir = new TempDirectory();
        Assert.StartsWith("no readable files in the directory", Single(dir.Path).Error!.Problem);
    }

    [Fact]
    public void Glob_MatchesFilesInOneDirectory()
    {
        using var dir = new TempDirectory();
        dir.Write("x1.txt", Article);
        dir.Write("x2.txt", Article);
        dir.Write("x3.md", Article);
        dir.Write("sub/x4.txt", Article);

        var ids = DocumentReader.ReadPaths([Path.Combine(dir.Path, "*.txt")]).Select(r => r.Document!.Id).ToList();
        Assert.Equal(["x1", "x2"], ids);

        var deep = DocumentReader.ReadPaths([Path.Combine(dir.Path, "**", "*.txt")]).Select(r => r.Document!.Id).ToList();
        Assert.Equal(["x4", "x1", "x2"], deep); // sorted by relative path: "sub/x4.txt" < "x1.txt"
    }

    [Fact]
    public void GlobWithoutMatches_IsAnError()
    {
        using var dir = new TempDirectory();
        var pattern = Path.Combine(dir.Path, "*.txt");
        Assert.Equal(new IngestError(pattern, "no files match the pattern"), Single(pattern).Error);
    }

    [Fact]
    public void OneBadFile_DoesNotStopTheOthers_AndEachFileIsReadOnce()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("1.txt", Article);
        dir.Write("2.txt", "");
        dir.WriteBytes("3.txt", [0xC3, 0x28, 0x0A]);
        dir.Write("4.txt", Article);

        var results = DocumentReader.ReadPaths([dir.Path, good, Path.Combine(dir.Path, "fehlt.txt")]).ToList();
        Assert.Equal(["ok 1", "empty file", "not valid UTF-8 at byte 0", "ok 4", "no such file or directory"],
            results.Select(r => r.IsOk ? "ok " + r.Document!.Id : r.Error!.Problem));
    }
}
