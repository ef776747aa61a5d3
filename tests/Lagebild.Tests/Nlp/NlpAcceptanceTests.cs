using Lagebild.Nlp.Evaluation;
using Xunit;

namespace Lagebild.Tests.Nlp;

/// <summary>
/// The shipped models on the test splits of ../shared/data (gold tokenization), as `eval-nlp` reports them.
/// Floors sit just under the figures in the closing note, so a regression fails; speed is measured in bench/.
/// </summary>
public sealed class NlpAcceptanceTests
{
    private static readonly Lazy<NlpEvaluation?> Result = new(() =>
    {
        var data = SharedData.Combine("data");
        return data == null || !Directory.Exists(data) ? null : NlpEvaluator.Run(data, null, TextWriter.Null, measureSpeed: false);
    });

    public static TheoryData<string, string, double> Floors => new()
    {
        { "de", "upos", 94.3 },
        { "de", "lemma", 96.7 },
        { "de", "ner_f1", 74.3 },
        { "de", "las", 72.2 },
        { "en", "upos", 95.5 },
        { "en", "lemma", 96.9 },
        { "en", "ner_f1", 75.8 },
        { "en", "uas", 85.9 },
        { "en", "las", 83.0 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void Shipped_model_holds_its_score(string lang, string key, double floor)
    {
        if (Result.Value is not { } result)
        {
            Console.WriteLine(SharedData.Missing);
            return;
        }
        var score = result.Languages[lang][key];
        Assert.NotNull(score);
        Assert.True(score >= floor, $"{lang} {key}: {score:0.00} < {floor}");
    }
}
