using System.Diagnostics;
using Lagebild.Text;

namespace Lagebild.Bench;

/// <summary>One pipeline to time. <see cref="Setup"/> builds it (timed as the cold start); <see cref="Output"/> counts what it produced.</summary>
public sealed record BenchCase(string Name, Func<Func<Document, Document>> Setup, string OutputName, Func<Document, int> Output);

public sealed record CaseResult(
    string Name, int WarmupPasses, int Iterations,
    double MedianWordsPerSecond, double MinWordsPerSecond,
    double MedianDocumentsPerSecond, double MinDocumentsPerSecond,
    double MedianMillisecondsPerPass, double ColdMilliseconds,
    long AllocatedBytesPerDocument, string OutputName, int OutputPerPass);

public static class Measure
{
    /// <summary>
    /// Builds the pipeline, runs untimed passes (the first is the cold start) until both <paramref name="warmupPasses"/>
    /// and <paramref name="warmupSeconds"/> are reached, then times <paramref name="iterations"/> passes.
    /// </summary>
    public static CaseResult Run(BenchCase bench, Corpus corpus, int warmupPasses, double warmupSeconds, int iterations)
    {
        long start = Stopwatch.GetTimestamp();
        var run = bench.Setup();
        int output = Pass(run, corpus.FreshCopies(), bench.Output);
        double coldMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        // Warm up by time as well as by count: tiered JIT keeps recompiling hot methods for seconds,
        // and passes before that are several times slower than the steady state (about 4 s on a 2-core VM).
        int warmed = 1;
        for (; warmed < warmupPasses || Stopwatch.GetElapsedTime(start).TotalSeconds < warmupSeconds; warmed++)
            Pass(run, corpus.FreshCopies(), bench.Output);

        var seconds = new double[iterations];
        var allocated = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            var documents = corpus.FreshCopies();
            // Collect outside the timed region so one pass does not pay for the garbage of the previous one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            foreach (var document in documents) run(document);
            seconds[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            int produced = documents.Sum(bench.Output);
            if (produced != output) Console.Error.WriteLine($"warning: {bench.Name} produced {produced} {bench.OutputName}, first pass {output}");
        }

        int docs = corpus.Documents.Count;
        double median = Median(seconds), slowest = seconds.Max();
        return new CaseResult(
            bench.Name, warmed, iterations,
            Math.Round(corpus.Words / median), Math.Round(corpus.Words / slowest),
            Math.Round(docs / median, 1), Math.Round(docs / slowest, 1),
            Math.Round(median * 1000, 2), Math.Round(coldMs, 1),
            (long)(Median(allocated) / docs), bench.OutputName, output);
    }

    private static int Pass(Func<Document, Document> run, Document[] documents, Func<Document, int> output)
    {
        int total = 0;
        foreach (var document in documents) total += output(run(document));
        return total;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
