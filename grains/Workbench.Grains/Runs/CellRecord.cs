namespace Workbench.Grains.Runs;

/// <summary>
/// A cell on its way to the store and the results file: its result, and its scores as UTF-8 JSON,
/// serialised once for both.
/// </summary>
/// <param name="Cell">The result.</param>
/// <param name="ScoresJson">The scores as one JSON object.</param>
public sealed record CellRecord(CellResult Cell, byte[] ScoresJson);
