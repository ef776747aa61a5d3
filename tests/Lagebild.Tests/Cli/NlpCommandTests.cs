using System.Text.Json.Nodes;
using Lagebild.Cli.Commands;
using Xunit;

namespace Lagebild.Tests.Cli;

public sealed class NlpCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-nlp-cli-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eval_nlp_json_has_the_contract_keys_and_nulls_where_nothing_was_measured()
    {
        var models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, EvalNlpCommand.Run(data, json: true, models, speed: true, stdout, stderr));
        var root = JsonNode.Parse(stdout.ToString())!.AsObject();
        Assert.Equal(["de", "en", "words_per_second"], root.Select(p => p.Key));
        Assert.Equal(["upos", "lemma", "ner_f1", "las"], root["de"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["upos", "lemma", "uas", "las", "ner_f1"], root["en"]!.AsObject().Select(p => p.Key));
        Assert.All(root["en"]!.AsObject(), p => Assert.Null(p.Value));
        Assert.Null(root["words_per_second"]);
    }

    [Fact]
    public void Missing_directories_are_named()
    {
        var stderr = new StringWriter();
        var missing = Path.Combine(_dir, "nowhere");
        Assert.Equal(2, EvalNlpCommand.Run(missing, json: true, null, speed: false, new StringWriter(), stderr));
        Assert.Contains(missing, stderr.ToString());

        var (exit, _, err) = CliProcess.Run(_dir, "train", "tagger", "--lang", "de", "--data", missing, "--out", Path.Combine(_dir, "t.lgbm"));
        Assert.Equal(2, exit);
        Assert.Contains("data directory not found", err);
    }

    [Fact]
    public void Train_offers_every_model_kind_and_checks_the_language()
    {
        var (exit, output, _) = CliProcess.Run(_dir, "train", "--help");
        Assert.Equal(0, exit);
        foreach (var kind in new[] { "langid", "tagger", "lemmatizer", "ner", "parser" }) Assert.Contains(kind, output);
        var (bad, _, err) = CliProcess.Run(_dir, "train", "ner", "--lang", "fr", "--data", _dir, "--out", "x.lgbm");
        Assert.NotEqual(0, bad);
        Assert.Contains("fr", err);
    }
}
