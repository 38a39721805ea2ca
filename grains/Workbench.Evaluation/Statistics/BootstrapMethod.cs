namespace Workbench.Evaluation.Statistics;

/// <summary>How a bootstrap interval is read off the bootstrap distribution.</summary>
public enum BootstrapMethod
{
    /// <summary>The quantiles of the bootstrap distribution.</summary>
    Percentile,

    /// <summary>The quantiles reflected about the estimate (the "basic" or reverse-percentile interval).</summary>
    Basic,

    /// <summary>Bias-corrected and accelerated (Efron 1987), with the acceleration from the jackknife.</summary>
    Bca,
}
