namespace Workbench.Grains.Runs;

/// <summary>Where a run stands, as its grain reports it to whoever follows the run.</summary>
/// <param name="Status">One of <see cref="RunStatus"/>.</param>
/// <param name="Finished">Whether the run's work has ended (completed, stopped by its budget, interrupted or failed).</param>
/// <param name="TotalRows">Rows in the queue once the whole dataset is read; null before that.</param>
/// <param name="Notes">Messages for the user since the follower's last call, such as skipped rows.</param>
/// <param name="NotesSeen">Pass this back to get only newer notes.</param>
/// <param name="Problems">Why the input cannot be used, when the run failed on it (exit code 2).</param>
/// <param name="Error">Why the run failed, when it did for another reason.</param>
[GenerateSerializer, Immutable]
public sealed record RunProgress(
    [property: Id(0)] string Status,
    [property: Id(1)] bool Finished,
    [property: Id(2)] long? TotalRows,
    [property: Id(3)] IReadOnlyList<string> Notes,
    [property: Id(4)] int NotesSeen,
    [property: Id(5)] IReadOnlyList<RunProblem> Problems,
    [property: Id(6)] string? Error);
