namespace Workbench.Evaluation.Statistics;

/// <summary>
/// An always-valid test that the mean of paired differences is zero, for monitoring an A/B run while it
/// runs: the mixture sequential probability ratio test with a normal mixing distribution (Robbins 1970;
/// Johari, Pekelis and Walsh 2017, "Always valid inference"). After n differences with mean x̄ and
/// variance σ², the likelihood ratio mixed over effects θ ~ N(0, τ²) is
/// Λₙ = √(σ² / (σ² + nτ²)) · exp(n²τ² x̄² / (2σ²(σ² + nτ²))). Under the null, Λ is a nonnegative
/// martingale, so by Ville's inequality P(Λₙ ≥ 1/α for any n) ≤ α: the test may be checked after every
/// row and stopped at the first rejection with its false-positive rate still at most α. The p-value
/// min(1, 1/max Λ) is always valid in the same sense, and inverting the test gives a confidence
/// sequence for the mean difference. σ² is estimated from the data (a plug-in, which makes the
/// guarantee asymptotic); decisions wait for <see cref="MinimumRows"/> rows so the estimate settles.
/// </summary>
public sealed class MixtureSequentialTest(double alpha = 0.05, double mixingScale = 0.25)
{
    /// <summary>Rows before any decision, so that the variance estimate is usable.</summary>
    public const int MinimumRows = 30;

    private readonly RunningSummary _differences = new();
    private double _pValue = 1.0;

    /// <summary>The level of the test.</summary>
    public double Alpha { get; } = alpha;

    /// <summary>The rows seen.</summary>
    public long Rows => _differences.Count;

    /// <summary>The mean difference so far.</summary>
    public double Mean => _differences.Mean;

    /// <summary>The always-valid p-value: the smallest 1/Λ seen so far, at most 1.</summary>
    public double PValue => _pValue;

    /// <summary>Whether the null has been rejected: the difference is known, and the run can stop.</summary>
    public bool Decided => _pValue <= Alpha;

    /// <summary>Adds one row's difference (B - A) and updates the p-value.</summary>
    public void Add(double difference)
    {
        _differences.Add(difference);
        var n = _differences.Count;
        if (n < MinimumRows)
        {
            return;
        }
        var variance = _differences.Variance;
        if (!(variance > 0))
        {
            // No spread yet: every difference equal. Nothing to weigh against chance.
            return;
        }
        var tau2 = MixingVariance(variance);
        var mean = _differences.Mean;
        var logLambda = (0.5 * Math.Log(variance / (variance + (n * tau2))))
            + (n * (double)n * tau2 * mean * mean / (2.0 * variance * (variance + (n * tau2))));
        _pValue = Math.Min(_pValue, Math.Min(1.0, Math.Exp(-logLambda)));
    }

    /// <summary>The confidence sequence for the mean difference now: it covers the true mean at every n at once with probability 1 - α.</summary>
    public ConfidenceInterval Interval()
    {
        var n = _differences.Count;
        var variance = _differences.Variance;
        if (n < 2 || !(variance > 0))
        {
            return new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity);
        }
        var tau2 = MixingVariance(variance);
        var spread = variance + (n * tau2);
        var radius = Math.Sqrt(2.0 * variance * spread / (n * (double)n * tau2) * (Math.Log(1.0 / Alpha) + (0.5 * Math.Log(spread / variance))));
        return new ConfidenceInterval(_differences.Mean - radius, _differences.Mean + radius);
    }

    /// <summary>τ²: effects of about a quarter of a standard deviation get the most weight, which suits the differences between prompts and models.</summary>
    private double MixingVariance(double variance) => mixingScale * mixingScale * variance;
}
