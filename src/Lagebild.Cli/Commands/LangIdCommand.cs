using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Text;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild langid [--json] [--model FILE] FILE|DIR...</c>: the detected language of each document (header
/// LANG lines are not consulted); and <c>lagebild train langid --data DIR --out FILE</c>: trains the character n-gram
/// profile from the UD treebanks in DIR, scores it and writes a manifest beside it.
/// </summary>
public static class LangIdCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per document instead of tab-separated lines" };
        var model = new Option<string?>("--model") { Description = "A profile file to use instead of the built-in one", HelpName = "FILE" };
        var paths = new Argument<string[]>("paths") { Description = "Files, directories or globs", Arity = ArgumentArity.OneOrMore };
        var command = new Command("langid", "Print the detected language of each document") { json, model, paths };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(json), parse.GetValue(model), Console.Out, Console.Error));
        return command;
    }

    /// <summary>The <c>train langid</c> subcommand (the <c>train</c> verb is <see cref="TrainCommand"/>).</summary>
    public static Command CreateTrainLangId()
    {
        var data = new Option<string>("--data")
        {
            Description = "The shared data directory with the UD treebanks (../shared/data)", HelpName = "DIR", Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the profile (models/langid.tsv.gz); the manifest goes beside it", HelpName = "FILE", Required = true,
        };
        var dev = new Option<string?>("--dev")
        {
            Description = "Labelled documents to score as well (default: DIR/../eval/dev/texts when present)", HelpName = "DIR",
        };
        var top = new Option<int>("--top")
        {
            Description = "Most frequent n-grams kept per language", HelpName = "N",
            DefaultValueFactory = _ => new LanguageProfileOptions().TopPerLanguage,
        };
        var langid = new Command("langid", "Train the language identification profile from the UD treebanks") { data, output, dev, top };
        langid.SetAction(parse => Train(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(dev), parse.GetValue(top),
            Console.Out, Console.Error));
        return langid;
    }

    public static int Run(IEnumerable<string> paths, bool json, string? modelPath, TextWriter stdout, TextWriter stderr)
    {
        LanguageIdentifier identifier;
        try
        {
            identifier = modelPath == null ? LanguageIdentifier.Default : LanguageIdentifier.Load(modelPath);
        }
        catch (LanguageModelException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        int failures = 0;
        foreach (var doc in CommandSupport.ReadDocuments(paths, stderr, () => failures++))
        {
            var guess = identifier.Identify(doc.Text);
            var source = doc.Source ?? doc.Id;
            var confidence = Math.Round(guess.Confidence, 4);
            if (json)
                stdout.WriteLine(JsonSerializer.Serialize(new { file = source, id = doc.Id, lang = guess.Lang, confidence }));
            else
                stdout.WriteLine($"{source}\t{guess.Lang}\t{confidence.ToString("0.0000", CultureInfo.InvariantCulture)}");
        }
        return failures == 0 ? 0 : 1;
    }

    public static int Train(string dataDirectory, string outPath, string? devDirectory, int top, TextWriter stdout, TextWriter stderr)
    {
        var missing = LanguageProfileTrainer.TrainingFiles.Concat(LanguageProfileTrainer.CalibrationFiles)
            .Select(f => Path.Combine(dataDirectory, f.Path)).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            foreach (var m in missing) stderr.WriteLine($"error: {m}: training file not found");
            return 2;
        }
        if (top < 1)
        {
            stderr.WriteLine("error: --top must be at least 1");
            return 2;
        }
        devDirectory ??= Path.Combine(dataDirectory, "..", "eval", "dev", "texts");
        var options = new LanguageProfileOptions { TopPerLanguage = top };

        var identifier = LanguageProfileTrainer.TrainBuiltIn(dataDirectory, options);
        identifier.Save(outPath);
        var tests = LanguageProfileTrainer.ScoreTestFiles(identifier, dataDirectory);
        var documents = Directory.Exists(devDirectory) ? LanguageProfileTrainer.ScoreDocuments(identifier, devDirectory) : [];

        var manifestPath = ManifestPath(outPath);
        var manifest = LanguageProfileTrainer.Manifest(outPath, identifier, options, dataDirectory, tests, documents, DateTimeOffset.UtcNow);
        File.WriteAllText(manifestPath, manifest.ToJsonString(LanguageProfileTrainer.ManifestJson) + "\n");

        stdout.WriteLine($"{outPath}: {identifier.Size} n-grams, {new FileInfo(outPath).Length} bytes, "
                         + $"temperature {identifier.Temperature.ToString(CultureInfo.InvariantCulture)}; manifest {manifestPath}");
        foreach (var s in tests.Concat(documents))
        {
            stdout.WriteLine($"{s.Name,-28} {s.Lang}  {s.Correct,5}/{s.Total,-5} {s.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}");
            foreach (var e in s.Errors) stdout.WriteLine($"    {e}");
        }
        return 0;
    }

    /// <summary>"models/langid.tsv.gz" -> "models/langid.manifest.json".</summary>
    public static string ManifestPath(string modelPath)
    {
        var name = Path.GetFileName(modelPath);
        int dot = name.IndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        return Path.Combine(Path.GetDirectoryName(modelPath) ?? "", stem + ".manifest.json");
    }
}
