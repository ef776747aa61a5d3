using System.Diagnostics;
using Lagebild.Store;

namespace Lagebild.Ingest;

/// <summary>The result of re-running extraction over stored documents.</summary>
public sealed class ReextractReport
{
    public int Documents { get; set; }
    public int Changed { get; set; }
    public long ClaimsBefore { get; set; }
    public long ClaimsAfter { get; set; }
    public bool Cancelled { get; set; }
    public List<IngestError> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// Re-runs extraction over every stored document after the rules or the language tables changed, replacing each
/// document's mentions, quotes and claims in one transaction: an interrupted run leaves every document either
/// with its old or with its new analysis, and running it again finishes the job.
/// </summary>
public sealed class Reextractor
{
    private readonly IClaimStore _store;
    private readonly Extractor _extractor;

    public Reextractor(IClaimStore store, Extractor extractor) { _store = store; _extractor = extractor; }

    public ReextractReport Run(Action<int, int, double>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new ReextractReport { ClaimsBefore = _store.Stats().Claims };
        var ids = _store.DocumentIds();
        for (int i = 0; i < ids.Count; i++)
        {
            if (cancel.IsCancellationRequested) { report.Cancelled = true; break; }
            var id = ids[i];
            var before = _store.LoadDocument(id, withAnnotations: true);
            if (before == null) continue; // deleted meanwhile
            var fresh = _store.LoadDocument(id, withAnnotations: false)!;
            var source = $"document {id} ({before.Source ?? before.Url ?? before.Id})";
            try
            {
                _extractor.Extract(fresh);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                report.Failures.Add(new IngestError(source, $"extraction failed: {e.GetType().Name}: {e.Message}"));
                continue;
            }
            try
            {
                _store.ReplaceAnnotations(id, fresh);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or StoreException)
            {
                report.Failures.Add(new IngestError(source, $"could not be stored: {e.Message}"));
                continue;
            }
            report.Documents++;
            if (!SameClaims(before, fresh)) report.Changed++;
            progress?.Invoke(i + 1, ids.Count, clock.Elapsed.TotalSeconds > 0 ? (i + 1) / clock.Elapsed.TotalSeconds : 0);
        }
        report.ClaimsAfter = _store.Stats().Claims;
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private static bool SameClaims(Text.Document a, Text.Document b) =>
        a.Claims.Count == b.Claims.Count &&
        a.Claims.Zip(b.Claims).All(p => p.First.Supplier == p.Second.Supplier && p.First.Recipient == p.Second.Recipient && p.First.Item == p.Second.Item
                                        && p.First.Negated == p.Second.Negated && p.First.Status == p.Second.Status && p.First.Claimant == p.Second.Claimant
                                        && p.First.Evidence == p.Second.Evidence);
}
