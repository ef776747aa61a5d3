using System.Diagnostics;
using Lagebild.Store;
using Lagebild.Text;

namespace Lagebild.Ingest;

public sealed record IngestOptions
{
    public ReadOptions Read { get; init; } = ReadOptions.Default;
    /// <summary>Documents longer than this (characters) are refused: no news article is, junk often is.</summary>
    public int MaxDocumentChars { get; init; } = 1_000_000;
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
/// </summary>
public sealed class Ingestor
{
    private readonly IClaimStore _store;
    private readonly Extractor _extractor;
    private readonly IngestOptions _options;

    public Ingestor(IClaimStore store, Extractor extractor, IngestOptions? options = null)
    {
        _store = store; _extractor = extractor; _options = options ?? new IngestOptions();
    }

    /// <summary>Ingests files, directories and globs.</summary>
    public IngestReport Run(IEnumerable<string> paths, Action<IngestProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new IngestReport();
        var (files, errors) = IngestInputs.Expand(paths);
        report.Failures.AddRange(errors);
        report.Files = files.Count;
        for (int i = 0; i < files.Count; i++)
        {
            if (cancel.IsCancellationRequested) { report.Cancelled = true; break; }
            foreach (var result in IngestInputs.ReadFile(files[i], _options.Read))
            {
                if (cancel.IsCancellationRequested) { report.Cancelled = true; break; }
                Record(report, result.IsOk ? Ingest(result.Document) : new IngestOutcome(IngestStatus.Failed, null, 0, result.Error));
                progress?.Invoke(Progress(report, i, files.Count, clock.Elapsed));
            }
            progress?.Invoke(Progress(report, i + 1, files.Count, clock.Elapsed));
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Ingests documents (or read errors) that come from elsewhere, such as the built-in samples.</summary>
    public IngestReport Run(IEnumerable<ReadResult> results, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new IngestReport();
        foreach (var result in results)
        {
            if (cancel.IsCancellationRequested) { report.Cancelled = true; break; }
            Record(report, result.IsOk ? Ingest(result.Document) : new IngestOutcome(IngestStatus.Failed, null, 0, result.Error));
        }
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

    /// <summary>One document: skip when stored, else extract and store atomically. Never throws for the document's content.</summary>
    public IngestOutcome Ingest(Document document)
    {
        var source = document.Source ?? document.Id;
        if (document.Text.Length > _options.MaxDocumentChars)
            return IngestOutcome.Fail(source, $"document too long ({document.Text.Length:N0} characters > {_options.MaxDocumentChars:N0} limit)");
        var sha = DocumentKeys.Sha256(document.Text);
        if (_store.FindDuplicate(document.Url, sha) is { } duplicate)
            return new IngestOutcome(duplicate.Kind == DuplicateKind.Url ? IngestStatus.DuplicateUrl : IngestStatus.DuplicateContent, duplicate.DocumentId, 0, null);
        try
        {
            _extractor.Extract(document);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return IngestOutcome.Fail(source, $"extraction failed: {e.GetType().Name}: {e.Message}");
        }
        try
        {
            var added = _store.AddDocument(document);
            if (!added.Added)
                return new IngestOutcome(added.Duplicate == DuplicateKind.Url ? IngestStatus.DuplicateUrl : IngestStatus.DuplicateContent, added.DocumentId, 0, null);
            return new IngestOutcome(IngestStatus.Added, added.DocumentId, document.Claims.Count, null);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or StoreException or InvalidOperationException)
        {
            return IngestOutcome.Fail(source, $"could not be stored: {e.Message}");
        }
    }
}
