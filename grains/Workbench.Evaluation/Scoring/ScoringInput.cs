namespace Workbench.Evaluation.Scoring;

/// <summary>One output to score, with the row it answers and what producing it cost.</summary>
/// <param name="Output">The model's text.</param>
/// <param name="Fields">The dataset row's fields.</param>
/// <param name="LatencyMilliseconds">How long the call took.</param>
/// <param name="Cost">What the call cost.</param>
/// <param name="Context">The documents the cell was given from an index, when the spec has <c>retrieval:</c>.</param>
public sealed record ScoringInput(string Output, IReadOnlyDictionary<string, object?> Fields, double LatencyMilliseconds, decimal Cost, Retrieval.RetrievedContext? Context = null);
