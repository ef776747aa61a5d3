using System.Diagnostics;
using Lagebild.Ingest;
using Lagebild.Store;
using Lagebild.Tests.Ingest;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Cli;

/// <summary>
/// Crash safety: an ingest child process is killed while it writes; the database is intact, holds only whole
/// documents, and running the same command again ends with exactly the expected documents and claims.
/// </summary>
public sealed class IngestKillResumeTests
{
    private const int Count = 600;
    private static readonly string[] Suppliers = ["Nordkorea", "Iran", "China", "Belarus"];
    private static readonly string[] Items = ["Artilleriegranaten", "Kampfdrohnen", "Mikrochips", "Panzer", "Raketen"];

    private readonly ITestOutputHelper _out;
    public IngestKillResumeTests(ITestOutputHelper output) { _out = output; }

    private static string Article(int i) =>
        $"URL: https://example.invalid/gen/{i:D4}\nLANG: de\n\nErfundene Meldung Nummer {i}\n\n" +
        $"{Suppliers[i % Suppliers.Length]} liefert Russland {Items[i % Items.Length]}, berichtet die Beispiel-Rundschau in Ausgabe {i}.\n" +
        $"Die Lieferung {i} umfasst nach Angaben von Beobachtern {i * 7 % 1000} Einheiten.\n";

    private static SqliteConnection Connect(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        c.Open();
        return c;
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static long CountDocuments(string db)
    {
        try
        {
            using var c = Connect(db);
            return Scalar(c, "SELECT COUNT(*) FROM documents");
        }
        catch (SqliteException)
        {
            return 0; // not created or not migrated yet
        }
    }

    /// <summary>Claim counts by URL: what a database holds, compared across runs.</summary>
    private static SortedDictionary<string, long> ClaimsByUrl(string db)
    {
        using var c = Connect(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT d.url, (SELECT COUNT(*) FROM claims k WHERE k.document_id = d.id) FROM documents d";
        using var r = cmd.ExecuteReader();
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (r.Read()) result.Add(r.GetString(0), r.GetInt64(1)); // Add throws on a duplicate URL
        return result;
    }

    private static void AssertOnlyWholeDocuments(string db)
    {
        using var c = Connect(db);
        Assert.Equal("ok", (string)new SqliteCommand("PRAGMA integrity_check", c).ExecuteScalar()!);
        Assert.Equal(0, Scalar(c, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM claims k WHERE k.document_id = d.id)"));
        Assert.Equal(0, Scalar(c, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id)"));
        Assert.Equal(0, Scalar(c, "SELECT COUNT(*) FROM claims k WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = k.document_id)"));
        Assert.Equal(Scalar(c, "SELECT COUNT(*) FROM documents") * Lagebild.Graph.Syndication.Bands, Scalar(c, "SELECT COUNT(*) FROM syndication_bands"));
        Assert.Equal(Scalar(c, "SELECT COUNT(*) FROM documents"), Scalar(c, "SELECT COUNT(DISTINCT sha256) FROM documents"));
    }

    [Fact]
    public void KilledIngest_ResumesWithExactlyTheExpectedDocuments()
    {
        using var dir = new TempDirectory();
        for (int i = 0; i < Count; i++) dir.Write($"corpus/a{i:D4}.txt", Article(i));
        var corpus = Path.Combine(dir.Path, "corpus");
        var db = Path.Combine(dir.Path, "killed.db");

        // The expected result: the same corpus ingested in-process, without interruption.
        var reference = Path.Combine(dir.Path, "reference.db");
        using (var store = SqliteStore.Open(reference))
        {
            var report = new Ingestor(store, Extractor.Create()).Run([corpus]);
            Assert.Equal(Count, report.Added);
        }
        var expected = ClaimsByUrl(reference);
        Assert.Equal(Count, expected.Count);
        Assert.All(expected.Values, n => Assert.True(n > 0, "every generated article should yield a claim"));

        // Kill the child as soon as the first documents are committed.
        long atKill;
        using (var child = CliProcess.Start(dir.Path, "ingest", "--db", db, corpus))
        {
            var clock = Stopwatch.StartNew();
            while (!child.HasExited && CountDocuments(db) == 0 && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
            bool killedMidRun = !child.HasExited;
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            atKill = CountDocuments(db);
            _out.WriteLine($"killed after {clock.ElapsedMilliseconds} ms with {atKill} of {Count} documents stored");
            Assert.True(killedMidRun, $"the ingest finished before it could be killed: {child.StandardError.ReadToEnd()}");
        }
        Assert.InRange(atKill, 1, Count - 1);
        AssertOnlyWholeDocuments(db);
        var partial = ClaimsByUrl(db);
        Assert.All(partial, kv => Assert.Equal(expected[kv.Key], kv.Value));

        // Resume: the same command again.
        var (exit, stdout, stderr) = CliProcess.Run(dir.Path, "ingest", "--db", db, corpus);
        _out.WriteLine(stdout + stderr);

        Assert.Equal(0, exit);
        Assert.Contains($"{Count - partial.Count} new document(s)", stdout);
        Assert.Contains($"{partial.Count} already stored ({partial.Count} same URL, 0 same content)", stdout);
        AssertOnlyWholeDocuments(db);
        Assert.Equal(expected, ClaimsByUrl(db));
    }
}
