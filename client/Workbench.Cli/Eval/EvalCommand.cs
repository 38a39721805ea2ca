using System.CommandLine;
using Spectre.Console;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Retrieval;
using Workbench.Cli.Cluster;
using Workbench.Silo.Cluster;
using Workbench.Silo.Hosting;
using Workbench.Silo.Runs;

namespace Workbench.Cli.Eval;

/// <summary>
/// <c>workbench eval SPEC</c>: runs an evaluation on the embedded silo. Exit codes: 0 success; 1 the
/// run completed with errors or under the spec's min_pass_rate; 2 bad input; 3 interrupted or
/// stopped early (budget), resumable with --resume.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The evaluation spec (YAML)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where results.jsonl, summary.json and report.html go. Default: runs/RUN_ID." };
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database of runs, results and the response cache.", DefaultValueFactory = _ => new FileInfo(".workbench/workbench.db") };
        var resume = new Option<string?>("--resume") { Description = "Finish an earlier run: its id, or `last` for the newest run of this spec. Only missing cells are computed." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the matrix size and estimated tokens and cost; call nothing." };
        var noCache = new Option<bool>("--no-cache") { Description = "Leave the response cache out of this run: nothing is read from it or stored in it." };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Leave out bad dataset rows, reporting each, instead of stopping." };
        var postgres = ClusterOptions.Postgres(required: false);
        var experiment = new Option<string?>("--experiment") { Description = "Record the run in this experiment (overrides the spec's `experiment`); `workbench experiment show NAME` shows its history." };
        experiment.Validators.Add(option =>
        {
            if (option.GetValueOrDefault<string?>() is { } name && !PromptReference.IsName(name))
            {
                option.AddError($"--experiment `{name}`: an experiment's name is letters, digits, '-', '_' or '.', starting with a letter or digit.");
            }
        });
        var indexRoot = new Option<DirectoryInfo>("--index-root")
        {
            Description = "The folder of retrieval indexes that a spec's `retrieval:` searches (as `workbench index build --root` gives it).",
            DefaultValueFactory = _ => new DirectoryInfo(new RetrievalOptions().IndexRoot),
        };
        var command = new Command("eval", "Run an evaluation: prompts × endpoints × dataset rows, scored by metrics.")
        {
            spec, output, db, resume, dryRun, noCache, skipBadRows, postgres, experiment, indexRoot,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(spec)!, result.GetValue(db)!, result.GetValue(postgres),
            new RunOptions(result.GetValue(output)?.FullName, result.GetValue(resume), result.GetValue(dryRun), result.GetValue(noCache), result.GetValue(skipBadRows),
                OnCluster: !string.IsNullOrEmpty(result.GetValue(postgres)), Experiment: result.GetValue(experiment))
            {
                IndexRoot = result.GetValue(indexRoot)!.FullName,
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo specFile, FileInfo db, string? postgres, RunOptions options, CancellationToken cancellationToken)
    {
        EvalSpec spec;
        try
        {
            spec = SpecParser.ParseFile(specFile.FullName);
        }
        catch (SpecException exception)
        {
            return BadInput(exception);
        }

        RunOutcome outcome;
        try
        {
            if (options.OnCluster)
            {
                await using var cluster = await ClusterConnection.ConnectAsync(postgres!, null, cancellationToken);
                outcome = await RunWithProgressAsync(cluster.Runner, spec, options, cancellationToken);
            }
            else
            {
                await using var silo = await EmbeddedSilo.StartAsync(db.FullName, options.IndexRoot, null, cancellationToken);
                outcome = await RunWithProgressAsync(silo.Runner, spec, options, cancellationToken);
            }
        }
        catch (SpecException exception)
        {
            return BadInput(exception);
        }
        return Report(outcome, specFile.ToString());
    }

    private static Task<RunOutcome> RunWithProgressAsync(EvaluationRunner runner, EvalSpec spec, RunOptions options, CancellationToken cancellationToken) =>
        ConsoleRunProgress.IsLive && !options.DryRun
            ? ConsoleRunProgress.LiveAsync(progress => runner.RunAsync(spec, options, progress, cancellationToken))
            : runner.RunAsync(spec, options, new ConsoleRunProgress(null), cancellationToken);

    /// <summary>Prints how a run ended and returns its exit code.</summary>
    internal static int Report(RunOutcome outcome, string specFile)
    {
        if (outcome.Status == RunOutcome.Detached)
        {
            AnsiConsole.MarkupLine($"Stopped following run [blue]{outcome.RunId}[/]; it goes on in the cluster.");
            AnsiConsole.MarkupLine($"Follow it again: workbench run follow {outcome.RunId} --postgres CONN");
            AnsiConsole.MarkupLine($"Cancel it:       workbench run cancel {outcome.RunId} --postgres CONN");
            return outcome.ExitCode;
        }

        if (outcome.Summary is not { } summary)
        {
            return 0;
        }
        AnsiConsole.Write(SummaryTable.Of(summary));
        if (summary.Comparisons is { Count: > 0 } comparisons)
        {
            AnsiConsole.MarkupLine($"[bold]Comparisons[/] (B − A on {comparisons[0].Rows:N0} shared rows, 95% paired-bootstrap intervals, p adjusted by Holm over {comparisons.Count}):");
            foreach (var comparison in comparisons)
            {
                var colour = comparison.PHolm < 0.05 ? "green" : "grey";
                AnsiConsole.MarkupLine($"  [{colour}]{Markup.Escape(comparison.Verdict)}[/]");
            }
        }
        AnsiConsole.MarkupLine($"run [blue]{outcome.RunId}[/]: {outcome.Status}, {summary.Cells:N0} cells. Results: {Markup.Escape(Path.Combine(outcome.OutputFolder!, "results.jsonl"))}, summary.json, report.html");
        if (outcome.Error is not null)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(outcome.Error)}");
        }
        if (outcome.ExitCode == 3)
        {
            AnsiConsole.MarkupLine($"The run stopped early ({outcome.Status}). Finish it with: workbench eval {Markup.Escape(specFile)} --resume {outcome.RunId}");
        }
        if (summary.BelowMinPassRate)
        {
            AnsiConsole.MarkupLine($"[red]A variant's pass rate is below min_pass_rate {summary.MinPassRate:P0}.[/]");
        }
        return outcome.ExitCode;
    }

    internal static int BadInput(SpecException exception)
    {
        foreach (var error in exception.Errors)
        {
            Console.Error.WriteLine($"error: {error}");
        }
        return 2;
    }
}
