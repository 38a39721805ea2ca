namespace Workbench.Grains.Experiments;

/// <summary>An experiment's persisted state.</summary>
[GenerateSerializer]
public sealed class ExperimentState
{
    /// <summary>Its runs, oldest first.</summary>
    [Id(0)]
    public List<ExperimentRun> Runs { get; set; } = [];

    /// <summary>The run others are measured against: the first unless set.</summary>
    [Id(1)]
    public string? Baseline { get; set; }
}
