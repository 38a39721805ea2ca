namespace Workbench.Grains.Runs;

/// <summary>
/// How runs recover when a silo dies. The embedded default resumes only when asked (<c>--resume</c>);
/// a cluster resumes on its own: a run grain that comes back on another silo picks its run up again,
/// and a reminder brings it back when no one calls it.
/// </summary>
public sealed class RunRecoveryOptions
{
    /// <summary>Whether a run grain activated while its run is running picks the run up again. Off in the embedded default.</summary>
    public bool ResumeOnActivation { get; set; }

    /// <summary>Whether a running run keeps a reminder, the durable backstop that reactivates its grain (at most once a minute).</summary>
    public bool UseReminders { get; set; }

    /// <summary>How often a running run's grain checks that every shard is working, and brings back shards whose silo died.</summary>
    public TimeSpan ShardWatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Shards per active silo when a run starts (the embedded default has one silo, so one shard).</summary>
    public int ShardsPerSilo { get; set; } = 1;
}
