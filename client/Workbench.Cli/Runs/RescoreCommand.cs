using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Cli.Cluster;
using Workbench.Cli.Eval;
using Workbench.Evaluation.Scoring;
using Workbench.Evaluation.Specs;
using Workbench.Grains.Runs;
using Workbench.Silo.Runs;
using Workbench.Silo.Storage;

namespace Workbench.Cli.Runs;

/// <summary>
/// <c>workbench rescore RUN --scorers S</c>: scores a run's stored outputs again with other scorers,
/// calling no model, and writes a new scored view (results.jsonl, summary.json with its comparisons,
/// report.html) linked to the run by <c>source_run</c>. The run itself is left as it was.
/// </summary>
internal static class RescoreCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run whose outputs are scored again." };
        var scorers = new Option<string>("--scorers")
        {
            Description = "The scorers, as a spec writes them: a YAML file with `scorers:`, or inline, e.g. \"[f1: {reference_field: answers}, exact_match: {reference_field: answers}]\".",
            Required = true,
        };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where the view goes. Default: runs/RUN/rescored-TIMESTAMP." };
        var db = GrainAccess.Database();
        var postgres = ClusterOptions.Postgres(required: false);
        var command = new Command("rescore", "Score a run's stored outputs again with other scorers, calling no model; writes a new view linked to the run.") { run, scorers, output, db, postgres };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var text = result.GetValue(scorers)!;
                var source = File.Exists(text) ? text : "--scorers";
                var specs = SpecParser.ParseScorerList(File.Exists(text) ? await File.ReadAllTextAsync(text, cancellationToken) : text, source);
                await using var access = await GrainAccess.OpenAsync(result.GetValue(db)!, result.GetValue(postgres), cancellationToken);
                var runId = result.GetValue(run)!;
                var original = await access.Runner.PlanOfAsync(runId, cancellationToken);
                var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var viewId = $"{runId}-rescored-{stamp}";
                // A view is scored once, whole: no stop rule applies to it.
                var spec = original.Spec with { Scorers = specs, Stop = null };
                var plan = new RunPlan(viewId, spec, RunPlan.CreateScorers(spec));
                var folder = result.GetValue(output)?.FullName ?? Path.Combine("runs", runId, $"rescored-{stamp}");
                await using var results = RunResultsWriter.Open(plan, folder);
                results.SourceRun = runId;
                long cells = 0;
                var rows = new HashSet<long>();
                await foreach (var stored in access.Runner.CellsOfAsync(runId, withFields: true, cancellationToken))
                {
                    var cell = stored.Cell.Cell;
                    var fields = stored.FieldsJson is { } json ? SqliteRunStore.Fields(json) : new Dictionary<string, object?>();
                    var scores = new Dictionary<string, Workbench.Evaluation.Scoring.Score>(StringComparer.Ordinal);
                    if (cell.Output is not null)
                    {
                        foreach (var scorer in plan.Scorers)
                        {
                            try
                            {
                                scores[scorer.Id] = await scorer.ScoreAsync(new ScoringInput(cell.Output, fields, cell.LatencyMilliseconds, cell.Cost, cell.Context), null, cancellationToken);
                            }
                            catch (ArgumentException exception)
                            {
                                scores[scorer.Id] = Workbench.Evaluation.Scoring.Score.Failed(exception.Message);
                            }
                        }
                    }
                    var rescored = cell with { Scores = scores };
                    results.Write(new CellRecord(rescored, ScoreJson.Utf8(scores).ToArray()), fields);
                    rows.Add(cell.Seq);
                    cells++;
                }
                if (cells == 0)
                {
                    throw new SpecException(new SpecError(runId, 0, 0, $"run `{runId}` has no committed cells to score."));
                }
                var summary = await results.CompleteAsync("rescored", rows.Count, cancellationToken);
                AnsiConsole.Write(SummaryTable.Of(summary));
                foreach (var comparison in summary.Comparisons ?? [])
                {
                    AnsiConsole.MarkupLine($"  [{(comparison.PHolm < 0.05 ? "green" : "grey")}]{Markup.Escape(comparison.Verdict)}[/]");
                }
                AnsiConsole.MarkupLine($"{cells:N0} cells of run [blue]{Markup.Escape(runId)}[/] scored again, no model called. View: {Markup.Escape(Path.Combine(folder, "results.jsonl"))}, summary.json, report.html");
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
