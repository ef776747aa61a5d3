using System.CommandLine;
using System.Text.Json;
using Lagebild.Text;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild eval-tokens --lang de|en [--json] [--errors N] FILE.conllu...</c>: token and sentence boundary
/// precision, recall and F1 of the tokenizer and sentence splitter against Universal Dependencies treebanks.
/// </summary>
public static class EvalTokensCommand
{
    public static Command Create()
    {
        var lang = new Option<string>("--lang", "-l")
        {
            Description = "Language of the treebanks (de or en)",
            DefaultValueFactory = _ => "de",
        };
        lang.AcceptOnlyFromAmong("de", "en");
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file instead of a table" };
        var errors = new Option<int>("--errors")
        {
            Description = "Also print up to N missed tokens and sentence boundaries per file",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var knowledge = CommandSupport.KnowledgeOption();
        var files = new Argument<string[]>("files")
        {
            Description = "CoNLL-U files (.conllu or .conllu.gz)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("eval-tokens", "Score the tokenizer and sentence splitter on UD treebanks")
        {
            lang, json, errors, knowledge, files,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(lang)!, parse.GetValue(json),
            parse.GetValue(errors), parse.GetValue(knowledge), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string lang, bool json, int errors, string? knowledge,
        TextWriter stdout, TextWriter stderr)
    {
        Abbreviations abbreviations;
        try
        {
            abbreviations = Abbreviations.Load(new Lagebild.Knowledge.TableSource(knowledge), lang);
        }
        catch (Lagebild.Knowledge.KnowledgeException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
        var evaluator = new UdBoundaryEvaluator(abbreviations);
        var results = new List<UdBoundaryResult>();
        int failures = 0;
        foreach (var file in files)
        {
            try
            {
                results.Add(evaluator.EvaluateFile(file, lang, errors));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                stderr.WriteLine($"error: {file}: {ex.Message}");
                failures++;
            }
        }
        if (json) WriteJson(results, stdout);
        else WriteTable(results, stdout);
        return failures == 0 ? 0 : 1;
    }

    private static void WriteJson(List<UdBoundaryResult> results, TextWriter stdout)
    {
        foreach (var r in results)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                file = r.File, lang = r.Lang,
                tokens = new { gold = r.GoldTokens, predicted = r.PredictedTokens, correct = r.CorrectTokens,
                               precision = Round(r.TokenPrecision), recall = Round(r.TokenRecall), f1 = Round(r.TokenF1) },
                sentences = new { gold = r.GoldSentences, predicted = r.PredictedSentences, correct = r.CorrectSentences,
                                  precision = Round(r.SentencePrecision), recall = Round(r.SentenceRecall), f1 = Round(r.SentenceF1) },
                alignmentErrors = r.AlignmentErrors,
                examples = r.Examples,
            }));
        }
    }

    private static double Round(double x) => Math.Round(x, 4);

    private static void WriteTable(List<UdBoundaryResult> results, TextWriter stdout)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        console.Profile.Width = Math.Max(console.Profile.Width, 120); // redirected output would wrap at 80
        var table = new Table().AddColumns("file", "tokens", "tok P", "tok R", "tok F1", "sentences", "sent P", "sent R", "sent F1");
        foreach (var c in table.Columns.Skip(1)) c.RightAligned();
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.File), r.GoldTokens.ToString(), F(r.TokenPrecision), F(r.TokenRecall), F(r.TokenF1),
                r.GoldSentences.ToString(), F(r.SentencePrecision), F(r.SentenceRecall), F(r.SentenceF1));
        }
        console.Write(table);
        foreach (var r in results)
        {
            if (r.AlignmentErrors > 0)
                stdout.WriteLine($"{r.File}: {r.AlignmentErrors} gold forms did not match the sentence text");
            foreach (var e in r.Examples) stdout.WriteLine($"{r.File}: {e}");
        }
    }

    private static string F(double x) => x.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
