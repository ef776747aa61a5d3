using System.CommandLine;
using System.Text;
using Lagebild.Graph;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild export [--db PATH] --format graphml|csv|json|ftm --out FILE</c>: the graph for Gephi (GraphML),
/// spreadsheets (CSV), scripts (JSON with every evidence sentence) or Aleph/OpenSanctions tooling (FollowTheMoney
/// JSON lines). The file is written under a temporary name and renamed when complete; <c>--out -</c> writes to stdout.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var format = new Option<string>("--format", "-f") { Description = "graphml, csv, json or ftm (FollowTheMoney JSON lines)", Required = true };
        format.AcceptOnlyFromAmong([.. GraphExport.Formats]);
        var output = new Option<string>("--out", "-o") { Description = "Output file ('-' for stdout)", HelpName = "FILE", Required = true };
        var supplier = new Option<string?>("--supplier") { Description = "Only edges from this supplier", HelpName = "ID" };
        var recipient = new Option<string?>("--recipient") { Description = "Only edges to this recipient", HelpName = "ID" };
        var item = new Option<string?>("--item") { Description = "Only this item category", HelpName = "ID" };
        var since = new Option<string?>("--since") { Description = "Only evidence published on or after this date", HelpName = "DATE" };
        var command = new Command("export", "Write the graph as GraphML, CSV, JSON or FollowTheMoney entities")
        {
            db, format, output, supplier, recipient, item, since,
        };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(format)!, parse.GetValue(output)!,
            new GraphFilter { Supplier = parse.GetValue(supplier), Recipient = parse.GetValue(recipient), Item = parse.GetValue(item) },
            parse.GetValue(since), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string format, string outPath, GraphFilter filter, string? since, TextWriter stdout, TextWriter stderr)
    {
        if (!CommandSupport.TryParseDate(since, out var sinceDate, stderr, "--since")) return 2;
        filter = filter with { Since = sinceDate };
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        if (outPath == "-")
        {
            GraphExport.Write(store, format, stdout, filter);
            return 0;
        }
        var full = Path.GetFullPath(outPath);
        if (Directory.Exists(full))
        {
            stderr.WriteLine($"error: {outPath}: is a directory");
            return 2;
        }
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
                GraphExport.Write(store, format, writer, filter);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { /* nothing to clean up */ }
            stderr.WriteLine($"error: {outPath}: cannot be written: {e.Message}");
            return 2;
        }
        var stats = store.Stats();
        stdout.WriteLine($"export: wrote {format} of {store.Edges(filter).Count} edge(s) from {stats.Documents} document(s) to {outPath}");
        return 0;
    }
}
