using Lagebild.Ingest;
using Xunit;

namespace Lagebild.Tests.Ingest;

public sealed class JsonLinesReaderTests
{
    [Fact]
    public void EachLineBecomesADocument_WithItsFields()
    {
        var text = """
            {"id": "n1", "url": "https://www.example.com/a", "title": "Konvoi erreicht Grenze", "text": "Der Konvoi kam am Abend an.\nMehr folgt.", "published": "2024-03-01T10:00:00+01:00", "lang": "de"}
            {"id": "n2", "title": "Talks resume", "text": "The talks resumed on Tuesday with the delegation.", "outlet": "Example Wire"}
            """;
        var results = JsonLinesReader.Read(text, "feed.jsonl").ToList();

        Assert.All(results, r => Assert.True(r.IsOk, r.ToString()));
        var first = results[0].Document!;
        Assert.Equal("n1", first.Id);
        Assert.Equal("Konvoi erreicht Grenze\n\nDer Konvoi kam am Abend an.\nMehr folgt.", first.Text);
        Assert.Equal("example.com", first.Outlet);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), first.Published);
        Assert.Equal("feed.jsonl:1", first.Source);
        var second = results[1].Document!;
        Assert.Equal("Example Wire", second.Outlet);
        Assert.Equal("en", second.Lang);
    }

    [Fact]
    public void BadLineInTheMiddle_IsAnError_AndTheOthersStillCome()
    {
        var text = "{\"id\": \"a\", \"text\": \"Erster Text.\"}\n"
                   + "{\"id\": \"b\", \"text\": \"kaputt\"\n"
                   + "\n"
                   + "{\"id\": \"c\", \"title\": \"ohne Text\"}\n"
                   + "[1, 2]\n"
                   + "{\"id\": \"d\", \"text\": \"Letzter Text.\"}\n";
        var results = JsonLinesReader.Read(text, "feed.jsonl").ToList();

        Assert.Equal(5, results.Count);
        Assert.Equal(["a", "d"], results.Where(r => r.IsOk).Select(r => r.Document!.Id));
        Assert.Equal("feed.jsonl:2", results[1].Error!.Source);
        Assert.StartsWith("line 2: not JSON: ", results[1].Error!.Problem);
        Assert.Equal(new IngestError("feed.jsonl:4", "line 4: missing field 'text'"), results[2].Error);
        Assert.Equal(new IngestError("feed.jsonl:5", "line 5: not a JSON object"), results[3].Error);
    }

    [Fact]
    public void MissingId_IsDerivedFromFileNameAndLine_MissingTitle_TextAlone()
    {
        var results = JsonLinesReader.Read("\n{\"text\": \"Nur ein Satz.\"}\n", "/data/feed.jsonl").ToList();

        var doc = Assert.Single(results).Document!;
        Assert.Equal("feed-2", doc.Id);
        Assert.Equal("Nur ein Satz.", doc.Text);
        Assert.Null(doc.Title);
    }

    [Fact]
    public void WrongTypes_AreReported()
    {
        var results = JsonLinesReader.Read("{\"text\": 5}\n{\"text\": \"ok\", \"title\": [\"x\"]}\n{\"text\": \"   \"}", "f.jsonl").ToList();

        Assert.Equal("line 1: field 'text' is not a string", results[0].Error!.Problem);
        Assert.Equal("line 2: field 'title' is not a string", results[1].Error!.Problem);
        Assert.Equal("line 3: field 'text' is empty", results[2].Error!.Problem);
    }

    [Fact]
    public void JsonFile_ArrayOfArticles()
    {
        var results = JsonLinesReader.ReadJsonFile("[{\"id\": \"x1\", \"text\": \"Eins.\"}, {\"text\": \"Zwei.\"}, 3]", "list.json").ToList();

        Assert.Equal("x1", results[0].Document!.Id);
        Assert.Equal("list-2", results[1].Document!.Id);
        Assert.Equal(new IngestError("list.json:item 3", "item 3: not a JSON object"), results[2].Error);
    }

    [Fact]
    public void JsonFile_SingleObject_UsesFileNameAsDefaultId()
    {
        var doc = Assert.Single(JsonLinesReader.ReadJsonFile("{\"text\": \"Ein Artikel.\"}", "dir/story.json")).Document!;
        Assert.Equal("story", doc.Id);
    }
}
