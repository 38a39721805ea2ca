namespace Workbench.Grains.Runs;

/// <summary>A cell as read back from the store, with its row's fields for corpus-level metrics and reports when they were asked for.</summary>
/// <param name="Cell">The result, with its scores as stored.</param>
/// <param name="FieldsJson">The row's fields as stored, or null when they were not read.</param>
public sealed record StoredCell(CellRecord Cell, string? FieldsJson);
