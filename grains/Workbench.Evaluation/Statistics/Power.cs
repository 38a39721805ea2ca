using MathNet.Numerics.Distributions;

namespace Workbench.Evaluation.Statistics;

/// <summary>
/// Power of a paired comparison by the normal approximation: with the standard deviation σ of the
/// per-row differences, a two-sided test at level α over n rows detects an effect δ with power 1 - β
/// when δ = (z₁₋α/₂ + z₁₋β) σ / √n.
/// </summary>
public static class Power
{
    /// <summary>The smallest effect detectable with <paramref name="power"/> over <paramref name="rows"/> rows.</summary>
    public static double MinimumDetectableEffect(double differenceStandardDeviation, long rows, double alpha = 0.05, double power = 0.8) =>
        rows < 1 ? double.PositiveInfinity : Critical(alpha, power) * differenceStandardDeviation / Math.Sqrt(rows);

    /// <summary>The rows needed to detect <paramref name="effect"/> with <paramref name="power"/>.</summary>
    public static long RowsNeeded(double differenceStandardDeviation, double effect, double alpha = 0.05, double power = 0.8)
    {
        if (effect == 0.0)
        {
            return long.MaxValue;
        }
        var rows = Math.Pow(Critical(alpha, power) * differenceStandardDeviation / effect, 2);
        return Math.Max(2, (long)Math.Ceiling(rows));
    }

    private static double Critical(double alpha, double power) =>
        Normal.InvCDF(0.0, 1.0, 1.0 - (alpha / 2.0)) + Normal.InvCDF(0.0, 1.0, power);
}
