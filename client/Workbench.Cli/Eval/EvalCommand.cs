using System.CommandLine;
using Spectre.Console;
using Workbench.Evaluation.Specs;
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
        var command = new Command("eval", "Run an evaluation: prompts × endpoints × dataset rows, scored by metrics.")
        {
            spec, output, db, resume, dryRun, noCache, skipBadRows,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(spec)!, result.GetValue(db)!,
            new RunOptions(result.GetValue(output)?.FullName, result.GetValue(resume), result.GetValue(dryRun), result.GetValue(noCache), result.GetValue(skipBadRows)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo specFile, FileInfo db, RunOptions options, CancellationToken cancellationToken)
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
            await using var silo = await EmbeddedSilo.StartAsync(db.FullName, null, cancellationToken);
            var runner = silo.Runner;
            outcome = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && !options.DryRun
                ? await RunLiveAsync(runner, spec, options, cancellationToken)
                : await runner.RunAsync(spec, options, new ConsoleRunProgress(null), cancellationToken);
        }
        catch (SpecException exception)
        {
            return BadInput(exception);
        }

        if (outcome.Summary is not { } summary)
        {
            return 0;
        }
        AnsiConsole.Write(SummaryTable.Of(summary));
        AnsiConsole.MarkupLine($"run [blue]{outcome.RunId}[/]: {outcome.Status}, {summary.Cells:N0} cells. Results: {Markup.Escape(Path.Combine(outcome.OutputFolder!, "results.jsonl"))}, summary.json, report.html");
        if (outcome.Error is not null)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(outcome.Error)}");
        }
        if (outcome.ExitCode == 3)
        {
            AnsiConsole.MarkupLine($"The run stopped early ({outcome.Status}). Finish it with: workbench eval {Markup.Escape(specFile.ToString())} --resume {outcome.RunId}");
        }
        if (summary.BelowMinPassRate)
        {
            AnsiConsole.MarkupLine($"[red]A variant's pass rate is below min_pass_rate {summary.MinPassRate:P0}.[/]");
        }
        return outcome.ExitCode;
    }

    private static async Task<RunOutcome> RunLiveAsync(EvaluationRunner runner, EvalSpec spec, RunOptions options, CancellationToken cancellationToken)
    {
        RunOutcome? outcome = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => outcome = await runner.RunAsync(spec, options, new ConsoleRunProgress(context), cancellationToken));
        return outcome!;
    }

    private static int BadInput(SpecException exception)
    {
        foreach (var error in exception.Errors)
        {
            Console.Error.WriteLine($"error: {error}");
        }
        return 2;
    }
}
