using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest;
using Lagebild.Store;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild ingest [--db PATH] PATH...</c>: reads plain text, JSON lines and HTML pages (files, directories,
/// globs), extracts claims and stores every document in its own transaction. Already stored documents (same URL or
/// same content) are skipped, so a killed run is resumed by running it again. Exit code 1 when any input failed.
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var knowledge = CommandSupport.KnowledgeOption();
        var durable = new Option<bool>("--durable") { Description = "fsync every commit (survives power loss; slower)" };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Extraction threads (default: the number of processors, at most 8); writes stay on one thread",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var paths = new Argument<string[]>("paths") { Description = "Files, directories or globs (.txt, .md, .jsonl, .json, .html)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Extract claims from articles and store them in the database") { db, knowledge, durable, jobs, paths };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(db)!, parse.GetValue(knowledge), parse.GetValue(durable),
            Console.Out, Console.Error, parse.GetValue(jobs)));
        return command;
    }

    /// <param name="jobs">Extraction threads; 0 picks the number of processors (at most 8).</param>
    public static int Run(IReadOnlyList<string> paths, string dbPath, string? knowledge, bool durable, TextWriter stdout, TextWriter stderr, int jobs = 0)
    {
        if (jobs < 0)
        {
            stderr.WriteLine("error: --jobs must be 0 (automatic) or more");
            return 2;
        }
        if (jobs == 0) jobs = Math.Clamp(Environment.ProcessorCount, 1, 8);
        SqliteStore store;
        try
        {
            store = SqliteStore.Open(dbPath, new SqliteStoreOptions { Create = true, Durable = durable });
        }
        catch (StoreException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        using (store)
        {
            var extractor = CommandSupport.CreateExtractor(knowledge, stderr);
            if (extractor == null) return 2;
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = !cancel.IsCancellationRequested; // the first Ctrl+C stops after the current document
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            IngestReport report;
            try
            {
                var ingestor = jobs == 1
                    ? new Ingestor(store, extractor)
                    : new Ingestor(store, () => Extractor.Create(knowledge), new IngestOptions { Jobs = jobs });
                report = CommandSupport.IsTerminal(stdout)
                    ? WithProgressBar(ingestor, paths, cancel.Token)
                    : ingestor.Run(paths, null, cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            WriteSummary(report, store, stdout, stderr);
            if (report.Cancelled) return 130;
            return report.Failures.Count > 0 ? 1 : 0;
        }
    }

    private static IngestReport WithProgressBar(Ingestor ingestor, IReadOnlyList<string> paths, CancellationToken cancel)
    {
        IngestReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new DocumentsPerSecondColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("reading", maxValue: 1);
                report = ingestor.Run(paths, p =>
                {
                    task.MaxValue = Math.Max(1, p.FilesTotal);
                    task.Value = p.FilesDone;
                    task.State.Update<double>(DocumentsPerSecondColumn.Key, _ => p.DocumentsPerSecond);
                    task.Description = $"{p.Added} new, {p.Skipped} known, {p.Failed} failed";
                }, cancel);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Documents read (added or skipped) per second.</summary>
    private sealed class DocumentsPerSecondColumn : ProgressColumn
    {
        public const string Key = "docs/s";

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Spectre.Console.Text($"{task.State.Get<double>(Key).ToString("0.0", CultureInfo.InvariantCulture)} docs/s");
    }

    private static void WriteSummary(IngestReport r, IClaimStore store, TextWriter stdout, TextWriter stderr)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv,
            $"ingest: {r.Files} file(s): {r.Added} new document(s) with {r.Claims} claim(s); {r.Skipped} already stored " +
            $"({r.SkippedUrl} same URL, {r.SkippedContent} same content); {r.Failures.Count} failed; " +
            $"{r.Elapsed.TotalSeconds:0.0} s, {r.DocumentsPerSecond:0.0} docs/s"));
        var stats = store.Stats();
        stdout.WriteLine($"database: {store.Location} now holds {stats.Documents} document(s), {stats.Claims} claim(s), {stats.Edges} edge(s)");
        if (r.Cancelled) stdout.WriteLine("interrupted: stopped after the last whole document; run the same command again to resume.");
        if (r.Failures.Count == 0) return;
        stderr.WriteLine($"{r.Failures.Count} input(s) failed; the others were ingested:");
        foreach (var f in r.Failures) stderr.WriteLine($"error: {f.Source}: {f.Problem}");
    }
}
