using System.CommandLine;
using System.Text;
using System.Text.Json;
using Lagebild.Claims;
using Lagebild.Ingest;
using Lagebild.Text;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild extract [--format eval|json|text] FILE|DIR...</c>: claims of each document, one result per input document.</summary>
public static class ExtractCommand
{
    private static readonly Option<string> Format = new("--format", "-f")
    {
        Description = "eval: the evaluation line format; json: full result with offsets; text: each claim with its evidence",
        DefaultValueFactory = _ => "text",
    };
    private static readonly Option<string?> Knowledge = CommandSupport.KnowledgeOption();
    private static readonly Argument<string[]> Paths = new("paths") { Description = "Files, directories or globs", Arity = ArgumentArity.OneOrMore };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("eval", "json", "text", "debug");
        var command = new Command("extract", "Extract supply claims, quotes and entities from articles") { Format, Knowledge, Paths };
        command.SetAction(parse => Run(parse.GetValue(Paths)!, parse.GetValue(Format)!, parse.GetValue(Knowledge), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IEnumerable<string> paths, string format, string? knowledge, TextWriter stdout, TextWriter stderr)
    {
        var extractor = CommandSupport.CreateExtractor(knowledge, stderr);
        if (extractor == null) return 2;
        int failures = 0;
        foreach (var doc in CommandSupport.ReadDocuments(paths, stderr, () => failures++))
        {
            try
            {
                extractor.Extract(doc);
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"error: {doc.Source ?? doc.Id}: extraction failed: {ex.Message}");
                if (Environment.GetEnvironmentVariable("LAGEBILD_TRACE") == "1") stderr.WriteLine(ex);
                failures++;
                if (format == "eval") stdout.WriteLine(JsonSerializer.Serialize(DocumentResult.Eval(new Document(doc.Id, "")), DocumentResult.Json));
                continue;
            }
            switch (format)
            {
                case "eval": stdout.WriteLine(JsonSerializer.Serialize(DocumentResult.Eval(doc), DocumentResult.Json)); break;
                case "json": stdout.WriteLine(JsonSerializer.Serialize(DocumentResult.Full(doc), DocumentResult.Json)); break;
                case "debug": WriteDebug(doc, stdout); break;
                default: WriteText(doc, stdout); break;
            }
        }
        if (failures > 0) stderr.WriteLine($"{failures} input(s) failed; the others were processed.");
        return failures > 0 ? 1 : 0;
    }

    /// <summary>Each claim with its evidence sentence, the claim's words marked with [brackets].</summary>
    private static void WriteText(Document doc, TextWriter w)
    {
        w.WriteLine($"== {doc.Id} ({doc.Lang}) {doc.Title}");
        if (doc.Claims.Count == 0) w.WriteLine("   (no supply claims)");
        foreach (var c in doc.Claims)
        {
            w.WriteLine($"   {c.Supplier} -> {c.Recipient}  {c.Item}{(c.Negated ? " (negated)" : "")}   [{DocumentResult.StatusName(c.Status)}, claimant {c.Claimant}]");
            w.WriteLine($"      {Marked(doc, c)}");
            if (c.Chain.Count > 1) w.WriteLine($"      via {string.Join(" -> ", c.Chain)}");
        }
        foreach (var q in doc.Quotes)
            w.WriteLine($"   quote ({q.SpeakerName ?? "?"}): {Shorten(doc.Slice(q.Content), 100)}");
        w.WriteLine();
    }

    /// <summary>Each sentence with its paragraph kind, mentions and attribution: why a claim was or was not found.</summary>
    private static void WriteDebug(Document doc, TextWriter w)
    {
        w.WriteLine($"== {doc.Id} ({doc.Lang})");
        foreach (var s in doc.Sentences)
        {
            var kind = doc.ParagraphAt(s.Span.Start)?.Kind.ToString() ?? "?";
            w.WriteLine($"[{s.Index} {kind}] {doc.Slice(s.Span).Replace('\n', ' ')}");
            var mentions = doc.Mentions.Where(m => s.Span.Contains(m.Span)).Select(m => $"{m.Kind.ToString()[0]}:{m.Id}/{m.Form}{(m.Affiliation != null ? "@" + m.Affiliation : "")}");
            w.WriteLine("     mentions: " + string.Join("  ", mentions));
            foreach (var a in doc.Attributions.Where(a => a.Scope.Overlaps(s.Span)))
                w.WriteLine($"     attribution: {a.Kind} {a.Claimant} cue '{doc.Slice(a.Cue)}'{(a.Accused != null ? " accused " + a.Accused : "")}");
            foreach (var c in doc.Claims.Where(c => c.Evidence == s.Span))
                w.WriteLine($"     CLAIM {c.Supplier} -> {c.Recipient} {c.Item}{(c.Negated ? " NEG" : "")} {c.Status} {c.Claimant} ({c.Frame})");
        }
    }

    private static string Marked(Document doc, SupplyClaim c)
    {
        var spans = new[] { c.SupplierSpan, c.RecipientSpan, c.ItemSpan, (TextSpan?)c.Cue }
            .Where(s => s is { } x && c.Evidence.Contains(x)).Select(s => s!.Value).OrderBy(s => s.Start).ToList();
        var sb = new StringBuilder();
        int pos = c.Evidence.Start;
        foreach (var s in spans)
        {
            if (s.Start < pos) continue;
            sb.Append(doc.Text, pos, s.Start - pos).Append('[').Append(doc.Text, s.Start, s.Length).Append(']');
            pos = s.End;
        }
        sb.Append(doc.Text, pos, c.Evidence.End - pos);
        return sb.ToString().Replace('\n', ' ');
    }

    private static string Shorten(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}
