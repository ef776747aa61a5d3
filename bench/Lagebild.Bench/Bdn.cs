using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lagebild.Nlp;

namespace Lagebild.Bench;

/// <summary>
/// The optional <c>--bdn</c> mode: the same two passes under BenchmarkDotNet. In-process, so the static
/// <see cref="Paths"/> reaches the benchmark and no separate project has to be generated and built.
/// One operation is one pass over the whole corpus, including making its fresh document copies (a few small objects).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    internal static IReadOnlyList<string> Paths { get; set; } = [];

    private Corpus _corpus = null!;
    private Extractor _extractor = null!;
    private Pipeline _tokens = null!;

    public static void RunAll(IReadOnlyList<string> paths)
    {
        Paths = paths;
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkRunner.Run<PipelineBenchmarks>(config);
        var corpus = Corpus.Load(paths);
        Console.WriteLine($"One operation = one pass over {corpus.Documents.Count} documents, {corpus.Words} words.");
    }

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Corpus.Load(Paths);
        _extractor = Extractor.Create();
        _tokens = Program.TokensAndSentences();
    }

    [Benchmark(Baseline = true, Description = "extract (full)")]
    public int Extract()
    {
        int claims = 0;
        foreach (var document in _corpus.FreshCopies()) claims += _extractor.Extract(document).Claims.Count;
        return claims;
    }

    [Benchmark(Description = "tokens+sentences")]
    public int TokensAndSentences()
    {
        int sentences = 0;
        foreach (var document in _corpus.FreshCopies()) sentences += _tokens.Run(document).Sentences.Count;
        return sentences;
    }
}
