using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Models;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild train langid|tagger|lemmatizer|ner|parser ...</c>: trains a model shipped with Lagebild from the open
/// corpora, writes it and records it (data files with SHA-256 and licence, parameters, test scores, date) in the
/// manifest.json beside it. The model kinds come from <see cref="ModelRegistry.Recipes"/>.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train a model shipped with Lagebild") { LangIdCommand.CreateTrainLangId() };
        foreach (var recipe in ModelRegistry.Recipes) train.Subcommands.Add(CreateFor(recipe));
        var dir = new Option<string>("--dir") { Description = "The model directory", HelpName = "DIR", DefaultValueFactory = _ => "models" };
        var manifest = new Command("manifest", "Rewrite DIR/manifest.json from the model files' headers") { dir };
        manifest.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            if (!Directory.Exists(d)) { Console.Error.WriteLine($"error: {d}: model directory not found"); return 2; }
            try { Console.WriteLine(ModelManifest.Rebuild(d)); return 0; }
            catch (ModelFormatException e) { Console.Error.WriteLine($"error: {e.Message}"); return 1; }
        });
        train.Subcommands.Add(manifest);
        return train;
    }

    private static Command CreateFor(IModelRecipe recipe)
    {
        var lang = new Option<string>("--lang", "-l") { Description = "Language of the model", Required = true };
        lang.AcceptOnlyFromAmong(recipe.Languages.ToArray());
        var data = new Option<string>("--data")
        {
            Description = "The shared data directory with the corpora (../shared/data)", HelpName = "DIR", Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = $"Where to write the model (models/{recipe.Kind}-LANG{NlpModelSet.Extension}); the manifest beside it is updated",
            HelpName = "FILE", Required = true,
        };
        var command = new Command(recipe.Kind, $"Train the {recipe.Kind} from the open corpora") { lang, data, output };
        command.SetAction(parse => Run(recipe, parse.GetValue(lang)!, parse.GetValue(data)!, parse.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(IModelRecipe recipe, string lang, string dataDirectory, string outPath, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(dataDirectory))
        {
            stderr.WriteLine($"error: {dataDirectory}: data directory not found");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        TrainingReport report;
        try
        {
            report = recipe.Train(lang, dataDirectory, outPath, stdout);
        }
        catch (Exception e) when (e is Lagebild.Nlp.Corpora.CorpusFormatException or IOException or ModelFormatException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        var manifest = ModelManifest.Record(report);
        var scores = string.Join(", ", report.Scores.Select(s => $"{s.Key} {(s.Value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-")}"));
        stdout.WriteLine($"{report.ModelPath}: {new FileInfo(report.ModelPath).Length:N0} bytes, {watch.Elapsed.TotalSeconds:0} s; {scores}; manifest {manifest}");
        return 0;
    }
}
