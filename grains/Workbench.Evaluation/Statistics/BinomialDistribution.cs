using MathNet.Numerics;

namespace Workbench.Evaluation.Statistics;

/// <summary>
/// The binomial distribution computed to full precision at any number of trials: the probability mass by
/// Loader's saddle-point expansion (Loader 2000, "Fast and accurate computation of binomial
/// probabilities", the algorithm of R's <c>dbinom</c>), and the tails by summing from the far end, so
/// that tests on millions of trials compare probabilities that differ in the seventh digit correctly.
/// </summary>
internal static class BinomialDistribution
{
    private const double LogTwoPi = 1.8378770664093454835606594728112;

    /// <summary>P(X = k).</summary>
    public static double Pmf(long k, long n, double p)
    {
        var q = 1.0 - p;
        if (k < 0 || k > n)
        {
            return 0.0;
        }
        if (p == 0.0)
        {
            return k == 0 ? 1.0 : 0.0;
        }
        if (q == 0.0)
        {
            return k == n ? 1.0 : 0.0;
        }
        if (k == 0)
        {
            return Math.Exp(p < 0.1 ? -DevianceTerm(n, n * q) - (n * p) : n * Math.Log(q));
        }
        if (k == n)
        {
            return Math.Exp(q < 0.1 ? -DevianceTerm(n, n * p) - (n * q) : n * Math.Log(p));
        }
        var logCore = StirlingError(n) - StirlingError(k) - StirlingError(n - k) - DevianceTerm(k, n * p) - DevianceTerm(n - k, n * q);
        var logFactor = LogTwoPi + Math.Log(k) + Math.Log((n - k) / (double)n);
        return Math.Exp(logCore - (0.5 * logFactor));
    }

    /// <summary>P(X ≤ k).</summary>
    public static double Cdf(long k, long n, double p)
    {
        if (k < 0)
        {
            return 0.0;
        }
        if (k >= n)
        {
            return 1.0;
        }
        return k < Mode(n, p) ? SumDown(k, n, p) : Math.Max(0.0, 1.0 - SumUp(k + 1, n, p));
    }

    /// <summary>P(X &gt; k).</summary>
    public static double Sf(long k, long n, double p)
    {
        if (k < 0)
        {
            return 1.0;
        }
        if (k >= n)
        {
            return 0.0;
        }
        return k + 1 > Mode(n, p) ? SumUp(k + 1, n, p) : Math.Max(0.0, 1.0 - SumDown(k, n, p));
    }

    private static long Mode(long n, double p) => (long)Math.Floor((n + 1) * p);

    /// <summary>P(X ≤ k) for k below the mode, where the terms fall as j falls.</summary>
    private static double SumDown(long k, long n, double p)
    {
        var sum = 0.0;
        for (var j = k; j >= 0; j--)
        {
            var term = Pmf(j, n, p);
            sum += term;
            if (term <= sum * 1e-17)
            {
                break;
            }
        }
        return sum;
    }

    /// <summary>P(X ≥ k) for k above the mode, where the terms fall as j rises.</summary>
    private static double SumUp(long k, long n, double p)
    {
        var sum = 0.0;
        for (var j = k; j <= n; j++)
        {
            var term = Pmf(j, n, p);
            sum += term;
            if (term <= sum * 1e-17)
            {
                break;
            }
        }
        return sum;
    }

    /// <summary>log(n!) - log(√(2π n) (n/e)ⁿ), from its asymptotic series past 15 and directly below.</summary>
    private static double StirlingError(double n)
    {
        const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260, S3 = 1.0 / 1680, S4 = 1.0 / 1188;
        if (n <= 15.0)
        {
            return SpecialFunctions.GammaLn(n + 1.0) - ((n + 0.5) * Math.Log(n)) + n - (0.5 * LogTwoPi);
        }
        var nn = n * n;
        if (n > 500)
        {
            return (S0 - (S1 / nn)) / n;
        }
        if (n > 80)
        {
            return (S0 - ((S1 - (S2 / nn)) / nn)) / n;
        }
        if (n > 35)
        {
            return (S0 - ((S1 - ((S2 - (S3 / nn)) / nn)) / nn)) / n;
        }
        return (S0 - ((S1 - ((S2 - ((S3 - (S4 / nn)) / nn)) / nn)) / nn)) / n;
    }

    /// <summary>x log(x / m) + m - x, computed without cancellation when x is near m.</summary>
    private static double DevianceTerm(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            var v = (x - m) / (x + m);
            var s = (x - m) * v;
            if (Math.Abs(s) < double.Epsilon)
            {
                return s;
            }
            var ej = 2.0 * x * v;
            v *= v;
            for (var j = 1; j < 1000; j++)
            {
                ej *= v;
                var next = s + (ej / ((2 * j) + 1));
                if (next == s)
                {
                    return next;
                }
                s = next;
            }
        }
        return (x * Math.Log(x / m)) + m - x;
    }
}
