using System.CommandLine;
using Lagebild.Claims;
using Lagebild.Samples;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild demo</c>: extracts the built-in invented sample articles and prints the supply map.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run extraction on the built-in (invented) sample articles and print the supply map");
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run()
    {
        var extractor = Extractor.Create();
        var docs = SampleCorpus.Load();
        foreach (var doc in docs) extractor.Extract(doc);
        var claims = docs.SelectMany(d => d.Claims.Select(c => (Doc: d, Claim: c))).ToList();
        AnsiConsole.MarkupLine($"[bold]Lagebild demo[/]: {docs.Count} invented sample articles, {claims.Count} supply claims.");
        var table = new Table().AddColumns("supplier", "recipient", "item", "evidence", "statuses", "claimants");
        foreach (var edge in claims.GroupBy(x => (x.Claim.Supplier, x.Claim.Recipient, x.Claim.Item, x.Claim.Negated)).OrderBy(g => g.Key.Supplier).ThenBy(g => g.Key.Recipient))
        {
            var item = edge.Key.Item + (edge.Key.Negated ? " (negated)" : "");
            table.AddRow(Markup.Escape(edge.Key.Supplier), Markup.Escape(edge.Key.Recipient), Markup.Escape(item), edge.Count().ToString(),
                Markup.Escape(string.Join(", ", edge.Select(x => DocumentResult.StatusName(x.Claim.Status)).Distinct())),
                Markup.Escape(string.Join(", ", edge.Select(x => x.Claim.Claimant).Distinct())));
        }
        AnsiConsole.Write(table);
        var first = claims.FirstOrDefault();
        if (first.Claim != null)
            AnsiConsole.MarkupLine($"Evidence of the first edge: [italic]{Markup.Escape(first.Doc.Slice(first.Claim.Evidence))}[/] ({Markup.Escape(first.Doc.Id)})");
        return 0;
    }
}
