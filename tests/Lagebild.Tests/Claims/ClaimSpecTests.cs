using System.Text;
using Lagebild;
using Lagebild.Claims;
using Lagebild.Text;
using Xunit;
using Xunit.Abstractions;

namespace Lagebild.Tests.Claims;

/// <summary>
/// Runs every ```example block of Claims/Specs/*.md through the extractor and compares the claims as a set of
/// (supplier, recipient, item, negated) tuples; where a line gives status and claimant, at least one produced claim
/// of that tuple must carry them. Blocks opened with ```example pending report a mismatch instead of failing.
/// </summary>
public sealed class ClaimSpecTests(ITestOutputHelper output)
{
    // Loading the extractor is slow: one instance for all cases.
    private static readonly Lazy<Extractor> SharedExtractor = new(() => Extractor.Create(), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<IReadOnlyList<SpecCase>> AllCases = new(() => SpecFile.LoadDirectory(SpecDirectory));

    public static string SpecDirectory => Path.Combine(AppContext.BaseDirectory, "Claims", "Specs");

    public static IReadOnlyList<SpecCase> Cases => AllCases.Value;

    public static IEnumerable<object[]> Examples() => Cases.Select(c => new object[] { new SpecCaseId(c) });

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example(SpecCaseId id)
    {
        var spec = id.Resolve();
        if (!IsSupported(spec))
        {
            // Spec files may run ahead of the extractor: cases of a language without a full pipeline are listed
            // but neither run nor counted (see SpecFilesAreComplete) until the language is switched on.
            output.WriteLine($"SKIPPED (language not supported yet) {spec.Id} [{spec.Lang}]");
            return;
        }
        var text = "Spec\n\n" + spec.Text;

        Document doc;
        try
        {
            doc = SharedExtractor.Value.ExtractText(text, lang: spec.Lang, id: "spec");
        }
        catch (Exception e) when (spec.Pending)
        {
            output.WriteLine($"PENDING {spec.Id}: the extractor threw {e.GetType().Name}: {e.Message}");
            return;
        }

        var problems = Compare(spec, doc.Claims);
        if (problems.Count == 0)
        {
            if (spec.Pending) output.WriteLine($"PENDING {spec.Id} now passes: the 'pending' marker can go.");
            return;
        }

        var report = Report(spec, doc, problems);
        if (spec.Pending)
        {
            output.WriteLine("PENDING (not failing) " + report);
            return;
        }
        Assert.Fail(report);
    }

    /// <summary>True when the case's language has a full extraction pipeline (<see cref="Extractor.SupportedLanguages"/>).</summary>
    public static bool IsSupported(SpecCase spec) => Extractor.SupportedLanguages.Contains(spec.Lang);

    /// <summary>The mismatches between the expected and the produced claims; empty when the case passes.</summary>
    public static List<string> Compare(SpecCase spec, IReadOnlyList<SupplyClaim> produced)
    {
        var problems = new List<string>();
        var producedByKey = produced
            .GroupBy(c => ClaimKey.Of(c.Supplier, c.Recipient, c.Item, c.Negated))
            .ToDictionary(g => g.Key, g => g.ToList());
        var expectedKeys = spec.Expected.Select(e => e.Key).ToHashSet();

        foreach (var e in spec.Expected)
        {
            if (!producedByKey.TryGetValue(e.Key, out var claims))
            {
                if (!problems.Contains("missing: " + e.Key)) problems.Add("missing: " + e.Key);
                continue;
            }
            if (e.Status == null) continue;
            bool ok = claims.Any(c =>
                StatusName(c.Status) == e.Status
                && (e.Claimant == null || SpecActors.Same(e.Claimant, c.Claimant)));
            if (!ok)
            {
                var got = string.Join("; ", claims.Select(c => $"{StatusName(c.Status)} {c.Claimant}").Distinct());
                problems.Add($"wrong status/claimant: {e} (line {e.Line}), produced: {got}");
            }
        }

        foreach (var (key, claims) in producedByKey)
        {
            if (!expectedKeys.Contains(key))
                problems.Add("unexpected: " + Format(claims[0]));
        }
        return problems;
    }

    private static string StatusName(ClaimStatus s) => s.ToString().ToLowerInvariant();

    private static string Format(SupplyClaim c) =>
        $"{c.Supplier} -> {c.Recipient} {c.Item}{(c.Negated ? " negated" : "")} | {StatusName(c.Status)} {c.Claimant}";

    private static string Report(SpecCase spec, Document doc, List<string> problems)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{spec.Id}{(spec.Section.Length > 0 ? " [" + spec.Section + "]" : "")}");
        sb.AppendLine("Input:");
        foreach (var l in spec.Text.Split('\n')) sb.AppendLine("    " + l);
        sb.AppendLine("Expected:");
        if (spec.Expected.Count == 0) sb.AppendLine("    (none)");
        foreach (var e in spec.Expected) sb.AppendLine("    " + e);
        sb.AppendLine("Produced:");
        if (doc.Claims.Count == 0) sb.AppendLine("    (none)");
        foreach (var c in doc.Claims)
        {
            var line = "    " + Format(c);
            var cue = Slice(doc, c.Cue);
            if (cue.Length > 0) line += $"   cue \"{cue}\"";
            if (c.Frame != null) line += $" frame {c.Frame}";
            var attribution = c.AttributionCue is { } a ? Slice(doc, a) : "";
            if (attribution.Length > 0) line += $" attribution \"{attribution}\"";
            sb.AppendLine(line);
        }
        sb.AppendLine("Problems:");
        foreach (var p in problems) sb.AppendLine("    " + p);
        return sb.ToString();
    }

    private static string Slice(Document doc, TextSpan span)
    {
        if (span.Length <= 0 || span.Start < 0 || span.End > doc.Text.Length) return "";
        return doc.Slice(span);
    }

