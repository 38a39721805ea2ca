using MathNet.Numerics.Distributions;

namespace Workbench.Evaluation.Statistics;

/// <summary>Two-sided confidence intervals for a binomial proportion, such as a pass rate.</summary>
/// <remarks>
/// Wilson's is the default everywhere in Workbench. The Wald interval p ± z·√(p(1-p)/n) is here only for
/// people who must reproduce it: it collapses to a point at 0 and n successes and undercovers badly for
/// small n, which is where evaluation subsets usually are.
/// </remarks>
public static class ProportionInterval
{
    /// <summary>
    /// The interval of <paramref name="method"/>, two-sided or one-sided. A one-sided interval at level c
    /// keeps the bound of the two-sided interval at level 2c - 1 on its side (both use the quantile at c)
    /// and opens the other to 0 or 1, as SciPy's <c>BinomTestResult.proportion_ci</c> does.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    /// <param name="alternative"><see cref="Alternative.Less"/>: an upper bound; <see cref="Alternative.Greater"/>: a lower bound.</param>
    public static ConfidenceInterval Of(ProportionMethod method, long successes, long trials, double confidence = 0.95, Alternative alternative = Alternative.TwoSided)
    {
        ConfidenceLevel.EnsureValid(confidence, nameof(confidence));
        var level = alternative == Alternative.TwoSided ? confidence : (2.0 * confidence) - 1.0;
        if (level <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A one-sided interval needs a confidence level above 0.5.");
        }
        var interval = method switch
        {
            ProportionMethod.Wilson => Wilson(successes, trials, level),
            ProportionMethod.WilsonContinuityCorrected => WilsonContinuityCorrected(successes, trials, level),
            ProportionMethod.ClopperPearson => ClopperPearson(successes, trials, level),
            ProportionMethod.AgrestiCoull => AgrestiCoull(successes, trials, level),
            ProportionMethod.Wald => Wald(successes, trials, level),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown proportion interval method."),
        };
        return alternative switch
        {
            Alternative.Less => interval with { Lower = 0.0 },
            Alternative.Greater => interval with { Upper = 1.0 },
            _ => interval,
        };
    }

    /// <summary>
    /// The Agresti-Coull interval (Agresti and Coull 1998): the Wald interval around (k + z²/2) / (n + z²)
    /// with n + z² trials, clipped to [0, 1], as statsmodels' <c>proportion_confint(method="agresti_coull")</c>.
    /// </summary>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    public static ConfidenceInterval AgrestiCoull(long successes, long trials, double confidence = 0.95)
    {
        EnsureValid(successes, trials, confidence);
        var z = NormalQuantile(confidence);
        var adjustedTrials = trials + (z * z);
        var adjusted = (successes + (z * z / 2.0)) / adjustedTrials;
        var halfWidth = z * Math.Sqrt(adjusted * (1.0 - adjusted) / adjustedTrials);
        return new ConfidenceInterval(Math.Clamp(adjusted - halfWidth, 0.0, 1.0), Math.Clamp(adjusted + halfWidth, 0.0, 1.0));
    }

    /// <summary>
    /// The Wald interval p ± z·√(p(1-p)/n), clipped to [0, 1], as statsmodels' <c>proportion_confint(method="normal")</c>.
    /// </summary>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    public static ConfidenceInterval Wald(long successes, long trials, double confidence = 0.95)
    {
        EnsureValid(successes, trials, confidence);
        var z = NormalQuantile(confidence);
        var p = successes / (double)trials;
        var halfWidth = z * Math.Sqrt(p * (1.0 - p) / trials);
        return new ConfidenceInterval(Math.Clamp(p - halfWidth, 0.0, 1.0), Math.Clamp(p + halfWidth, 0.0, 1.0));
    }

