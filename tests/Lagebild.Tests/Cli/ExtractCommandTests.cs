using System.Text.Json;
using Lagebild.Cli.Commands;
using Xunit;

namespace Lagebild.Tests.Cli;

public class ExtractCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-extract").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Eval_PrintsOneLinePerDocument_AndReportsBadFilesWithoutStopping()
    {
        Write("a-good.txt", "Titelzeile\n\nNach Angaben der Regierung liefert Frankreich der Ukraine weitere Haubitzen.\n");
        File.WriteAllBytes(Path.Combine(_dir, "b-binary.txt"), new byte[] { 0x50, 0x4b, 0x00, 0x01, 0x02, 0x00 });
        Write("c-english.txt", "URL: https://example.invalid/x\nLANG: en\n\nHeadline\n\nThe ministry said it shipped trucks.\n");
        Write("d-empty.txt", "");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ExtractCommand.Run(new[] { _dir }, "eval", null, stdout, stderr);

        Assert.Equal(1, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(new[] { "a-good", "c-english" }, lines.Select(l => l.GetProperty("doc").GetString()));
        var supplies = lines[0].GetProperty("supplies").EnumerateArray().ToList();
        Assert.Contains(supplies, c => c.GetProperty("supplier").GetString() == "FR" && c.GetProperty("recipient").GetString() == "UA"
                                        && c.GetProperty("item").GetString() == "conventional_weapons");
        Assert.Empty(lines[1].GetProperty("supplies").EnumerateArray());
        var errors = stderr.ToString();
        Assert.Contains("b-binary.txt", errors);
        Assert.Contains("d-empty.txt", errors);
    }

    [Fact]
    public void Json_CarriesOffsetsThatPointAtTheEvidence()
    {
        var path = Write("offsets.txt", "Titelzeile\n\nIran liefert Russland Kampfdrohnen, sagte ein Sprecher.\n");
        var stdout = new StringWriter();

        Assert.Equal(0, ExtractCommand.Run(new[] { path }, "json", null, stdout, new StringWriter()));

        var root = JsonDocument.Parse(stdout.ToString()).RootElement;
        var text = root.GetProperty("text").GetString()!;
        var claim = root.GetProperty("claims").EnumerateArray().Single();
        var evidence = claim.GetProperty("evidence");
        Assert.Equal(evidence.GetProperty("text").GetString(), text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()]);
        var cue = claim.GetProperty("cue");
        Assert.Equal("liefert", text[cue.GetProperty("start").GetInt32()..cue.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public void Text_MarksTheClaimWordsInTheEvidenceSentence()
    {
        var path = Write("marked.txt", "Titelzeile\n\nNordkorea schickt Russland Artilleriegranaten.\n");
        var stdout = new StringWriter();

        ExtractCommand.Run(new[] { path }, "text", null, stdout, new StringWriter());

        var output = stdout.ToString();
        Assert.Contains("KP -> RU  ammunition", output);
        Assert.Contains("[Nordkorea] [schickt] [Russland] [Artilleriegranaten]", output);
    }
}
