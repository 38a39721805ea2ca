namespace Workbench.Grains.Runs;

/// <summary>How a shard's work ended.</summary>
/// <param name="BudgetExhausted">The run's budget was spent; unfinished rows stay queued for a resume.</param>
/// <param name="Interrupted">The work was stopped before its queue was empty.</param>
/// <param name="Error">Why the work stopped on a fault (an endpoint switched off, a store failure), or null.</param>
/// <param name="Superseded">A later epoch of the shard began elsewhere and rejected this work's commit: the outcome is not the shard's.</param>
[GenerateSerializer, Immutable]
public sealed record ShardOutcome(
    [property: Id(0)] bool BudgetExhausted,
    [property: Id(1)] bool Interrupted,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool Superseded = false);
