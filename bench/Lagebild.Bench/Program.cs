using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lagebild.Knowledge;
using Lagebild.Nlp;
using Lagebild.Text;

namespace Lagebild.Bench;

/// <summary>
/// Extract throughput of the full pipeline and of tokenizer+sentences alone, single-threaded:
/// load the documents once, warm up, then time N passes over fresh copies and report median and slowest.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: Lagebild.Bench [--iterations N] [--warmup N] [--warmup-seconds S] [--json] [--bdn] [PATH...]\n" +
        "  PATH                files, directories or globs (default: shared/eval/dev/texts and shared/seeds,\n" +
        "                      found by walking up from the current directory or the binary)\n" +
        "  --iterations N      timed passes per pipeline (default 20)\n" +
        "  --warmup N          at least N untimed passes first, the first of them cold (default 5)\n" +
        "  --warmup-seconds S  and keep warming up until S seconds have passed (default 5)\n" +
        "  --json              print one JSON object instead of the table\n" +
        "  --bdn               run the same passes under BenchmarkDotNet instead (thorough, takes minutes)";

    public static int Main(string[] args)
    {
        int iterations = 20, warmup = 5;
        double warmupSeconds = 5;
        bool json = false, bdn = false;
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], out iterations) && iterations > 0: i++; break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out warmup) && warmup > 0: i++; break;
                case "--warmup-seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out warmupSeconds) && warmupSeconds >= 0: i++; break;
                case "--json": json = true; break;
                case "--bdn": bdn = true; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case var a when a.StartsWith('-'): Console.Error.WriteLine($"bad option or value: {a}\n{Usage}"); return 2;
                default: paths.Add(args[i]); break;
            }
        }

        if (typeof(Extractor).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            Console.Error.WriteLine("warning: Lagebild was built without optimizations; use -c Release");
        if (bdn)
        {
            PipelineBenchmarks.RunAll(paths);
            return 0;
        }

        var corpus = Corpus.Load(paths);
        BenchCase[] cases =
        [
            new("extract (full)", () => Extractor.Create().Extract, "claims", d => d.Claims.Count),
            new("tokens+sentences", () => TokensAndSentences().Run, "sentences", d => d.Sentences.Count),
            // The trained models alone (on top of tokens and sentences), to hold the speed targets of issue 6:
            // tagger + NER >= 100k words/s, all models including the parser >= 50k words/s.
            new("tagger+NER", () => WithModels(ModelLayers.Tags | ModelLayers.Entities), "tagged", Tagged),
            new("models (all)", () => WithModels(ModelLayers.All), "parsed", d => d.Tokens.Count(t => t.Deprel != null)),
        ];
        var results = cases.Select(c => Measure.Run(c, corpus, warmup, warmupSeconds, iterations)).ToList();
        long peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;

        if (json) PrintJson(corpus, warmup, warmupSeconds, iterations, results, peakWorkingSet);
        else PrintTable(corpus, warmup, warmupSeconds, iterations, results, peakWorkingSet);
        return 0;
    }

    /// <summary>Tokens, sentences and the given model layers, one pipeline per language.</summary>
    public static Func<Document, Document> WithModels(ModelLayers layers)
    {
        var pipelines = new Dictionary<string, Pipeline>();
        return doc =>
        {
            if (!pipelines.TryGetValue(doc.Lang, out var p))
                pipelines[doc.Lang] = p = new PipelineBuilder(new TableSource(), doc.Lang)
                    .UseParagraphs().UseTokenizer().UseSentences().UseModels(layers).Build();
            return p.Run(doc);
        };
    }

    private static int Tagged(Document d) => d.Tokens.Count(t => t.Pos != null || t.Entity != null);

    /// <summary>The cheap front of the pipeline, to separate segmentation cost from extraction cost.</summary>
    public static Pipeline TokensAndSentences() =>
        new PipelineBuilder(new TableSource(), "de").UseParagraphs().UseTokenizer().UseSentences().Build();

    private static object Machine() => new
    {
        processorCount = Environment.ProcessorCount,
        cpu = CpuModel(),
        os = RuntimeInformation.OSDescription,
        architecture = RuntimeInformation.ProcessArchitecture.ToString(),
        runtime = RuntimeInformation.FrameworkDescription,
        serverGc = GCSettings.IsServerGC,
    };

    private static string? CpuModel()
    {
        // Linux only; elsewhere the processor count and OS have to do.
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return null;
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    private static void PrintJson(Corpus corpus, int warmup, double warmupSeconds, int iterations, List<CaseResult> results, long peakWorkingSet)
    {
        var report = new
        {
            machine = Machine(),
            corpus = new { documents = corpus.Documents.Count, words = corpus.Words, paths = corpus.Paths },
            method = new { minWarmupPasses = warmup, minWarmupSeconds = warmupSeconds, timedPasses = iterations, threads = 1 },
            results,
            peakWorkingSetBytes = peakWorkingSet,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "+" in names readable; output goes to a terminal or file
        }));
    }

    private static void PrintTable(Corpus corpus, int warmup, double warmupSeconds, int iterations, List<CaseResult> results, long peakWorkingSet)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("Lagebild extract throughput");
        Console.WriteLine($"machine  {Environment.ProcessorCount} processors{(CpuModel() is { } cpu ? $" ({cpu})" : "")}, " +
                          $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}" +
                          $"{(GCSettings.IsServerGC ? ", server GC" : "")}");
        Console.WriteLine($"corpus   {corpus.Documents.Count} documents, {corpus.Words.ToString("N0", inv)} words from {string.Join(", ", corpus.Paths)}");
        Console.WriteLine($"method   single thread; warm-up of at least {warmup} passes and {warmupSeconds.ToString(inv)} s (first pass cold), then {iterations} timed passes over fresh document copies");
        Console.WriteLine();
        Console.WriteLine($"{"pipeline",-18} {"words/s med",12} {"min",10} {"docs/s med",11} {"min",9} {"ms/pass",9} {"alloc/doc",10} {"cold ms",8} {"warm-up",7}  output/pass");
        foreach (var r in results)
        {
            Console.WriteLine(string.Format(inv, "{0,-18} {1,12:N0} {2,10:N0} {3,11:N1} {4,9:N1} {5,9:N2} {6,10} {7,8:N0} {8,7}  {9} {10}",
                r.Name, r.MedianWordsPerSecond, r.MinWordsPerSecond, r.MedianDocumentsPerSecond, r.MinDocumentsPerSecond,
                r.MedianMillisecondsPerPass, Bytes(r.AllocatedBytesPerDocument), r.ColdMilliseconds, r.WarmupPasses, r.OutputPerPass, r.OutputName));
        }
        Console.WriteLine();
        Console.WriteLine($"peak working set {Bytes(peakWorkingSet)} (whole process); min = slowest pass; cold = building the pipeline + first pass; warm-up = passes run before timing");
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (double)(1 << 30)).ToString("0.0 GiB", CultureInfo.InvariantCulture),
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0 MiB", CultureInfo.InvariantCulture),
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture),
        _ => $"{bytes} B",
    };
}
