using System.CommandLine;
using System.Text.Json;
using Lagebild.Graph;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild stats [--db PATH] [--format table|json|csv]</c>: counts of documents, claims, entities and more.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var format = CommandSupport.FormatOption("table", "json", "csv");
        var command = new Command("stats", "Print counts of what the database holds") { db, format };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(format)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string format, TextWriter stdout, TextWriter stderr)
    {
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        var stats = GraphJson.Stats(store.Stats());
        switch (format)
        {
            case "json":
                stdout.WriteLine(JsonSerializer.Serialize(stats, CommandSupport.Json));
                break;
            case "csv":
                stdout.WriteLine("key,value");
                foreach (var (key, value) in Flatten(stats)) stdout.WriteLine(CommandSupport.CsvLine([key, value]));
                break;
            default:
                stdout.WriteLine($"database: {store.Location}");
                foreach (var (key, value) in Flatten(stats)) stdout.WriteLine($"{key,-20} {value}");
                break;
        }
        return 0;
    }

    private static IEnumerable<(string, object?)> Flatten(Dictionary<string, object?> stats)
    {
        foreach (var (key, value) in stats)
        {
            if (value is IReadOnlyDictionary<string, long> nested)
                foreach (var (k, v) in nested) yield return ($"{key}.{k}", v);
            else yield return (key, value);
        }
    }
}
