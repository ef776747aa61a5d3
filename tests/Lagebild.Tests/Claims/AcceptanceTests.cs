using System.Text.Json;
using Lagebild.Claims;
using Lagebild.Evaluation;
using Lagebild.Ingest;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Claims;

/// <summary>
/// Extraction scored against the shared gold with the eval contract's rules (the scorer of ../shared/eval/score.py,
/// ported to <see cref="ClaimScorer"/>): the two seeds and the German dev documents. Skipped with a message when
/// ../shared is not beside the repository.
/// </summary>
public class AcceptanceTests
{
    private const double SeedF1Target = 0.95, DevF1Target = 0.75, DevPrecisionTarget = 0.85;

    private readonly ITestOutputHelper _out;
    public AcceptanceTests(ITestOutputHelper output) { _out = output; }

    private static Dictionary<string, JsonElement> Extract(string path)
    {
        var extractor = Extractor.Create();
        var lines = new List<string>();
        foreach (var r in DocumentReader.ReadPaths(new[] { path }))
        {
            Assert.True(r.IsOk, r.Error?.ToString());
            lines.Add(JsonSerializer.Serialize(DocumentResult.Eval(extractor.Extract(r.Document!)), DocumentResult.Json));
        }
        return ClaimScorer.LoadLines(lines);
    }

    private ClaimScorer.Result Report(ClaimScorer.Result r)
    {
        _out.WriteLine($"supply {r.Supply}; quotes {r.Quotes}");
        foreach (var m in r.Misses) _out.WriteLine("MISS  " + m);
        foreach (var e in r.Extras) _out.WriteLine("EXTRA " + e);
        return r;
    }

    [Fact]
    public void Seeds_SupplyF1AtLeast95_AndEveryGoldQuoteFound()
    {
        var seeds = SharedData.Combine("seeds");
        if (seeds == null) { _out.WriteLine(SharedData.Missing); return; }
        var gold = ClaimScorer.LoadLines(File.ReadAllLines(SharedData.Combine("eval", "dev", "seeds.gold.jsonl")!));
        var r = Report(ClaimScorer.Score(gold, Extract(seeds)));
        Assert.True(r.Supply.F1 >= SeedF1Target, $"seed supply below {SeedF1Target}: {r.Supply}");
        Assert.True(r.Quotes.Fn == 0, $"a gold quote of the seeds was missed: {r.Quotes}");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void DevSet_SupplyF1AtLeast75_PrecisionAtLeast85(string lang)
    {
        var texts = SharedData.Combine("eval", "dev", "texts");
        if (texts == null) { _out.WriteLine(SharedData.Missing); return; }
        var gold = ClaimScorer.LoadLines(File.ReadAllLines(SharedData.Combine("eval", "dev", "gold.jsonl")!)
            .Where(l => l.Contains($"\"lang\": \"{lang}\"") || l.Contains($"\"lang\":\"{lang}\"")));
        Assert.True(gold.Count >= 10, $"expected the {lang} dev documents");
        var r = Report(ClaimScorer.Score(gold, Extract(texts)));
        Assert.True(r.Supply.F1 >= DevF1Target && r.Supply.Precision >= DevPrecisionTarget,
            $"{lang} dev supply below F1 {DevF1Target} / precision {DevPrecisionTarget}: {r.Supply}");
    }
}
