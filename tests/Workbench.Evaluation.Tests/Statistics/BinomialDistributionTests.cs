using System.Numerics;
using Workbench.Evaluation.Statistics;

namespace Workbench.Evaluation.Tests.Statistics;

// The references are computed here from the definition P(X = k) = C(n, k) pᵏ (1 - p)ⁿ⁻ᵏ in exact
// rational arithmetic, and, for millions of trials, from the asymptotic series of the central binomial
// coefficient; neither shares any code with Loader's saddle-point algorithm under test.
public sealed class BinomialDistributionTests
{
    [Fact]
    public void Probabilities_over_twenty_one_trials_match_exact_rational_arithmetic()
    {
        // p = 0.48 = 12/25, so P(X = k) = C(21, k) 12ᵏ 13²¹⁻ᵏ / 25²¹ exactly.
        const int N = 21;
        var denominator = BigInteger.Pow(25, N);
        var cumulative = BigInteger.Zero;
        for (var k = 0; k <= N; k++)
        {
            var numerator = Choose(N, k) * BigInteger.Pow(12, k) * BigInteger.Pow(13, N - k);
            cumulative += numerator;

            AssertRelative(Ratio(numerator, denominator), BinomialDistribution.Pmf(k, N, 0.48), 1e-12, $"pmf at {k}");
            AssertRelative(Ratio(cumulative, denominator), BinomialDistribution.Cdf(k, N, 0.48), 1e-12, $"cdf at {k}");
            if (k < N)
            {
                AssertRelative(Ratio(denominator - cumulative, denominator), BinomialDistribution.Sf(k, N, 0.48), 1e-12, $"sf at {k}");
            }
        }
    }

    [Fact]
    public void Central_probability_over_two_million_fair_trials_matches_the_asymptotic_series()
    {
        // C(2m, m) / 4ᵐ = (πm)^(-1/2) (1 - 1/(8m) + 1/(128m²) + 5/(1024m³) - 21/(32768m⁴) + ...), the asymptotic
        // expansion of the central binomial coefficient (Wikipedia, "Central binomial coefficient"; OEIS A000984).
        // At m = 10⁶ the omitted terms are below 10⁻¹⁸ of the whole.
        const long M = 1_000_000;
        double m = M;
        var central = 1.0 / Math.Sqrt(Math.PI * m) * (1.0 - (1.0 / (8 * m)) + (1.0 / (128 * m * m)) + (5.0 / (1024 * m * m * m)));

        AssertRelative(central, BinomialDistribution.Pmf(M, 2 * M, 0.5), 1e-12, "pmf at the centre");
        // By symmetry the outcomes below the centre and those above it each carry half of what the centre leaves.
        AssertRelative((1.0 - central) / 2.0, BinomialDistribution.Cdf(M - 1, 2 * M, 0.5), 1e-12, "cdf below the centre");
        AssertRelative((1.0 + central) / 2.0, BinomialDistribution.Cdf(M, 2 * M, 0.5), 1e-12, "cdf at the centre");
        AssertRelative((1.0 - central) / 2.0, BinomialDistribution.Sf(M, 2 * M, 0.5), 1e-12, "sf at the centre");
    }

    [Fact]
    public void Degenerate_proportions_put_all_mass_at_one_end()
    {
        Assert.Equal(1.0, BinomialDistribution.Pmf(0, 10, 0.0));
        Assert.Equal(0.0, BinomialDistribution.Pmf(1, 10, 0.0));
        Assert.Equal(1.0, BinomialDistribution.Pmf(10, 10, 1.0));
        Assert.Equal(0.0, BinomialDistribution.Pmf(9, 10, 1.0));
        Assert.Equal(0.0, BinomialDistribution.Pmf(-1, 10, 0.5));
        Assert.Equal(0.0, BinomialDistribution.Pmf(11, 10, 0.5));
    }

    private static BigInteger Choose(int n, int k)
    {
        var result = BigInteger.One;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        // Scaled so that the integer quotient keeps far more than a double's 53 bits.
        var scale = BigInteger.Pow(10, 40);
        return (double)(numerator * scale / denominator) / 1e40;
    }

    private static void AssertRelative(double expected, double actual, double relativeTolerance, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance})");
}
