using Lagebild.Cli.Commands;
using Lagebild.Graph;
using Lagebild.Store;
using Lagebild.Tests.Ingest;
using Xunit;

namespace Lagebild.Tests.Cli;

public sealed class ReextractCommandTests
{
    [Fact]
    public void NewLanguageTable_FindsClaimsInStoredDocuments()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "store.db");
        // "Nordland" is an invented name the built-in tables do not know.
        var article = dir.Write("in/nordland.txt", "URL: https://example.invalid/nordland\nLANG: de\n\nErfundene Meldung\n\nNordland liefert Russland Artilleriegranaten.\n");
        dir.Write("in/iran.txt", "URL: https://example.invalid/iran\nLANG: de\n\nErfundene Meldung zwei\n\nIran liefert Russland Kampfdrohnen.\n");
        Assert.Equal(0, IngestCommand.Run([Path.Combine(dir.Path, "in")], db, null, false, new StringWriter(), new StringWriter()));
        using (var store = SqliteStore.Open(db))
            Assert.Empty(store.Edges(new GraphFilter { Recipient = "RU", Item = "ammunition" }));
        var knowledge = Path.Combine(dir.Path, "knowledge");
        dir.Write("knowledge/de/states.tsv", "# source: test\nid\tform\tsurface\nKP\tname\tNordland\n");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ReextractCommand.Run(db, knowledge, stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        Assert.Contains("2 document(s) re-analysed, 1 with changed claims", stdout.ToString());
        using (var store = SqliteStore.Open(db))
        {
            Assert.Equal(2, store.Stats().Documents);
            var edge = Assert.Single(store.Edges(new GraphFilter { Recipient = "RU", Item = "ammunition" }));
            Assert.Equal("KP", edge.Supplier);
            Assert.Single(store.Edges(new GraphFilter { Supplier = "IR" }));
            Assert.Contains(store.Entities(), e => e.Key == "KP" && e.Names.Contains("Nordland"));
        }
        // Ingest again with the built-in tables: the documents are known, nothing changes.
        var again = new StringWriter();
        IngestCommand.Run([article], db, null, false, again, new StringWriter());
        Assert.Contains("0 new document(s)", again.ToString());
    }

    [Fact]
    public void MissingDatabase_IsAnError()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();
        Assert.Equal(2, ReextractCommand.Run(Path.Combine(dir.Path, "none.db"), null, new StringWriter(), stderr));
        Assert.Contains("no such database", stderr.ToString());
    }
}
