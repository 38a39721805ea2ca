using Workbench.Evaluation.Scoring;

namespace Workbench.Grains.Runs;

/// <summary>The outcome of one cell: one row under one variant.</summary>
/// <param name="Seq">The row's work item.</param>
/// <param name="Variant">The variant's index.</param>
/// <param name="RowId">The row's id.</param>
/// <param name="Output">The model's text, or null when the call failed.</param>
/// <param name="Scores">Each scorer's result, by scorer id.</param>
/// <param name="LatencyMilliseconds">Time of the model call.</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="Cost">Cost of the call and of its judge calls; 0 for what came from the cache.</param>
/// <param name="Cached">Whether the response cache answered.</param>
/// <param name="Error">Why the cell has no output.</param>
/// <param name="Calls">Model calls the cell made, judge calls included and cache hits not: what the budget counts.</param>
/// <param name="Context">The documents the cell was given from an index (<c>retrieval:</c>), or null.</param>
public sealed record CellResult(
    long Seq,
    int Variant,
    string RowId,
    string? Output,
    IReadOnlyDictionary<string, Score> Scores,
    double LatencyMilliseconds,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    bool Cached,
    string? Error,
    int Calls = 0,
    Evaluation.Retrieval.RetrievedContext? Context = null);
