namespace Workbench.Grains.Runs;

/// <summary>A run's shard as the store keeps it.</summary>
/// <param name="Shard">Its name within the run.</param>
/// <param name="Epoch">Its current epoch: how many times an activation of it has begun work.</param>
/// <param name="Silo">Where its current epoch works.</param>
/// <param name="CommittedRows">Rows it has committed, over every epoch.</param>
/// <param name="RejectedCommits">Commits refused because a later epoch had begun (a stale activation's).</param>
/// <param name="ClaimedRows">Rows it holds claimed now.</param>
public sealed record ShardRecord(string Shard, long Epoch, string Silo, long CommittedRows, long RejectedCommits, long ClaimedRows);
