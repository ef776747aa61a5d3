using System.Collections.Concurrent;
using System.Diagnostics;
using Lagebild.Store;
using Lagebild.Text;

namespace Lagebild.Ingest;

public sealed record IngestOptions
{
    public ReadOptions Read { get; init; } = ReadOptions.Default;
    /// <summary>Documents longer than this (characters) are refused: no news article is, junk often is.</summary>
    public int MaxDocumentChars { get; init; } = 1_000_000;
    /// <summary>Extraction threads (used by the <see cref="Ingestor"/> constructor that takes an extractor factory).</summary>
    public int Jobs { get; init; } = 1;
}

/// <summary>What happened to one document.</summary>
public enum IngestStatus { Added, DuplicateUrl, DuplicateContent, Failed }

public sealed record IngestOutcome(IngestStatus Status, long? DocumentId, int Claims, IngestError? Error)
{
    public static IngestOutcome Fail(string source, string problem) => new(IngestStatus.Failed, null, 0, new IngestError(source, problem));
}

/// <summary>Where an ingest run stands, for a progress display.</summary>
public sealed record IngestProgress(int FilesDone, int FilesTotal, int Added, int Skipped, int Failed, TimeSpan Elapsed)
{
    public int Documents => Added + Skipped;
    /// <summary>Documents read (added or skipped) per second so far.</summary>
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;
}

/// <summary>The result of a run: counts and every failure with its file and problem.</summary>
public sealed class IngestReport
{
    public int Files { get; set; }
    public int Added { get; set; }
    public int SkippedUrl { get; set; }
    public int SkippedContent { get; set; }
    public int Claims { get; set; }
    public bool Cancelled { get; set; }
    public List<IngestError> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }
    public int Skipped => SkippedUrl + SkippedContent;
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? (Added + Skipped) / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Reads inputs, skips what is already stored (same URL or same content, checked before the costly extraction),
/// extracts claims and stores each document in its own transaction. A killed run leaves only whole documents,
/// and running it again adds exactly the missing ones. A bad input is recorded and the batch goes on.
/// With <see cref="IngestOptions.Jobs"/> &gt; 1, extraction runs on several threads (one extractor each) while
/// reading, duplicate checks and all writes stay on the calling thread, in input order.
/// </summary>
public sealed class Ingestor
{
    private readonly IClaimStore _store;
    private readonly IngestOptions _options;
    private readonly Func<Extractor> _newExtractor;
    private readonly ConcurrentBag<Extractor> _extractors = new();
    private readonly int _jobs;

    /// <summary>One extractor, one thread.</summary>
    public Ingestor(IClaimStore store, Extractor extractor, IngestOptions? options = null)
    {
        _store = store; _options = options ?? new IngestOptions();
        _extractors.Add(extractor);
        _newExtractor = () => extractor;
        _jobs = 1;
    }

    /// <summary><see cref="IngestOptions.Jobs"/> extraction threads, each with an extractor from <paramref name="newExtractor"/>.</summary>
    public Ingestor(IClaimStore store, Func<Extractor> newExtractor, IngestOptions? options = null)
    {
        _store = store; _options = options ?? new IngestOptions();
        _newExtractor = newExtractor;
        _jobs = Math.Max(1, _options.Jobs);
    }

