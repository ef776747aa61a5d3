using System.CommandLine;
using Lagebild.Graph;
using Lagebild.Ingest;
using Lagebild.Samples;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild demo [--db PATH]</c>: ingests the built-in invented sample articles into a temporary database (or the
/// given one, which is kept) and prints the support graph and the evidence behind its strongest edge.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db")
        {
            Description = "Keep the demo database at PATH (default: a temporary database, deleted afterwards)",
            HelpName = "PATH",
        };
        var command = new Command("demo", "Ingest the built-in (invented) sample articles and print the support graph") { db };
        command.SetAction(parse => Run(parse.GetValue(db), Console.Out, Console.Error));
        return command;
    }

    public static int Run() => Run(null, Console.Out, Console.Error);

    public static int Run(string? keepDb, TextWriter stdout, TextWriter stderr)
    {
        string? tempDir = null;
        var dbPath = keepDb;
        if (dbPath == null)
        {
            tempDir = Directory.CreateTempSubdirectory("lagebild-demo-").FullName;
            dbPath = Path.Combine(tempDir, "demo.db");
        }
        try
        {
            using var store = CommandSupport.Open(dbPath, create: true, stderr);
            if (store == null) return 2;
            var report = new Ingestor(store, Extractor.Create()).Run(SampleCorpus.Read());
            var stats = store.Stats();
            stdout.WriteLine($"Lagebild demo: {SampleCorpus.Names.Count} invented sample articles (German and English), " +
                             $"{report.Added} ingested now, {stats.Claims} supply claims, {stats.Edges} edges, {stats.Stories} independent stories " +
                             $"({(keepDb == null ? "temporary database" : "database " + keepDb)}).");
            foreach (var f in report.Failures) stderr.WriteLine($"error: {f.Source}: {f.Problem}");
            stdout.WriteLine();
            var edges = store.Edges(GraphFilter.All);
            GraphCommand.WriteTable(edges, stdout);
            if (edges.Count > 0)
            {
                var top = edges[0];
                var evidence = store.Evidence(GraphFilter.ForEdge(top.Supplier, top.Recipient, top.Item));
                stdout.WriteLine();
                stdout.WriteLine($"Strongest edge {top.Supplier} -> {top.Recipient} {top.Item}: {top.Evidence} evidence sentence(s) " +
                                 $"from {top.Sources} independent source(s) (syndicated copies of one story count once):");
                foreach (var x in evidence.Take(6))
                    stdout.WriteLine($"  - {GraphJson.Date(x.Published) ?? "(no date)"} {x.Outlet}, {x.Status}, claimant {x.Claimant}: {x.Sentence.Replace('\n', ' ')}");
                if (evidence.Count > 6) stdout.WriteLine($"  ... and {evidence.Count - 6} more");
            }
            stdout.WriteLine();
            stdout.WriteLine(keepDb == null
                ? "Next: `lagebild ingest --db my.db ARTICLES/` on your own articles, then `lagebild graph --db my.db`."
                : $"Next: `lagebild graph --db {keepDb}`, `lagebild evidence --db {keepDb} SUPPLIER RECIPIENT ITEM`, `lagebild export --db {keepDb} --format graphml --out graph.graphml`.");
            return report.Failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (tempDir != null)
            {
                try { Directory.Delete(tempDir, recursive: true); }
                catch (IOException) { /* a leftover temp directory is harmless */ }
            }
        }
    }
}