    [Fact]
    public void SpecFilesAreComplete()
    {
        var all = Cases;
        Assert.True(Directory.Exists(SpecDirectory), $"no spec directory {SpecDirectory}");

        // Count and pending rules apply to the cases that run: those of supported languages. The pending share is
        // checked per language, so a language switched on later cannot hide behind the cases of another.
        var cases = all.Where(IsSupported).ToList();
        Assert.True(cases.Count >= 80, $"only {cases.Count} spec cases of supported languages in {SpecDirectory}, want at least 80");

        foreach (var lang in cases.GroupBy(c => c.Lang))
        {
            int pending = lang.Count(c => c.Pending);
            int count = lang.Count();
            Assert.True(pending * 100 < count * 15,
                $"{pending} of {count} '{lang.Key}' cases are pending; keep that under 15%: " +
                string.Join(", ", lang.Where(c => c.Pending).Select(c => c.Id)));
        }

        // Format checks cover every file, including languages that do not run yet.
        var duplicates = all.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate case ids: " + string.Join(", ", duplicates));

        var table = new Lagebild.Knowledge.TableSource().Load("shared/items.tsv");
        var ids = table.All().Select(r => r["id"]).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var unknown = all
            .SelectMany(c => c.Expected.Select(e => (c, e)))
            .Where(x => !ids.Contains(x.e.Item))
            .Select(x => $"{x.c.File}:{x.e.Line} {x.e.Item}")
            .ToList();
        Assert.True(unknown.Count == 0, "item ids not in shared/items.tsv: " + string.Join(", ", unknown));

        foreach (var file in all.GroupBy(c => c.File))
            output.WriteLine($"{file.Key}: {file.Count()} cases ({file.Count(c => c.Pending)} pending)" +
                (file.All(IsSupported) ? "" : $", SKIPPED (language '{file.First().Lang}' not supported yet)"));
    }

    [Fact]
    public void SpecParserReadsTheFormat()
    {
        const string md = """
            # Title

            ## Group one

            ````text
            ```example
            not a case: inside another fence
            .
            (none)
            ```
            ````

            ```example
            Laut dem Ministerium liefert Frankreich Granaten
            an die Ukraine.
            .
            FR -> UA ammunition | alleged FR
            org:Nordwerk GmbH -> ? drones_uav negated | denied person:Erika Beispiel
            CN -> RU microelectronics
            ```

            ## Group two

            ```example pending
            Kein Fall.
            .
            (none)
            ```
            """;
        var cases = SpecFile.Parse("x.de.md", md);
        Assert.Equal(2, cases.Count);

        var a = cases[0];
        Assert.Equal("Group one", a.Section);
        Assert.Equal("de", a.Lang);
        Assert.Equal(14, a.Line);
        Assert.Equal("Laut dem Ministerium liefert Frankreich Granaten\nan die Ukraine.", a.Text);
        Assert.False(a.Pending);
        Assert.Equal(3, a.Expected.Count);
        Assert.Equal(new ExpectedClaim("FR", "UA", "ammunition", false, "alleged", "FR", 17), a.Expected[0]);
        Assert.Equal(new ExpectedClaim("org:Nordwerk GmbH", "?", "drones_uav", true, "denied", "person:Erika Beispiel", 18), a.Expected[1]);
        Assert.Equal(new ExpectedClaim("CN", "RU", "microelectronics", false, null, null, 19), a.Expected[2]);

        var b = cases[1];
        Assert.Equal("Group two", b.Section);
        Assert.True(b.Pending);
        Assert.Empty(b.Expected);

        Assert.Equal("en", SpecFile.Parse("x.en.md", "```example\nText.\n.\n(none)\n```\n")[0].Lang);
        Assert.Equal("de", SpecFile.Parse("x.md", "```example\nText.\n.\n(none)\n```\n")[0].Lang);

        Assert.True(SpecActors.Same("person:Erika Beispiel", "person:E. Beispiel"));
        Assert.True(SpecActors.Same("org:Nordwerk GmbH", "org:nordwerk"));
        Assert.False(SpecActors.Same("US", "org:US"));
        Assert.Throws<SpecFormatException>(() => SpecFile.Parse("y.de.md", "```example\nText\n```\n"));
        Assert.Throws<SpecFormatException>(() => SpecFile.ParseExpected("y.de.md", 1, "FR -> UA ammunition | claimed FR"));
        Assert.Throws<SpecFormatException>(() => SpecFile.ParseExpected("y.de.md", 1, "Frankreich -> UA ammunition"));
    }
}

/// <summary>
/// A serialisable handle on a spec case, so that xunit lists each example as its own test
/// with a readable name ("supply_verbs.de.md:12 Frankreich liefert ...").
/// </summary>
public sealed class SpecCaseId : IXunitSerializable
{
    [Obsolete("for the xunit serialiser")]
    public SpecCaseId() { }

    public SpecCaseId(SpecCase spec)
    {
        File = spec.File;
        Line = spec.Line;
        Preview = spec.Preview;
    }

    public string File { get; private set; } = "";
    public int Line { get; private set; }
    public string Preview { get; private set; } = "";

    public SpecCase Resolve() =>
        ClaimSpecTests.Cases.FirstOrDefault(c => c.File == File && c.Line == Line)
        ?? throw new InvalidOperationException($"spec case {File}:{Line} not found (spec files changed since discovery?)");

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(Line), Line);
        info.AddValue(nameof(Preview), Preview);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        File = info.GetValue<string>(nameof(File));
        Line = info.GetValue<int>(nameof(Line));
        Preview = info.GetValue<string>(nameof(Preview));
    }

    public override string ToString() => $"{File}:{Line} {Preview}";
}
