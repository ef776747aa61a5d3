using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Web;

/// <summary>
/// The page in headless Debian chromium, driven by playwright-core from the web project's npm packages (no browser
/// download): the demo network, an edge's evidence, the item-class filter, and an article with script payloads that
/// must render as text. Screenshots land in the test output directory under web-screenshots/.
/// </summary>
[Collection("web")]
public sealed class BrowserTests(WebFixture web, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    private static string? PlaywrightCore()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Lagebild.Web", "node_modules", "playwright-core");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    [Fact]
    public async Task Page_ShowsTheNetwork_EdgeEvidence_FiltersByItemClass_AndRendersScriptPayloadsAsText()
    {
        if (!File.Exists(Chromium))
        {
            output.WriteLine($"SKIPPED: {Chromium} is not installed (apt-get install chromium; .ci/run installs it)");
            return;
        }
        var module = PlaywrightCore() ?? throw new InvalidOperationException("playwright-core not found under src/Lagebild.Web/node_modules (the web project's build runs npm ci)");
        var shots = Path.Combine(AppContext.BaseDirectory, "web-screenshots");
        Directory.CreateDirectory(shots);
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Web", "browser-check.cjs"));
        info.ArgumentList.Add(web.BaseUrl);
        info.ArgumentList.Add(shots);
        info.Environment["PLAYWRIGHT_CORE"] = module;
        info.Environment["CHROMIUM"] = Chromium;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("browser check did not finish in 60 s: " + await stderr);
        }
        var (text, errors) = (await stdout, await stderr);
        Assert.True(p.ExitCode == 0, $"browser check failed:\n{errors}\n{text}");
        output.WriteLine(text);
        var r = JsonDocument.Parse(text).RootElement;
        List<string> Strings(string name) => r.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToList();

        Assert.Contains(Strings("edges"), e => e.StartsWith("CN → RU "));
        var evidence = Strings("evidence");
        Assert.NotEmpty(evidence);
        Assert.Contains(evidence, s => s.Contains("supplied Russia with microelectronics"));
        Assert.Contains("supplied", Strings("highlights"));
        Assert.Contains(Strings("meta"), m => m.Contains("Example Tribune"));
        var lethal = Strings("lethal");
        Assert.NotEmpty(lethal);
        Assert.All(lethal, l => Assert.StartsWith("lethal ", l));
        Assert.DoesNotContain(lethal, l => l.Contains("microelectronics"));
        Assert.True(r.GetProperty("timelineBars").GetInt32() > 0);

        Assert.Contains(WebFixture.XssTitle, Strings("searchTitles"));
        Assert.Equal(WebFixture.XssTitle, r.GetProperty("docTitle").GetString());
        Assert.Contains("<script>window.__xss = 4</script>", r.GetProperty("docText").GetString());
        Assert.Contains("Russia", Strings("docMarks"));
        Assert.Contains(Strings("xssEvidence"), s => s.Contains("onerror="));
        Assert.Equal(0, r.GetProperty("injectedElements").GetInt32());
        Assert.Equal(0, r.GetProperty("injectedAfter").GetInt32());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("xssFlag").ValueKind);
        Assert.Empty(r.GetProperty("dialogs").EnumerateArray());
        Assert.Empty(r.GetProperty("pageErrors").EnumerateArray());
        Assert.DoesNotContain(Strings("console"), c => c.StartsWith("error"));
        Assert.True(File.Exists(Path.Combine(shots, "lagebild-edge-evidence.png")));
    }
}