    /// <summary>Ingests files, directories and globs.</summary>
    public IngestReport Run(IEnumerable<string> paths, Action<IngestProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new IngestReport();
        var (files, errors) = IngestInputs.Expand(paths);
        report.Failures.AddRange(errors);
        report.Files = files.Count;
        IEnumerable<(int File, ReadResult Result)> Results()
        {
            for (int i = 0; i < files.Count; i++)
                foreach (var r in IngestInputs.ReadFile(files[i], _options.Read)) yield return (i, r);
        }
        Process(Results(), report, file => progress?.Invoke(Progress(report, file, files.Count, clock.Elapsed)), cancel);
        progress?.Invoke(Progress(report, report.Cancelled ? 0 : files.Count, files.Count, clock.Elapsed));
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Ingests documents (or read errors) that come from elsewhere, such as the built-in samples.</summary>
    public IngestReport Run(IEnumerable<ReadResult> results, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new IngestReport();
        Process(results.Select(r => (0, r)), report, null, cancel);
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private static IngestProgress Progress(IngestReport r, int done, int total, TimeSpan elapsed) =>
        new(done, total, r.Added, r.Skipped, r.Failures.Count, elapsed);

    private static void Record(IngestReport report, IngestOutcome outcome)
    {
        switch (outcome.Status)
        {
            case IngestStatus.Added: report.Added++; report.Claims += outcome.Claims; break;
            case IngestStatus.DuplicateUrl: report.SkippedUrl++; break;
            case IngestStatus.DuplicateContent: report.SkippedContent++; break;
            default: report.Failures.Add(outcome.Error!); break;
        }
    }

    /// <summary>A document on its way: decided already (read error, duplicate, too long), or being extracted.</summary>
    private sealed record Pending(int File, IngestOutcome? Decided, Document? Document, Task<string?>? Extraction);

    private void Process(IEnumerable<(int File, ReadResult Result)> results, IngestReport report, Action<int>? afterDocument, CancellationToken cancel)
    {
        var window = new Queue<Pending>();
        void Drain()
        {
            var p = window.Dequeue();
            IngestOutcome outcome;
            if (p.Decided != null) outcome = p.Decided;
            else
            {
                var problem = p.Extraction!.GetAwaiter().GetResult();
                outcome = problem != null ? IngestOutcome.Fail(p.Document!.Source ?? p.Document.Id, problem) : Store(p.Document!);
            }
            Record(report, outcome);
            afterDocument?.Invoke(p.File);
        }
        foreach (var (file, result) in results)
        {
            if (cancel.IsCancellationRequested) { report.Cancelled = true; break; }
            if (!result.IsOk) window.Enqueue(new Pending(file, new IngestOutcome(IngestStatus.Failed, null, 0, result.Error), null, null));
            else if (Check(result.Document) is { } decided) window.Enqueue(new Pending(file, decided, null, null));
            else if (_jobs == 1)
            {
                var doc = result.Document;
                window.Enqueue(new Pending(file, null, doc, Task.FromResult(Extract(doc))));
            }
            else
            {
                var doc = result.Document;
                window.Enqueue(new Pending(file, null, doc, Task.Run(() => Extract(doc))));
            }
            while (window.Count > (_jobs == 1 ? 0 : _jobs * 2)) Drain();
        }
        while (window.Count > 0) Drain(); // documents already being extracted are finished and stored, also when cancelled
    }

    /// <summary>One document: skip when stored, else extract and store atomically. Never throws for the document's content.</summary>
    public IngestOutcome Ingest(Document document)
    {
        if (Check(document) is { } decided) return decided;
        if (Extract(document) is { } problem) return IngestOutcome.Fail(document.Source ?? document.Id, problem);
        return Store(document);
    }

    /// <summary>The outcome when the document need not be extracted (too long, already stored), else null.</summary>
    private IngestOutcome? Check(Document document)
    {
        var source = document.Source ?? document.Id;
        if (document.Text.Length > _options.MaxDocumentChars)
            return IngestOutcome.Fail(source, $"document too long ({document.Text.Length:N0} characters > {_options.MaxDocumentChars:N0} limit)");
        var sha = DocumentKeys.Sha256(document.Text);
        if (_store.FindDuplicate(document.Url, sha) is { } duplicate)
            return new IngestOutcome(duplicate.Kind == DuplicateKind.Url ? IngestStatus.DuplicateUrl : IngestStatus.DuplicateContent, duplicate.DocumentId, 0, null);
        return null;
    }

    /// <summary>Runs extraction with an extractor no other thread uses; returns the problem, or null.</summary>
    private string? Extract(Document document)
    {
        if (!_extractors.TryTake(out var extractor))
        {
            try { extractor = _newExtractor(); }
            catch (Exception e) when (e is not OutOfMemoryException) { return $"extraction failed: the extractor could not be created: {e.Message}"; }
        }
        try
        {
            extractor.Extract(document);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"extraction failed: {e.GetType().Name}: {e.Message}";
        }
        finally
        {
            _extractors.Add(extractor);
        }
    }

    private IngestOutcome Store(Document document)
    {
        try
        {
            var added = _store.AddDocument(document);
            if (!added.Added)
                return new IngestOutcome(added.Duplicate == DuplicateKind.Url ? IngestStatus.DuplicateUrl : IngestStatus.DuplicateContent, added.DocumentId, 0, null);
            return new IngestOutcome(IngestStatus.Added, added.DocumentId, document.Claims.Count, null);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or StoreException or InvalidOperationException)
        {
            return IngestOutcome.Fail(document.Source ?? document.Id, $"could not be stored: {e.Message}");
        }
    }
}
