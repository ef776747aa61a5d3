using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Lagebild.Nlp.Evaluation;
using Lagebild.Nlp.Models;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild eval-nlp --data DIR [--json] [--models DIR] [--no-speed]</c>: scores the trained models on the test
/// splits (UD EWT and GSD, GermEval 2014, UNER EWT; gold tokenization) and measures their throughput.
/// The JSON form is <c>{"de": {"upos", "lemma", "ner_f1", "las"}, "en": {"upos", "lemma", "uas", "las", "ner_f1"},
/// "words_per_second"}</c>, percentages, null where not measured.
/// </summary>
public static class EvalNlpCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The shared data directory (../shared/data)", HelpName = "DIR", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var models = new Option<string?>("--models") { Description = "Model directory (default: the shipped models)", HelpName = "DIR" };
        var noSpeed = new Option<bool>("--no-speed") { Description = "Skip the throughput measurement" };
        var command = new Command("eval-nlp", "Score the tagger, lemmatizer, NER and parser on the test splits") { data, json, models, noSpeed };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(json), parse.GetValue(models), !parse.GetValue(noSpeed),
            Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dataDirectory, bool json, string? modelDirectory, bool speed, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(dataDirectory))
        {
            stderr.WriteLine($"error: {dataDirectory}: data directory not found");
            return 2;
        }
        if (modelDirectory != null && !Directory.Exists(modelDirectory))
        {
            stderr.WriteLine($"error: {modelDirectory}: model directory not found");
            return 2;
        }
        NlpEvaluation result;
        try
        {
            result = NlpEvaluator.Run(dataDirectory, modelDirectory, stderr, speed);
        }
        catch (Exception e) when (e is ModelFormatException or Lagebild.Nlp.Corpora.CorpusFormatException or IOException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        if (json)
        {
            var root = new JsonObject();
            foreach (var (lang, scores) in result.Languages)
            {
                var o = new JsonObject();
                foreach (var (key, value) in scores) o[key] = value is { } v ? Math.Round(v, 2) : null;
                root[lang] = o;
            }
            root["words_per_second"] = result.WordsPerSecond is { } w ? Math.Round(w) : null;
            stdout.WriteLine(root.ToJsonString());
            return 0;
        }
        var console = CommandSupport.Console(stdout);
        var table = new Table().AddColumn("lang").AddColumn("upos").AddColumn("lemma").AddColumn("ner_f1").AddColumn("uas").AddColumn("las");
        foreach (var (lang, scores) in result.Languages)
            table.AddRow(new[] { lang }.Concat(new[] { "upos", "lemma", "ner_f1", "uas", "las" }
                .Select(k => scores.TryGetValue(k, out var v) && v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-")).ToArray());
        console.Write(table);
        stdout.WriteLine(result.WordsPerSecond is { } wps
            ? $"throughput: {wps.ToString("N0", CultureInfo.InvariantCulture)} words/s (tagger+lemmatizer+NER+parser, one thread)"
            : "throughput: not measured");
        return 0;
    }
}
