using System.CommandLine;
using System.Text.Json;
using Lagebild.Graph;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild evidence [--db PATH] SUPPLIER RECIPIENT ITEM [--format table|json|csv]</c>: every sentence behind one
/// edge with its claimant, status, outlet, date, URL and citation chain.
/// </summary>
public static class EvidenceCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var since = new Option<string?>("--since") { Description = "Only evidence published on or after this date", HelpName = "DATE" };
        var format = CommandSupport.FormatOption("table", "json", "csv");
        var supplier = new Argument<string>("supplier") { Description = "Supplier id (CN, org:NAME ...)" };
        var recipient = new Argument<string>("recipient") { Description = "Recipient id (RU ...)" };
        var item = new Argument<string>("item") { Description = "Item category id (microelectronics ...)" };
        var command = new Command("evidence", "Print the evidence sentences behind one edge of the graph")
        {
            db, since, format, supplier, recipient, item,
        };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(supplier)!, parse.GetValue(recipient)!, parse.GetValue(item)!,
            parse.GetValue(since), parse.GetValue(format)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string supplier, string recipient, string item, string? since, string format,
        TextWriter stdout, TextWriter stderr)
    {
        if (!CommandSupport.TryParseDate(since, out var sinceDate, stderr, "--since")) return 2;
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        var filter = GraphFilter.ForEdge(supplier, recipient, item) with { Since = sinceDate };
        var evidence = store.Evidence(filter);
        switch (format)
        {
            case "json":
                stdout.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["supplier"] = filter.Supplier, ["recipient"] = filter.Recipient, ["item"] = filter.Item,
                    ["evidence"] = evidence.Select(GraphJson.Evidence).ToList(),
                }, CommandSupport.Json));
                break;
            case "csv":
                stdout.WriteLine(CommandSupport.CsvLine(GraphJson.EvidenceCsvHeader));
                foreach (var x in evidence) stdout.WriteLine(CommandSupport.CsvLine(GraphJson.EvidenceCsvRow(x)));
                break;
            default:
                WriteText(filter, evidence, stdout);
                break;
        }
        return 0;
    }

    private static void WriteText(GraphFilter edge, IReadOnlyList<EvidenceItem> evidence, TextWriter w)
    {
        int sources = evidence.Select(x => x.SyndicationGroup).Distinct().Count();
        w.WriteLine($"{edge.Supplier} -> {edge.Recipient}  {edge.Item}: {evidence.Count} claim(s) from {sources} independent source(s)");
        if (evidence.Count == 0) return;
        int n = 0;
        foreach (var x in evidence)
        {
            w.WriteLine();
            var negated = x.Negated ? ", negated" : "";
            var flipped = x.Undirected ? ", exchange (either direction)" : "";
            w.WriteLine($"[{++n}] {GraphJson.Date(x.Published) ?? "(no date)"}  {x.Outlet ?? "(unknown outlet)"}  {x.Status}{negated}{flipped}  claimant: {x.Claimant}");
            w.WriteLine($"    {x.Sentence.Replace('\n', ' ')}");
            if (x.Chain.Count > 0) w.WriteLine($"    via {string.Join(" -> ", x.Chain)}");
            if (x.Url != null) w.WriteLine($"    {x.Url}");
            else if (x.Title != null) w.WriteLine($"    \"{x.Title}\"");
        }
    }
}
