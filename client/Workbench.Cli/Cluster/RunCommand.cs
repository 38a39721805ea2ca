using System.CommandLine;
using Spectre.Console;
using Workbench.Cli.Eval;
using Workbench.Evaluation.Specs;
using Workbench.Silo.Cluster;

namespace Workbench.Cli.Cluster;

/// <summary><c>workbench run follow RUN</c> and <c>workbench run cancel RUN</c>: a run in the cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Follow or cancel a run in the cluster.");
        command.Subcommands.Add(Follow());
        command.Subcommands.Add(Cancel());
        return command;
    }

    private static Command Follow()
    {
        var run = new Argument<string>("RUN") { Description = "The run's id (printed when it started; `workbench cluster status` lists runs in progress)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where results.jsonl, summary.json and report.html go. Default: runs/RUN." };
        var postgres = ClusterOptions.Postgres(required: true);
        var command = new Command("follow", "Follow a run to its end, writing its results from the first row.") { run, output, postgres };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var cluster = await ClusterConnection.ConnectAsync(result.GetValue(postgres)!, null, cancellationToken);
                var runId = result.GetValue(run)!;
                var folder = result.GetValue(output)?.FullName;
                var outcome = ConsoleRunProgress.IsLive
                    ? await ConsoleRunProgress.LiveAsync(progress => cluster.Runner.FollowAsync(runId, folder, progress, cancellationToken))
                    : await cluster.Runner.FollowAsync(runId, folder, new ConsoleRunProgress(null), cancellationToken);
                return EvalCommand.Report(outcome, "SPEC");
            }
            catch (SpecException exception)
            {
                return EvalCommand.BadInput(exception);
            }
        });
        return command;
    }

    private static Command Cancel()
    {
        var run = new Argument<string>("RUN") { Description = "The run's id." };
        var postgres = ClusterOptions.Postgres(required: true);
        var command = new Command("cancel", "Stop a run: finished rows stay committed, and the run can be resumed with eval --resume.") { run, postgres };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var cluster = await ClusterConnection.ConnectAsync(result.GetValue(postgres)!, null, cancellationToken);
                var runId = result.GetValue(run)!;
                var status = await cluster.Runner.CancelAsync(runId, cancellationToken);
                if (status is null)
                {
                    Console.Error.WriteLine($"error: there is no run `{runId}` in this cluster; `workbench cluster status` lists the runs in progress.");
                    return 2;
                }
                AnsiConsole.MarkupLine($"run [blue]{runId}[/]: {status}.");
                return 0;
            }
            catch (SpecException exception)
            {
                return EvalCommand.BadInput(exception);
            }
        });
        return command;
    }
}
