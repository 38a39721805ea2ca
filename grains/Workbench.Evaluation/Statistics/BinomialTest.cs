namespace Workbench.Evaluation.Statistics;

/// <summary>
/// The exact binomial test of H₀: p = p₀, as SciPy's <c>binomtest</c> and R's <c>binom.test</c>. The
/// two-sided p-value sums the probabilities of every outcome no more likely than the observed one, with
/// a relative tolerance of 10⁻⁷ for ties of likelihood.
/// </summary>
public static class BinomialTest
{
    /// <summary>Tests <paramref name="successes"/> of <paramref name="trials"/> against <paramref name="p"/>.</summary>
    /// <returns>The observed proportion as the statistic, and the p-value.</returns>
    public static TestResult Test(long successes, long trials, double p = 0.5, Alternative alternative = Alternative.TwoSided)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The null proportion must lie between 0 and 1.");
        }
        var k = successes;
        var n = trials;
        var pValue = alternative switch
        {
            Alternative.Less => BinomialDistribution.Cdf(k, n, p),
            Alternative.Greater => BinomialDistribution.Sf(k - 1, n, p),
            _ => TwoSided(k, n, p),
        };
        return new TestResult(k / (double)n, Math.Clamp(pValue, 0.0, 1.0), "exact");
    }

    private static double TwoSided(long k, long n, double p)
    {
        var observed = BinomialDistribution.Pmf(k, n, p);
        const double Tolerance = 1 + 1e-7;
        var mean = p * n;
        if (k == mean)
        {
            return 1.0;
        }
        if (k < mean)
        {
            // The outcomes above the mean that are no more likely than k: from the first index whose
            // probability falls to the observed one's, up to n.
            var first = LastAtMost(j => -BinomialDistribution.Pmf(j, n, p), -observed * Tolerance, (long)Math.Ceiling(mean), n);
            var above = n - first + (observed * Tolerance == BinomialDistribution.Pmf(first, n, p) ? 1 : 0);
            return BinomialDistribution.Cdf(k, n, p) + BinomialDistribution.Sf(n - above, n, p);
        }
        var last = LastAtMost(j => BinomialDistribution.Pmf(j, n, p), observed * Tolerance, 0, (long)Math.Floor(mean));
        var below = last + 1;
        return BinomialDistribution.Cdf(below - 1, n, p) + BinomialDistribution.Sf(k - 1, n, p);
    }

    /// <summary>For <paramref name="f"/> rising on [lo, hi]: the last index where it is at most <paramref name="target"/> (lo - 1 when none).</summary>
    private static long LastAtMost(Func<long, double> f, double target, long lo, long hi)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var value = f(mid);
            if (value < target)
            {
                lo = mid + 1;
            }
            else if (value > target)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return f(lo) <= target ? lo : lo - 1;
    }
}
