using System.CommandLine;
using Spectre.Console;
using Workbench.Cli.Cluster;
using Workbench.Cli.Embeddings;
using Workbench.Cli.Eval;
using Workbench.Cli.Experiments;
using Workbench.Cli.Models;
using Workbench.Cli.Score;
using Workbench.Cli.Prompts;
using Workbench.Cli.Retrieval;
using Workbench.Cli.Runs;
using Workbench.Cli.Stats;

if (Console.IsOutputRedirected)
{
    // Logs and pipes get plain text, not colour codes.
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
    AnsiConsole.Profile.Width = 160;
}

var root = new RootCommand("Workbench: evaluate generative AI at scale, with durable runs and honest statistics.")
{
    EvalCommand.Create(),
    ScoreCommand.Create(),
    SiloCommand.Create(),
    RunCommand.Create(),
    ClusterStatusCommand.Create(),
    StatsCommand.Create(),
    PromptCommand.Create(),
    ExperimentCommand.Create(),
    CompareCommand.Create(),
    RescoreCommand.Create(),
    ModelCommand.Create(),
    EmbedCommand.Create(),
    IndexCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // Ctrl-C cancels the run, which then commits what is finished and writes its results; never cut that short.
        ProcessTerminationTimeout = TimeSpan.FromHours(1),
    });
}
catch (Exception exception)
{
    // A fault of Workbench itself, not of the input: say so plainly instead of dumping a stack trace.
    await Console.Error.WriteLineAsync($"workbench: unexpected error: {exception.Message}");
    await Console.Error.WriteLineAsync("This is a bug in Workbench; please report it with the command you ran. Details:");
    await Console.Error.WriteLineAsync(exception.ToString());
    return 70;
}
