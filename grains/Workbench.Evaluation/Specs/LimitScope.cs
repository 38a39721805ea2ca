namespace Workbench.Evaluation.Specs;

/// <summary>What an endpoint's <c>max_concurrency</c>, <c>rpm</c> and <c>tpm</c> limit (<c>limit_scope</c> in a spec).</summary>
public enum LimitScope
{
    /// <summary>One server for the whole cluster: the limits are split among the live silos, so that together they never pass them.</summary>
    Cluster,

    /// <summary>A server beside each silo (a local model, a sidecar): every silo holds the whole limits.</summary>
    Silo,
}
