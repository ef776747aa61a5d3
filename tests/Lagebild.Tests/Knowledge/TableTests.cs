using Lagebild.Knowledge;
using Xunit;

namespace Lagebild.Tests.Knowledge;

public class TableTests
{
    [Fact]
    public void Parse_ReadsHeaderAndRows_SkippingComments()
    {
        var t = Table.Parse("x.tsv", "# source: test\n# license: CC0\nid\tname\n\nCN\tChina\nRU\tRussland\n");
        Assert.Equal(new[] { "id", "name" }, t.Header);
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal("Russland", t.All().Last()["name"]);
    }

    [Fact]
    public void Parse_RowWiderThanHeader_NamesFileAndLine()
    {
        var ex = Assert.Throws<KnowledgeException>(() => Table.Parse("bad.tsv", "a\tb\n1\t2\t3\n"));
        Assert.Contains("bad.tsv:2", ex.Message);
    }

    [Fact]
    public void Parse_NoHeader_IsAnError()
    {
        Assert.Throws<KnowledgeException>(() => Table.Parse("empty.tsv", "# only a comment\n"));
    }

    [Fact]
    public void Get_ShortRow_GivesEmptyCell()
    {
        var t = Table.Parse("x.tsv", "a\tb\tc\n1\n");
        Assert.Equal("", t.Get(t.Rows[0], "c"));
        Assert.Throws<KnowledgeException>(() => t.Get(t.Rows[0], "nope"));
    }

    [Fact]
    public void TableSource_AppendsRowsFromKnowledgeDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("lagebild-knowledge").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "de"));
            // An analyst adds a supply verb without recompiling; columns are matched by name.
            File.WriteAllText(Path.Combine(dir, "de", "frames.tsv"), "# source: analyst\nframe\tlemma\tpos\ngive\tvermachen\tverb\n");
            var builtIn = new TableSource(null).Load("de/frames.tsv");
            var extended = new TableSource(dir).Load("de/frames.tsv");
            Assert.Equal(builtIn.Rows.Count + 1, extended.Rows.Count);
            var lex = FrameLexicon.Load(new TableSource(dir), "de");
            Assert.Equal(FrameKind.Give, lex.Verb("vermachte")?.Kind);
            Assert.Null(FrameLexicon.Load(new TableSource(null), "de").Verb("vermachte"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void EveryBuiltInTable_HasASourceLine()
    {
        var assembly = typeof(Table).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Lang/")))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd();
            Assert.True(text.Contains("# source:"), $"{name} has no '# source:' line");
            Table.Parse(name, text);
        }
    }
}
