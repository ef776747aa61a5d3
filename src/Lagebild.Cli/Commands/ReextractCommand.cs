using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild reextract [--db PATH] [--knowledge DIR]</c>: re-runs extraction over all stored documents after the
/// rules or language tables changed; each document's annotations are replaced in one transaction.
/// </summary>
public static class ReextractCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var knowledge = CommandSupport.KnowledgeOption();
        var command = new Command("reextract", "Re-run claim extraction over the stored documents (after rules or tables changed)") { db, knowledge };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(knowledge), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string? knowledge, TextWriter stdout, TextWriter stderr)
    {
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        var extractor = CommandSupport.CreateExtractor(knowledge, stderr);
        if (extractor == null) return 2;
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = !cancel.IsCancellationRequested; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        ReextractReport report;
        try
        {
            var reextractor = new Reextractor(store, extractor);
            if (CommandSupport.IsTerminal(stdout))
            {
                report = null!;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("re-extracting", maxValue: 1);
                        report = reextractor.Run((done, total, rate) =>
                        {
                            task.MaxValue = Math.Max(1, total);
                            task.Value = done;
                            task.Description = $"{done}/{total} documents, {rate.ToString("0.0", CultureInfo.InvariantCulture)} docs/s";
                        }, cancel.Token);
                        task.Value = task.MaxValue;
                    });
            }
            else report = reextractor.Run(null, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reextract: {report.Documents} document(s) re-analysed, {report.Changed} with changed claims; claims {report.ClaimsBefore} -> {report.ClaimsAfter}; " +
            $"{report.Failures.Count} failed; {report.Elapsed.TotalSeconds:0.0} s"));
        if (report.Cancelled) stdout.WriteLine("interrupted: documents done so far keep their new analysis; run the command again to finish.");
        foreach (var f in report.Failures) stderr.WriteLine($"error: {f.Source}: {f.Problem}");
        if (report.Cancelled) return 130;
        return report.Failures.Count > 0 ? 1 : 0;
    }
}
