using MathNet.Numerics.Distributions;

namespace Workbench.Evaluation.Statistics;

/// <summary>How a rank test computes its p-value.</summary>
public enum RankTestMethod
{
    /// <summary>Exact for small samples without ties, the normal approximation otherwise.</summary>
    Auto,

    /// <summary>The exact null distribution (which assumes no ties).</summary>
    Exact,

    /// <summary>The normal approximation, with the tie correction of the variance.</summary>
    Asymptotic,
}

/// <summary>
/// The Mann-Whitney U test of two independent samples, in SciPy's <c>mannwhitneyu</c> conventions: the
/// statistic is U of the first sample; <see cref="Alternative.Greater"/> means the first sample tends to
/// be larger; <see cref="RankTestMethod.Auto"/> is exact when either sample has at most 8 values and there
/// are no ties.
/// </summary>
public static class MannWhitneyTest
{
    /// <summary>The largest m × n for the exact distribution; past it the counts overflow and the asymptotic method is as good.</summary>
    public const long MostExactPairs = 250_000;

    /// <summary>Tests whether <paramref name="x"/> and <paramref name="y"/> come from the same distribution.</summary>
    /// <param name="x">The first sample.</param>
    /// <param name="y">The second sample.</param>
    /// <param name="alternative">The alternative.</param>
    /// <param name="method">Exact, asymptotic, or chosen from the samples.</param>
    /// <param name="continuityCorrection">Whether the normal approximation is corrected by ½ towards the mean.</param>
    public static TestResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided,
        RankTestMethod method = RankTestMethod.Auto, bool continuityCorrection = true)
    {
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }
        if (x.Concat(y).Any(double.IsNaN))
        {
            throw new ArgumentException("The samples contain NaN.");
        }
        var n1 = x.Count;
        var n2 = y.Count;
        var (ranks, tieTerm, hasTies) = Ranks.Of([.. x, .. y]);
        var rankSum = 0.0;
        for (var i = 0; i < n1; i++)
        {
            rankSum += ranks[i];
        }
        var u1 = rankSum - (n1 * (n1 + 1) / 2.0);
        var u2 = ((double)n1 * n2) - u1;
        var u = alternative switch
        {
            Alternative.Greater => u1,
            Alternative.Less => u2,
            _ => Math.Max(u1, u2),
        };
        if (method == RankTestMethod.Auto)
        {
            method = (n1 <= 8 || n2 <= 8) && !hasTies ? RankTestMethod.Exact : RankTestMethod.Asymptotic;
        }
        if (method == RankTestMethod.Exact && (long)n1 * n2 > MostExactPairs)
        {
            throw new ArgumentException($"the exact distribution of U for {n1} × {n2} values is too large to compute (more than {MostExactPairs:N0} pairs); use the asymptotic method, which is accurate at these sizes.");
        }
        double p;
        if (method == RankTestMethod.Exact)
        {
            p = ExactUpperTail((long)u, Math.Min(n1, n2), Math.Max(n1, n2));
        }
        else
        {
            double n = n1 + n2;
            var sd = Math.Sqrt(n1 * (double)n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1)))));
            var numerator = u - (n1 * (double)n2 / 2.0) - (continuityCorrection ? 0.5 : 0.0);
            p = Normal.CDF(0.0, 1.0, -(numerator / sd));
            if (double.IsNaN(p))
            {
                p = 1.0;
            }
        }
        if (alternative == Alternative.TwoSided)
        {
            p *= 2.0;
        }
        return new TestResult(u1, Math.Clamp(p, 0.0, 1.0), method == RankTestMethod.Exact ? "exact" : "asymptotic");
    }

    /// <summary>P(U ≥ u) under the null, from the counts of U over all arrangements of m and n values.</summary>
    private static double ExactUpperTail(long u, int m, int n)
    {
        var counts = Counts(m, n);
        var total = 0.0;
        foreach (var count in counts)
        {
            total += count;
        }
        var tail = 0.0;
        for (var k = Math.Max(0, u); k < counts.Length; k++)
        {
            tail += counts[k];
        }
        return tail / total;
    }

    /// <summary>
    /// How many arrangements give each U from 0 to mn: the coefficients of the Gaussian binomial
    /// ∏ᵢ (1 - q^(n+i)) / (1 - qⁱ), i = 1..m, built one factor at a time.
    /// </summary>
    private static double[] Counts(int m, int n)
    {
        var size = (m * n) + 1;
        var counts = new double[size];
        counts[0] = 1.0;
        for (var i = 1; i <= m; i++)
        {
            // Multiply by (1 - q^(n+i)), then divide by (1 - q^i).
            for (var k = size - 1; k >= n + i; k--)
            {
                counts[k] -= counts[k - n - i];
            }
            for (var k = i; k < size; k++)
            {
                counts[k] += counts[k - i];
            }
        }
        return counts;
    }
}
