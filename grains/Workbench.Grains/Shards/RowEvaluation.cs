using Workbench.Grains.Runs;

namespace Workbench.Grains.Shards;

/// <summary>The cells of one row, or why the row must stay queued.</summary>
/// <param name="Cells">One result per variant, when the row was evaluated.</param>
/// <param name="Stopped">Why the row was not finished (budget spent, endpoint switched off), or null.</param>
internal sealed record RowEvaluation(IReadOnlyList<CellResult> Cells, string? Stopped);
