namespace Workbench.Grains.Experiments;

/// <summary>An experiment as it is shown.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Baseline">The baseline run.</param>
/// <param name="Runs">Its runs, oldest first.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentEntry([property: Id(0)] string Name, [property: Id(1)] string? Baseline, [property: Id(2)] IReadOnlyList<ExperimentRun> Runs);
