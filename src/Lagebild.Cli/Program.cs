using System.CommandLine;
using Lagebild.Cli.Commands;

var root = new RootCommand("Lagebild: an evidence-backed map of who supplies what to whom in a war.")
{
    DemoCommand.Create(),
    ExtractCommand.Create(),
    EvalTokensCommand.Create(),
    IngestCommand.Create(),
    GraphCommand.Create(),
    EvidenceCommand.Create(),
    StatsCommand.Create(),
    ExportCommand.Create(),
    ReextractCommand.Create(),
    LangIdCommand.Create(),
    TrainCommand.Create(),
    EvalNlpCommand.Create(),
    ServeCommand.Create(),
};
return root.Parse(args).Invoke();
