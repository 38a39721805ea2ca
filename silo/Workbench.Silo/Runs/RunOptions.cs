using Workbench.Grains.Retrieval;
namespace Workbench.Silo.Runs;

/// <summary>How to carry out a run, as the <c>eval</c> command's options say.</summary>
/// <param name="OutputFolder">Where results go; runs/RUN_ID when null.</param>
/// <param name="Resume">A run id, <c>last</c> for the newest run of the spec, or null for a new run.</param>
/// <param name="DryRun">Only count cells and estimate tokens and cost.</param>
/// <param name="NoCache">Do not use the response cache for this run.</param>
/// <param name="SkipBadRows">Leave out bad dataset rows, reporting each, instead of stopping.</param>
/// <param name="OnCluster">
/// The run goes to a cluster: the dataset is queued from here (the silos may be on other machines), and
/// a cancellation stops following, not the run, which goes on in the cluster.
/// </param>
/// <param name="Experiment">Records the run in this experiment (overrides the spec's <c>experiment</c>).</param>
public sealed record RunOptions(string? OutputFolder = null, string? Resume = null, bool DryRun = false, bool NoCache = false, bool SkipBadRows = false, bool OnCluster = false, string? Experiment = null)
{
    /// <summary>
    /// Where the spec's <c>retrieval.index</c> is looked up and published from: <c>.workbench/indexes</c>, as <c>workbench index build</c>
    /// writes it. An embedded silo should search the same folder (its <see cref="RetrievalOptions.IndexRoot"/>, as
    /// <c>EmbeddedSilo.StartAsync</c> with an index root sets it); otherwise it builds a copy of the version in its own.
    /// </summary>
    public string IndexRoot { get; init; } = new RetrievalOptions().IndexRoot;
}