    /// <summary>
    /// The Wilson score interval (Wilson 1927), as statsmodels' <c>proportion_confint(method="wilson")</c>
    /// and R's <c>prop.test(correct = FALSE)</c> give it.
    /// </summary>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    public static ConfidenceInterval Wilson(long successes, long trials, double confidence = 0.95)
    {
        EnsureValid(successes, trials, confidence);
        var z = NormalQuantile(confidence);
        double n = trials;
        var p = successes / n;
        var zSquaredOverN = z * z / n;
        var centre = (p + (zSquaredOverN / 2.0)) / (1.0 + zSquaredOverN);
        var halfWidth = z / (1.0 + zSquaredOverN) * Math.Sqrt((p * (1.0 - p) / n) + (zSquaredOverN / (4.0 * n)));
        return Bounded(successes, trials, centre - halfWidth, centre + halfWidth);
    }

    /// <summary>
    /// The Wilson score interval with continuity correction (Newcombe 1998, method 4), as R's
    /// <c>prop.test</c> and SciPy's <c>proportion_ci(method="wilsoncc")</c> give it.
    /// </summary>
    /// <remarks>
    /// R's <c>prop.test</c> drops the correction when the count is within ½ of n·p₀ for its null
    /// proportion p₀ (0.5 unless given), so for exactly n/2 successes it reports the uncorrected interval.
    /// This method always applies the correction, as Newcombe and SciPy do.
    /// </remarks>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    public static ConfidenceInterval WilsonContinuityCorrected(long successes, long trials, double confidence = 0.95)
    {
        EnsureValid(successes, trials, confidence);
        var z = NormalQuantile(confidence);
        double n = trials;
        var p = successes / n;
        var zSquaredOverTwoN = z * z / (2.0 * n);
        var denominator = 1.0 + (2.0 * zSquaredOverTwoN);

        // Each bound is the Wilson bound at the proportion shifted half a success towards it.
        var lower = 0.0;
        if (successes > 0)
        {
            var shifted = p - (0.5 / n);
            lower = (shifted + zSquaredOverTwoN
                - (z * Math.Sqrt((shifted * (1.0 - shifted) / n) + (zSquaredOverTwoN / (2.0 * n))))) / denominator;
        }

        var upper = 1.0;
        if (successes < trials)
        {
            var shifted = p + (0.5 / n);
            upper = (shifted + zSquaredOverTwoN
                + (z * Math.Sqrt((shifted * (1.0 - shifted) / n) + (zSquaredOverTwoN / (2.0 * n))))) / denominator;
        }

        return Bounded(successes, trials, lower, upper);
    }

    /// <summary>
    /// The Clopper-Pearson "exact" interval from beta quantiles, as R's <c>binom.test</c> and
    /// statsmodels' <c>proportion_confint(method="beta")</c> give it.
    /// </summary>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="confidence">The confidence level, strictly between 0 and 1.</param>
    public static ConfidenceInterval ClopperPearson(long successes, long trials, double confidence = 0.95)
    {
        EnsureValid(successes, trials, confidence);
        var tail = ConfidenceLevel.TailProbability(confidence);
        var lower = successes == 0 ? 0.0 : Beta.InvCDF(successes, trials - successes + 1, tail);
        var upper = successes == trials ? 1.0 : Beta.InvCDF(successes + 1, trials - successes, 1.0 - tail);
        return Bounded(successes, trials, lower, upper);
    }

    private static double NormalQuantile(double confidence) =>
        Normal.InvCDF(0.0, 1.0, 1.0 - ConfidenceLevel.TailProbability(confidence));

    private static ConfidenceInterval Bounded(long successes, long trials, double lower, double upper) =>
        // The bounds are exactly 0 and 1 at the extremes; rounding must not push them past.
        new(successes == 0 ? 0.0 : Math.Max(0.0, lower), successes == trials ? 1.0 : Math.Min(1.0, upper));

    private static void EnsureValid(long successes, long trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ConfidenceLevel.EnsureValid(confidence, nameof(confidence));
    }
}
