namespace Workbench.Grains.Experiments;

/// <summary>A run as its experiment keeps it: when, how it ended, where it came from, and its figures.</summary>
/// <param name="RunId">The run.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Status">completed, decided, interrupted, ...</param>
/// <param name="SpecHash">The spec's hash.</param>
/// <param name="DatasetHash">The dataset file's SHA-256, when known.</param>
/// <param name="ProvenanceJson">The run's whole provenance (prompt versions, endpoints without secrets, Workbench version), as JSON.</param>
/// <param name="Scores">Each variant's figure on each score.</param>
/// <param name="Verdicts">The run's comparisons in words.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] string Status,
    [property: Id(3)] string SpecHash,
    [property: Id(4)] string? DatasetHash,
    [property: Id(5)] string ProvenanceJson,
    [property: Id(6)] List<ExperimentScore> Scores,
    [property: Id(7)] List<string> Verdicts);
