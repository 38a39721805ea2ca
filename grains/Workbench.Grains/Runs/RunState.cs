namespace Workbench.Grains.Runs;

/// <summary>The run grain's persisted control state.</summary>
[GenerateSerializer]
public sealed class RunState
{
    /// <summary>The run's submission, from which any silo rebuilds its plan; null before the first start.</summary>
    [Id(0)]
    public RunSubmission? Submission { get; set; }

    /// <summary>Bumped by each start or resume, so that work of an earlier start can be told apart.</summary>
    [Id(1)]
    public int Epoch { get; set; }

    /// <summary>One of <see cref="RunStatus"/>.</summary>
    [Id(2)]
    public string Status { get; set; } = RunStatus.Pending;

    /// <summary>How many shards the current epoch works with: one per active silo when it started.</summary>
    [Id(3)]
    public int Shards { get; set; } = 1;
}
