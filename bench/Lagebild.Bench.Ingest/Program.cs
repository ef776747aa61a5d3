using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lagebild.Graph;
using Lagebild.Ingest;
using Lagebild.Store;

namespace Lagebild.Bench.Ingest;

/// <summary>
/// Ingest throughput and storage cost of the claim store, and graph query latency, on a generated corpus of invented
/// articles (default 10,000): single-threaded, and with one extraction thread per processor (at most 8) as
/// <c>lagebild ingest</c> does by default. Not part of the unit tests.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: Lagebild.Bench.Ingest [--count N] [--queries N] [--json] [--keep DIR]\n" +
        "  --count N     generated articles (default 10000)\n" +
        "  --queries N   timed repetitions of each graph query (default 30, after 5 untimed)\n" +
        "  --json        print one JSON object instead of the table\n" +
        "  --keep DIR    write corpus and database to DIR and keep them (default: a temporary directory, deleted)";

    public static int Main(string[] args)
    {
        int count = 10_000, queries = 30;
        bool json = false;
        string? keep = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], out count) && count > 0: i++; break;
                case "--queries" when i + 1 < args.Length && int.TryParse(args[i + 1], out queries) && queries > 0: i++; break;
                case "--keep" when i + 1 < args.Length: keep = args[++i]; break;
                case "--json": json = true; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine($"bad option or value: {args[i]}\n{Usage}"); return 2;
            }
        }
        if (typeof(Extractor).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            Console.Error.WriteLine("warning: Lagebild was built without optimizations; use -c Release");

        var dir = keep ?? Directory.CreateTempSubdirectory("lagebild-bench-ingest-").FullName;
        Directory.CreateDirectory(dir);
        try
        {
            return Run(dir, count, queries, json);
        }
        finally
        {
            if (keep == null) Directory.Delete(dir, recursive: true);
        }
    }

    private static int Run(string dir, int count, int queries, bool json)
    {
        var inv = CultureInfo.InvariantCulture;
        var corpusDir = Path.Combine(dir, "corpus");
        var clock = Stopwatch.StartNew();
        var files = CorpusGenerator.WriteJsonLines(CorpusGenerator.Generate(count), corpusDir);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        long inputBytes = files.Sum(f => new FileInfo(f).Length);

        // Extraction alone over the same documents, to separate its cost from reading and storing.
        var extractor = Extractor.Create();
        var docs = files.SelectMany(f => DocumentReader.ReadFile(f)).Where(r => r.IsOk).Select(r => r.Document!).ToList();
        clock.Restart();
        foreach (var d in docs.Take(Math.Min(docs.Count, 2000))) extractor.Extract(d);
        var extractOnlyDocsPerSecond = Math.Min(docs.Count, 2000) / clock.Elapsed.TotalSeconds;
        docs.Clear();

        // Parallel extraction (as `lagebild ingest` does by default) into a second database.
        IngestReport? parallel = null;
        int parallelJobs = Math.Clamp(Environment.ProcessorCount, 1, 8);
        if (parallelJobs > 1)
        {
            var parallelDb = Path.Combine(dir, "bench-parallel.db");
            foreach (var f in Directory.GetFiles(dir, "bench-parallel.db*")) File.Delete(f);
            using var store = SqliteStore.Open(parallelDb);
            parallel = new Ingestor(store, () => Extractor.Create(), new IngestOptions { Jobs = parallelJobs }).Run([corpusDir]);
        }

        var dbPath = Path.Combine(dir, "bench.db");
        foreach (var f in Directory.GetFiles(dir, "bench.db*")) File.Delete(f);
        IngestReport first, second;
        using (var store = SqliteStore.Open(dbPath))
        {
            var ingestor = new Ingestor(store, extractor);
            first = ingestor.Run([corpusDir]);
            second = ingestor.Run([corpusDir]); // everything known: the skip path
        }
        long dbBytes = new FileInfo(dbPath).Length; // closed: the write-ahead log is folded in

        var latencies = new List<(string Query, double MedianMs, double P95Ms, int Rows)>();
        StoreStats stats;
        using (var store = SqliteStore.Open(dbPath, new SqliteStoreOptions { Create = false }))
        {
            stats = store.Stats();
            var top = store.Edges(GraphFilter.All).FirstOrDefault();
            var cases = new List<(string, Func<int>)>
            {
                ("graph (all edges)", () => store.Edges(GraphFilter.All).Count),
                ("graph --supplier CN", () => store.Edges(new GraphFilter { Supplier = "CN" }).Count),
                ("graph --recipient RU --since 2023-06-01", () => store.Edges(new GraphFilter { Recipient = "RU", Since = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero) }).Count),
                ("stats", () => (int)store.Stats().Documents),
            };
            if (top != null)
                cases.Add(($"evidence {top.Supplier} {top.Recipient} {top.Item}", () => store.Evidence(GraphFilter.ForEdge(top.Supplier, top.Recipient, top.Item)).Count));
            foreach (var (name, query) in cases)
            {
                int rows = 0;
                for (int w = 0; w < 5; w++) rows = query();
                var times = new List<double>();
                for (int q = 0; q < queries; q++)
                {
                    var t = Stopwatch.StartNew();
                    rows = query();
                    times.Add(t.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                latencies.Add((name, times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)], rows));
            }
        }

        var result = new
        {
            machine = new { processors = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = RuntimeInformation.FrameworkDescription },
            corpus = new { articles = count, files = files.Count, inputBytes, generateSeconds = Math.Round(generateSeconds, 2) },
            ingest = new
            {
                added = first.Added, skippedAsCopies = first.Skipped, failed = first.Failures.Count, claims = first.Claims,
                seconds = Math.Round(first.Elapsed.TotalSeconds, 2), documentsPerSecond = Math.Round(first.DocumentsPerSecond, 1),
                extractOnlyDocumentsPerSecond = Math.Round(extractOnlyDocsPerSecond, 1),
            },
            parallelIngest = parallel == null ? null : new
            {
                jobs = parallelJobs, added = parallel.Added, seconds = Math.Round(parallel.Elapsed.TotalSeconds, 2),
                documentsPerSecond = Math.Round(parallel.DocumentsPerSecond, 1),
            },
            reingest = new { skipped = second.Skipped, added = second.Added, seconds = Math.Round(second.Elapsed.TotalSeconds, 2), documentsPerSecond = Math.Round(second.DocumentsPerSecond, 1) },
            database = new
            {
                bytes = dbBytes, bytesPerDocument = stats.Documents > 0 ? dbBytes / stats.Documents : 0, inputBytesPerDocument = count > 0 ? inputBytes / count : 0,
                documents = stats.Documents, claims = stats.Claims, edges = stats.Edges, stories = stats.Stories, entities = stats.Entities,
            },
            queries = latencies.Select(l => new { query = l.Query, medianMs = Math.Round(l.MedianMs, 3), p95Ms = Math.Round(l.P95Ms, 3), rows = l.Rows }),
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return 0;
        }
        Console.WriteLine("Lagebild ingest benchmark (SQLite store; ingest single-threaded, then with parallel extraction)");
        Console.WriteLine($"machine   {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine(string.Create(inv, $"corpus    {count:N0} generated invented articles in {files.Count} JSON lines files, {inputBytes / 1024.0 / 1024.0:0.0} MiB ({inputBytes / Math.Max(1, count):N0} bytes/article)"));
        Console.WriteLine(string.Create(inv, $"ingest    {first.Added:N0} added, {first.Skipped:N0} skipped, {first.Failures.Count} failed, {first.Claims:N0} claims in {first.Elapsed.TotalSeconds:0.0} s = {first.DocumentsPerSecond:N1} docs/s (extraction alone: {extractOnlyDocsPerSecond:N1} docs/s)"));
        if (parallel != null)
            Console.WriteLine(string.Create(inv, $"parallel  {parallelJobs} extraction threads: {parallel.Added:N0} added in {parallel.Elapsed.TotalSeconds:0.0} s = {parallel.DocumentsPerSecond:N1} docs/s"));
        Console.WriteLine(string.Create(inv, $"re-ingest {second.Skipped:N0} known documents skipped in {second.Elapsed.TotalSeconds:0.0} s = {second.DocumentsPerSecond:N1} docs/s"));
        Console.WriteLine(string.Create(inv, $"database  {dbBytes / 1024.0 / 1024.0:0.0} MiB = {dbBytes / Math.Max(1, stats.Documents):N0} bytes/document; {stats.Claims:N0} claims, {stats.Edges:N0} edges, {stats.Stories:N0} stories, {stats.Entities:N0} entities"));
        Console.WriteLine();
        Console.WriteLine($"{"query",-45} {"median ms",10} {"p95 ms",10} {"rows",8}");
        foreach (var l in latencies)
            Console.WriteLine(string.Create(inv, $"{l.Query,-45} {l.MedianMs,10:0.000} {l.P95Ms,10:0.000} {l.Rows,8}"));
        return 0;
    }
}
