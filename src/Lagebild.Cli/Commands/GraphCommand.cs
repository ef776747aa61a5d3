using System.CommandLine;
using System.Text.Json;
using Lagebild.Graph;
using Lagebild.Store;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild graph [--db PATH] [--supplier CN] [--recipient RU] [--item ID] [--since DATE] [--format table|json|csv]</c>:
/// the support graph, one edge per (supplier, recipient, item) with evidence, independent sources, claimants,
/// statuses, first and last seen and a contradiction flag.
/// </summary>
public static class GraphCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var supplier = new Option<string?>("--supplier") { Description = "Only edges from this supplier (CN, org:NAME ...)", HelpName = "ID" };
        var recipient = new Option<string?>("--recipient") { Description = "Only edges to this recipient", HelpName = "ID" };
        var item = new Option<string?>("--item") { Description = "Only this item category (microelectronics, drones_uav ...)", HelpName = "ID" };
        var since = new Option<string?>("--since") { Description = "Only evidence published on or after this date", HelpName = "DATE" };
        var format = CommandSupport.FormatOption("table", "json", "csv");
        var command = new Command("graph", "Print the support graph: who supplies what to whom, with evidence counts")
        {
            db, supplier, recipient, item, since, format,
        };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(supplier), parse.GetValue(recipient), parse.GetValue(item),
            parse.GetValue(since), parse.GetValue(format)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string? supplier, string? recipient, string? item, string? since, string format,
        TextWriter stdout, TextWriter stderr)
    {
        if (!CommandSupport.TryParseDate(since, out var sinceDate, stderr, "--since")) return 2;
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        var edges = store.Edges(new GraphFilter { Supplier = supplier, Recipient = recipient, Item = item, Since = sinceDate });
        Write(edges, format, stdout);
        return 0;
    }

    public static void Write(IReadOnlyList<Edge> edges, string format, TextWriter stdout)
    {
        switch (format)
        {
            case "json":
                stdout.WriteLine(JsonSerializer.Serialize(GraphJson.Edges(edges), CommandSupport.Json));
                break;
            case "csv":
                stdout.WriteLine(CommandSupport.CsvLine(GraphJson.EdgeCsvHeader));
                foreach (var e in edges) stdout.WriteLine(CommandSupport.CsvLine(GraphJson.EdgeCsvRow(e)));
                break;
            default:
                WriteTable(edges, stdout);
                break;
        }
    }

    public static void WriteTable(IReadOnlyList<Edge> edges, TextWriter stdout)
    {
        if (edges.Count == 0)
        {
            stdout.WriteLine("(no edges)");
            return;
        }
        var table = new Table().AddColumns("supplier", "recipient", "item", "evidence", "sources", "claimants", "statuses", "first seen", "last seen", "contradicted");
        foreach (var i in new[] { 3, 4, 5 }) table.Columns[i].RightAligned();
        foreach (var e in edges)
        {
            var statuses = string.Join(", ", Edge.StatusNames.Where(s => e.Statuses.GetValueOrDefault(s) > 0).Select(s => $"{s} {e.Statuses[s]}"));
            if (e.Negated > 0) statuses += (statuses.Length > 0 ? ", " : "") + $"negated {e.Negated}";
            table.AddRow(Markup.Escape(e.Supplier), Markup.Escape(e.Recipient), Markup.Escape(e.Item), e.Evidence.ToString(), e.Sources.ToString(),
                e.Claimants.ToString(), Markup.Escape(statuses), CommandSupport.Date(e.FirstSeen), CommandSupport.Date(e.LastSeen),
                e.Contradicted ? "[red]yes[/]" : "");
        }
        CommandSupport.Console(stdout).Write(table);
    }
}
