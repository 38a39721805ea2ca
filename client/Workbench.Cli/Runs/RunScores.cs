using Workbench.Silo.Runs;

namespace Workbench.Cli.Runs;

/// <summary>A run's scores: variant (prompt × endpoint) → scorer → row id → the values of its repeats.</summary>
internal sealed class RunScores
{
    public Dictionary<string, Dictionary<string, Dictionary<string, List<double>>>> Variants { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a run's committed cells from the store.</summary>
    public static async Task<RunScores> LoadAsync(EvaluationRunner runner, string runId, CancellationToken cancellationToken)
    {
        var plan = await runner.PlanOfAsync(runId, cancellationToken);
        var scores = new RunScores();
        await foreach (var stored in runner.CellsOfAsync(runId, withFields: false, cancellationToken))
        {
            var cell = stored.Cell.Cell;
            var variant = plan.Variants[cell.Variant];
            var name = $"{variant.Prompt.Id} × {variant.Endpoint.Id}";
            if (!scores.Variants.TryGetValue(name, out var byScorer))
            {
                scores.Variants[name] = byScorer = new(StringComparer.Ordinal);
            }
            foreach (var (scorer, score) in cell.Scores)
            {
                if (score.Error is not null || score.Value is not { } value)
                {
                    continue;
                }
                if (!byScorer.TryGetValue(scorer, out var byRow))
                {
                    byScorer[scorer] = byRow = new(StringComparer.Ordinal);
                }
                if (!byRow.TryGetValue(cell.RowId, out var values))
                {
                    byRow[cell.RowId] = values = [];
                }
                values.Add(value);
            }
        }
        return scores;
    }
}
