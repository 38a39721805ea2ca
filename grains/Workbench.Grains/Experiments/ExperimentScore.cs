namespace Workbench.Grains.Experiments;

/// <summary>One variant's figure on one score in one run.</summary>
/// <param name="Variant">prompt × endpoint.</param>
/// <param name="PromptHash">The exact prompt version.</param>
/// <param name="Scorer">The scorer id.</param>
/// <param name="Count">Cells scored.</param>
/// <param name="Mean">The mean.</param>
/// <param name="Low">Lower end of its 95% interval.</param>
/// <param name="High">Upper end of its 95% interval.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentScore(
    [property: Id(0)] string Variant,
    [property: Id(1)] string PromptHash,
    [property: Id(2)] string Scorer,
    [property: Id(3)] long Count,
    [property: Id(4)] double? Mean,
    [property: Id(5)] double? Low,
    [property: Id(6)] double? High);
